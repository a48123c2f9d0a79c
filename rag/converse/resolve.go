package converse

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// Resolve rewrites a follow-up question as a standalone question, given the
// earlier turns of its conversation, oldest first. See the package
// documentation for what it resolves.
func Resolve(history []Turn, question string) Resolution {
	q := strings.TrimSpace(question)
	res := Resolution{Question: q}
	toks := tokenize(q)
	if len(history) == 0 || len(toks) == 0 {
		return res
	}
	c := newDiscourse(history)
	prev := history[len(history)-1]
	if continuation(toks) {
		return inContext(prev.Question, q)
	}
	if r, ok := c.bareQuestion(prev, q, toks); ok {
		return r
	}
	if r, ok := c.ellipsis(history, q, toks); ok {
		return r
	}
	return c.references(q, toks)
}

// Focus returns the words of what a question asks about: its nouns other
// than names ("drones" in "Did Iran send drones to Russia?").
func Focus(question string) []string {
	var out []string
	toks := tokenize(question)
	for i, t := range toks {
		if focusCandidate(toks, i) {
			out = append(out, t.text)
		}
	}
	return out
}

// focusCandidate reports whether token i of a question may be what it asks
// about: a content word that is neither a name, a verb, a question word nor
// the possessive "s".
func focusCandidate(toks []token, i int) bool {
	t := toks[i]
	if !t.content() || t.upper || t.verb() || isWh(t) || auxiliaries[t.lower] || isNumber(t.lower) {
		return false
	}
	// A word in -ing is a noun after a determiner or an adjective ("the
	// new building"), a verb's gerund otherwise ("proposed severing").
	if len(t.lower) > 5 && strings.HasSuffix(t.lower, "ing") {
		if i == 0 {
			return false
		}
		p := toks[i-1]
		return determiners[p.lower] || p.content() && !p.verb() && !p.upper && !strings.HasSuffix(p.lower, "ing")
	}
	return true
}

// changed builds the resolution of q as out by rule.
func changed(q, out, rule string, subs []Substitution) Resolution {
	if out == q {
		return Resolution{Question: q}
	}
	return Resolution{Question: out, Changed: true, Rule: rule, Substitutions: subs}
}

// inContext joins the earlier question to a follow-up that could not be
// merged into it, so that the answerer sees both.
func inContext(earlier, q string) Resolution {
	e := strings.TrimSpace(earlier)
	if e == "" {
		return Resolution{Question: q}
	}
	if !strings.ContainsAny(e[len(e)-1:], "?.!") {
		e += "?"
	}
	return Resolution{Question: e + " " + q, Changed: true, Rule: "context"}
}

// bareQuestion resolves a follow-up made only of a question opening
// ("Why?", "And when was that?", "How many?") by asking it of the earlier
// question.
func (c *discourse) bareQuestion(prev Turn, q string, toks []token) (Resolution, bool) {
	lead := 0
	if leads[toks[0].lower] {
		lead = 1
	}
	n, open := matchOpening(toks[lead:], whOpenings)
	if n == 0 {
		return Resolution{}, false
	}
	negate := false
	for _, t := range toks[lead+n:] {
		if _, ok := pronouns[t.lower]; !ok && !fillers[t.lower] {
			return Resolution{}, false
		}
		negate = negate || t.lower == "not"
	}
	wh := q[toks[lead].start:toks[lead+n-1].end]
	wh = strings.ToUpper(wh[:1]) + wh[1:]
	out, ok := askOf(wh, strings.Join(open, " "), prev.Question)
	if ok && negate {
		out, ok = negated(out)
	}
	if !ok {
		return inContext(prev.Question, q), true
	}
	return changed(q, out, "question", []Substitution{{From: q, To: out}}), true
}

// askOf asks the question opening wh ("Why", "How many") of an earlier
// question: "Did Iran send drones to Russia?" gives "Why did Iran send
// drones to Russia?" and "How many drones did Iran send to Russia?". It
// reports false when the earlier question has no auxiliary to ask with
// ("Who sent drones?") or asks for an identity ("Who is the minister?").
func askOf(wh, open, earlier string) (string, bool) {
	body := strings.TrimRight(strings.TrimSpace(earlier), "?.! ")
	et := tokenize(body)
	if len(et) == 0 {
		return "", false
	}
	i := 0
	if isWh(et[0]) {
		i = 1
		switch et[0].lower {
		case "how":
			if i < len(et) && (et[i].lower == "many" || et[i].lower == "much") {
				i++
				if i < len(et) && !auxiliaries[et[i].lower] {
					i++
				}
			}
		case "which", "what", "whose":
			if i < len(et) && !auxiliaries[et[i].lower] && et[i].content() && !et[i].verb() {
				i++
			}
		}
		if i >= len(et) || !auxiliaries[et[i].lower] || copula(et[i]) {
			return "", false
		}
	} else if !auxiliaries[et[0].lower] {
		return "", false
	}
	rest := body[et[i].start:]
	if open == "how many" || open == "how much" {
		for j := i + 1; j < len(et); j++ {
			if focusCandidate(et, j) && (open == "how much" || et[j].plural()) {
				// The noun moves with its adjectives; a determiner or number
				// before them goes.
				k := j
				for k-1 > i && focusCandidate(et, k-1) {
					k--
				}
				from := et[k].start
				if k-1 > i && (determiners[et[k-1].lower] || isNumber(et[k-1].lower)) {
					from = et[k-1].start
				}
				rest = body[et[i].start:from] + body[et[j].end:]
				wh += " " + body[et[k].start:et[j].end]
				break
			}
		}
	}
	rest = strings.Join(strings.Fields(rest), " ")
	return wh + " " + strings.ToLower(rest[:1]) + rest[1:] + "?", true
}

func copula(t token) bool { return copulas[t.lower] }

// negated puts "not" after the subject of a question ("Why not?" of "Did
// the council approve the budget?" is "Why did the council not approve
// the budget?").
func negated(q string) (string, bool) {
	s, ok := subjectOf(q)
	if !ok {
		return "", false
	}
	at := strings.Index(q, s.text)
	if at < 0 {
		return "", false
	}
	at += len(s.text)
	return q[:at] + " not" + q[at:], true
}

var (
	copulas = lang.Set("copulas")
	leads   = lang.AllWords("converse-leads")
)

// ellipsis resolves "And missiles?", "What about Ukraine?" and bare noun
// phrases ("Missiles?"): the noun phrase replaces the earlier question's
// name or focus of the same kind.
func (c *discourse) ellipsis(history []Turn, q string, toks []token) (Resolution, bool) {
	prev := history[len(history)-1]
	n, _ := matchOpening(toks, ellipsisOpenings)
	rest := toks[n:]
	if len(rest) == 0 || len(rest) > 5 || (n == 0 && (len(toks) > 3 || !strings.HasSuffix(q, "?"))) {
		return Resolution{}, false
	}
	for _, t := range rest {
		if t.verb() || auxiliaries[t.lower] || isWh(t) {
			return Resolution{}, false
		}
		if _, ok := pronouns[t.lower]; ok {
			return Resolution{}, false
		}
	}
	// "And to Belarus?": the preposition is the earlier question's own.
	for len(rest) > 1 && rest[0].stop && !determiners[rest[0].lower] {
		rest = rest[1:]
	}
	// "What about Ukraine's?": the possessive is the earlier question's.
	possessive := len(rest) > 1 && rest[len(rest)-1].lower == "s" && rest[len(rest)-2].upper
	if possessive {
		rest = rest[:len(rest)-1]
	}
	np := q[rest[0].start:rest[len(rest)-1].end]
	head := rest[len(rest)-1]
	first := rest[0]
	if determiners[first.lower] && len(rest) > 1 {
		first = rest[1]
	}
	proper := first.upper && (n > 0 || !head.plural() || c.known(np))
	var from, to int
	found := false
	var e string
	// The newest of the last turns that has a word of the kind the noun
	// phrase replaces: a name for a name; for a noun, one of its number
	// that is not a role noun, unless it is one ("And missiles?" after a
	// question about drones, then one about a minister).
	for back := 1; back <= ellipsisTurns && back <= len(history) && !found; back++ {
		t := history[len(history)-back]
		e = strings.TrimSpace(t.Question)
		et := tokenize(e)
		if proper {
			from, to, found = c.nameTarget(e, et, np)
			continue
		}
		var det bool
		var score int
		from, to, det, score, found = focusTarget(t, et, head)
		if found && score == 0 && back < ellipsisTurns && back < len(history) {
			found = false // a better turn may come
			continue
		}
		if found && det && determiners[rest[0].lower] && len(rest) > 1 {
			np = q[rest[1].start:rest[len(rest)-1].end]
		}
	}
	if !found {
		e = strings.TrimSpace(prev.Question)
	}
	if !found {
		return inContext(prev.Question, q), true
	}
	if possessive && !strings.HasPrefix(e[to:], "'s") && !strings.HasPrefix(e[to:], "’s") {
		np += q[rest[len(rest)-1].end : rest[len(rest)-1].end+len("'s")]
		if strings.HasPrefix(q[rest[len(rest)-1].end:], "’") {
			np = q[rest[0].start : rest[len(rest)-1].end+len("’s")]
		}
	}
	out := e[:from] + np + e[to:]
	return changed(q, out, "ellipsis", []Substitution{{From: e[from:to], To: np}}), true
}

// continuations are follow-ups that only ask to go on ("Tell me more"),
// as their words joined by spaces.
var continuations = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range lang.Entries("converse-continuations") {
		m[strings.Join(e, " ")] = true
	}
	return m
}()

// continuation reports whether a follow-up only asks to go on.
func continuation(toks []token) bool {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.lower
	}
	return continuations[strings.Join(words, " ")]
}

// ellipsisTurns is how many of the latest turns an elliptical follow-up
// may continue.
const ellipsisTurns = 3

// nameTarget finds the name of the earlier question that a new name takes
// the place of: the last of the same kind (person or organisation), else
// the last.
func (c *discourse) nameTarget(e string, et []token, np string) (from, to int, ok bool) {
	runs := properRuns(e, et)
	if len(runs) == 0 {
		return 0, 0, false
	}
	kind := c.kindOfName(np)
	best := runs[len(runs)-1]
	for i := len(runs) - 1; i >= 0; i-- {
		if c.kindOfName(e[runs[i].from:runs[i].to]) == kind {
			best = runs[i]
			break
		}
	}
	return best.from, best.to, true
}

// focusTarget finds the word of the earlier question that a new noun takes
// the place of: a focus word (the turn's, else a noun of the question) of
// the same number, the last one. det reports a determiner before it.
func focusTarget(prev Turn, et []token, head token) (from, to int, det bool, score int, ok bool) {
	focus := map[string]bool{}
	for _, f := range prev.Focus {
		for _, t := range tokenize(f) {
			focus[t.stem] = true
		}
	}
	headRole := isRoleNoun(head)
	best, bestScore := -1, -1
	for i := range et {
		if !focusCandidate(et, i) {
			continue
		}
		score := 0
		if focus[et[i].stem] {
			score += 2
		}
		if et[i].plural() == head.plural() && isRoleNoun(et[i]) == headRole {
			score++
		}
		if score >= bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return 0, 0, false, 0, false
	}
	det = best > 0 && determiners[et[best-1].lower]
	return et[best].start, et[best].end, det, bestScore, true
}
