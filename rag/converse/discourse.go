package converse

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// discourse is what the earlier turns offer to refer to: people and
// organisations, newest first, and the earlier question itself.
type discourse struct {
	people []Entity
	orgs   []Entity
	prev   string
}

func newDiscourse(history []Turn) *discourse {
	c := &discourse{prev: history[len(history)-1].Question}
	seen := map[string]bool{}
	add := func(e Entity) {
		if e.Name == "" || seen[e.Name] {
			return
		}
		seen[e.Name] = true
		if e.Kind == "" {
			e.Kind = kindOf(e.Name, e.Role)
		}
		if e.Kind == Person {
			c.people = append(c.people, e)
		} else {
			c.orgs = append(c.orgs, e)
		}
	}
	for i := len(history) - 1; i >= 0; i-- {
		for _, e := range history[i].Entities {
			add(e)
		}
		q := history[i].Question
		for _, r := range properRuns(q, tokenize(q)) {
			name := q[r.from:r.to]
			if p, ok := c.person(name); ok && p.Name != name {
				continue // a surname of someone known
			}
			add(Entity{Name: name})
		}
	}
	return c
}

// person returns the known person a name or surname names.
func (c *discourse) person(name string) (Entity, bool) {
	for _, p := range c.people {
		if p.Name == name || wordIndex(p.Name, name) >= 0 {
			return p, true
		}
	}
	return Entity{}, false
}

// known reports whether a name is one the conversation has met.
func (c *discourse) known(name string) bool {
	if _, ok := c.person(name); ok {
		return true
	}
	for _, o := range c.orgs {
		if o.Name == name {
			return true
		}
	}
	return false
}

func (c *discourse) kindOfName(name string) string {
	if _, ok := c.person(name); ok {
		return Person
	}
	for _, o := range c.orgs {
		if o.Name == name {
			return o.Kind
		}
	}
	return kindOf(name, "")
}

// run is a stretch of a text, in byte offsets.
type run struct{ from, to int }

// properRuns returns the names of a text: runs of capitalised words
// separated by single spaces, leaving out a capitalised function word that
// opens the text ("Did", "What", "The").
func properRuns(s string, toks []token) []run {
	var out []run
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.upper || (i == 0 && (!t.content() || isWh(t) || auxiliaries[t.lower])) {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].upper && s[toks[j-1].end:toks[j].start] == " " {
			j++
		}
		out = append(out, run{t.start, toks[j-1].end})
		i = j - 1
	}
	return out
}

// references replaces pronouns and role nouns by what they refer to.
func (c *discourse) references(q string, toks []token) Resolution {
	var b strings.Builder
	var subs []Substitution
	last := 0
	own := properRuns(q, toks)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		from, to, name, possessive := -1, -1, "", false
		if p, ok := pronouns[t.lower]; ok {
			if dummy(toks, i) {
				continue
			}
			if boundByWho(toks, i, p) {
				continue // "Who said he would resign?": he is who
			}
			if c.namedBefore(q, own, t.start, p) {
				continue // "Did Raj Patel say when he starts?": he is Raj Patel
			}
			object := i > 0 && (toks[i-1].verb() || prepositions[toks[i-1].lower])
			if n, ok := c.referent(p, object, speaks(toks, i)); ok {
				from, to, name = t.start, t.end, n
				possessive = p.possessive || (t.lower == "her" && i+1 < len(toks) && focusCandidate(toks, i+1))
			}
		} else if t.lower == "the" {
			if j, n, ok := c.roleNoun(q, toks, i); ok {
				from, to, name = t.start, toks[j].end, n
				i = j
			}
		}
		if from < 0 || wordIndex(q, name) >= 0 {
			continue
		}
		b.WriteString(q[last:from])
		repl := name
		if possessive {
			repl += "’s"
			if strings.Contains(q, "'") || !strings.Contains(q, "’") {
				repl = name + "'s"
			}
		}
		b.WriteString(repl)
		subs = append(subs, Substitution{From: q[from:to], To: repl})
		last = to
	}
	if len(subs) == 0 {
		return Resolution{Question: q}
	}
	b.WriteString(q[last:])
	return changed(q, b.String(), "reference", subs)
}

// speaks reports whether the pronoun at token i is the subject of a verb
// of saying ("they denied", "did it say").
func speaks(toks []token, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		w := toks[j].lower
		if _, ok := lang.SpeechVerb(w); ok {
			return true
		}
		if _, ok := lang.SpeechLemma(w); ok {
			return true
		}
		if !auxiliaries[w] && !toks[j].stop {
			return false
		}
	}
	return false
}

// boundByWho reports whether a pronoun is bound by the question's own
// subject "who" ("Who said he would resign?", "Who claims they won?", "Who
// cut his salary?").
func boundByWho(toks []token, i int, p pronoun) bool {
	if i < 2 || !(toks[0].lower == "who" || toks[0].lower == "which") || !whoSubject(toks) {
		return false
	}
	// A possessive is bound ("Who set aside days of his schedule?"), and
	// so is the subject of a clause of its own ("he would" in "Who said he
	// would resign?"); an object is not ("Who replaced her?", "Who built
	// it?").
	if p.possessive && toks[i].lower != "her" {
		return true
	}
	if !subjectCase[toks[i].lower] || prepositions[toks[i-1].lower] {
		return false
	}
	return i+1 < len(toks) && (toks[i+1].verb() || auxiliaries[toks[i+1].lower])
}

var prepositions = lang.AllWords("converse-prepositions")

// whoSubject reports whether a question's opening "who" is its subject
// ("Who said …", "Who had set aside …"), not its object ("Who did he
// meet?", "Who will she appoint?").
func whoSubject(toks []token) bool {
	if len(toks) < 2 || !auxiliaries[toks[1].lower] {
		return true
	}
	if lang.Lemma(toks[1].lower) == "do" || toks[1].lower == "does" || toks[1].lower == "did" {
		return false
	}
	if len(toks) > 2 {
		if _, ok := pronouns[toks[2].lower]; ok || toks[2].upper {
			return false
		}
	}
	return true
}

// subjectCase are the pronouns that can be a clause's subject.
var subjectCase = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range lang.Entries("converse-pronouns") {
		if e[3] == "subject" {
			m[e[0]] = true
		}
	}
	return m
}()

// namedBefore reports whether the question itself names, before offset
// at, someone a pronoun can refer to.
func (c *discourse) namedBefore(q string, own []run, at int, p pronoun) bool {
	for _, r := range own {
		if r.to > at {
			break
		}
		k := c.kindOfName(q[r.from:r.to])
		if (p.gender == "male" || p.gender == "female") == (k == Person) {
			return true
		}
	}
	return false
}

// referent returns the name a pronoun stands for, from the newest turns.
// An object "it" or "them" ("When did he propose it?") may stand for an
// act rather than a thing, so it is resolved only to the earlier
// question's subject or focus, never to a name of the earlier answer. A
// pronoun that says something ("What did they deny?") stands for an
// organisation, not for the things asked about.
func (c *discourse) referent(p pronoun, object, speaker bool) (string, bool) {
	switch p.gender {
	case "male", "female":
		for _, e := range c.people {
			if e.Gender == "" || e.Gender == p.gender {
				return e.Name, true
			}
		}
		return "", false
	}
	s, ok := subjectOf(c.prev)
	subject := ok && s.kind != Person && s.plural == p.plural && !(speaker && s.kind == thing)
	switch {
	case speaker:
		if subject {
			return s.text, true
		}
		if len(c.orgs) > 0 {
			return c.orgs[0].Name, true
		}
		return "", false
	case object:
		// "Who voted against it?" after "Did the council approve the
		// budget?": an object stands for the earlier question's object.
		if f, ok := focusPhrase(c.prev, p.plural); ok && (!subject || f != s.text) {
			return f, true
		}
		if subject {
			return s.text, true
		}
		return "", false
	case subject:
		return s.text, true
	case p.plural && ok && s.kind == Org:
		// "Did they use them?" after "Did Iran send drones?": a country or
		// an organisation is "they" too, and the subject stays the subject.
		return s.text, true
	case p.plural:
		if f, ok := focusPhrase(c.prev, true); ok {
			return f, true
		}
		for _, o := range c.orgs {
			if strings.HasSuffix(o.Name, "s") || len(strings.Fields(o.Name)) > 1 {
				return o.Name, true
			}
		}
		return "", false
	}
	if len(c.orgs) > 0 {
		return c.orgs[0].Name, true
	}
	return "", false
}

// thing is the kind of a described object ("the lab"): "it", never "he".
const thing = "thing"

// phrase is a noun phrase of a question.
type phrase struct {
	text   string
	kind   string
	plural bool
}

// maxWhPhrase is how many words may follow a question word before the
// auxiliary ("much", "many new drivers").
const maxWhPhrase = 3

// subjectOf returns the subject of a question: the noun phrase after its
// auxiliary ("Iran" in "Did Iran send drones?", "the lab" in "When did the
// lab open?").
func subjectOf(q string) (phrase, bool) {
	toks := tokenize(q)
	i := 0
	for i < len(toks) && isWh(toks[i]) {
		i++
	}
	// A wh phrase may go on before the auxiliary: "How much will the bridge
	// cost?", "How many drones did Iran send?".
	for k := 0; i > 0 && k < maxWhPhrase && i < len(toks) && !auxiliaries[toks[i].lower] && !toks[i].verb() && !toks[i].upper; k++ {
		i++
	}
	if i >= len(toks) || !auxiliaries[toks[i].lower] {
		return phrase{}, false
	}
	i++
	start := i
	if i < len(toks) && determiners[toks[i].lower] {
		i++
	}
	j := i
	for j < len(toks) && !toks[j].verb() && !auxiliaries[toks[j].lower] && (toks[j].upper || toks[j].content()) {
		// A word right before a determiner or a preposition, after the
		// noun phrase has begun, is its verb ("the council approve the
		// budget").
		if j > i && j+1 < len(toks) && !toks[j].upper && (determiners[toks[j+1].lower] || prepositions[toks[j+1].lower]) {
			break
		}
		j++
	}
	if j == i || j == start {
		return phrase{}, false
	}
	last := toks[j-1]
	text := q[toks[start].start:last.end]
	// A name is a person's or an organisation's; a description is a
	// person's when its head is a role noun ("the minister"), else a thing's
	// ("the lab", "the ferry service").
	kind := kindOf(text, "")
	if !toks[i].upper {
		kind = thing
		if roleGroup(toks[i:j]) >= 0 {
			kind = Person
		}
	}
	return phrase{text: text, kind: kind, plural: last.plural() && !last.upper}, true
}

// focusPhrase returns the last noun a question asks about of the given
// number, with its adjectives and determiner: "the budget", "electric
// buses". The question's subject is not its focus.
func focusPhrase(q string, plural bool) (string, bool) {
	toks := tokenize(q)
	subjectEnd := -1
	if s, ok := subjectOf(q); ok {
		subjectEnd = strings.Index(q, s.text) + len(s.text)
	}
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].start < subjectEnd {
			break
		}
		if focusCandidate(toks, i) && toks[i].plural() == plural {
			k := i
			for k > 0 && focusCandidate(toks, k-1) {
				k--
			}
			from := toks[k].start
			if k > 0 && determiners[toks[k-1].lower] {
				from = toks[k-1].start
			}
			return q[from:toks[i].end], true
		}
	}
	return "", false
}

// roleNoun reads "the minister", "the foreign minister", "the university"
// at token i ("the") and returns the last token of the phrase and the name
// of the person or organisation it stands for.
func (c *discourse) roleNoun(q string, toks []token, i int) (int, string, bool) {
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		t := toks[j]
		if t.verb() || !t.content() {
			return 0, "", false
		}
		if j+1 < len(toks) && (toks[j+1].lower == "of" || toks[j+1].upper) {
			continue
		}
		mods := toks[i+1 : j]
		if isRoleNoun(t) {
			for _, p := range c.people {
				if sameRole(t, p.Role) && modifiersFit(mods, p.Role+" "+p.Name) {
					return j, p.Name, true
				}
			}
		}
		if orgWords[t.lower] {
			for _, o := range c.orgs {
				ot := tokenize(o.Name)
				if len(ot) > 1 && ot[len(ot)-1].stem == t.stem && modifiersFit(mods, o.Name) {
					return j, o.Name, true
				}
			}
		}
	}
	return 0, "", false
}

// modifiersFit reports whether every modifier of a role noun ("foreign" in
// "the foreign minister") is among the words of a description.
func modifiersFit(mods []token, desc string) bool {
	dt := tokenize(desc)
	for _, m := range mods {
		ok := false
		for _, d := range dt {
			if stemsMatch(m.stem, d.stem) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
