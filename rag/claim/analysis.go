package claim

import (
	"github.com/newsbot/storybot/internal/lang"

	"sort"
	"strings"
)

// term is a word of a claim that a source must say.
type term struct {
	tok token
	// entity terms are names: the article's title may say them instead of
	// the sentence.
	entity bool
	// optional terms (a function word with alternatives, "before") need not
	// be said, but a source saying an alternative contradicts the claim.
	optional bool
	// surname is, for a given name ("Hossein" in "Hossein
	// Amirabdollahian"), the index in terms of the name's last word: a
	// source that gives the surname alone still names the person. -1
	// otherwise.
	surname int
}

// analysis is a claim, read for judging.
type analysis struct {
	text    string
	toks    []token
	terms   []term
	quants  []quantity
	negated bool // "Iran did not send …"
	// words are the claim's words, lower case: a hedge the claim itself
	// makes ("if", "could") does not hedge a source that repeats it.
	words map[string]bool
	// agent is the index in terms of the name that does what the claim
	// says ("Iran" in "Iran sent drones to Russia"), or -1.
	agent int
}

// MaxFromContext is how many of a claim's names the article's title or the
// sentence before may give instead of the sentence, when the sentence
// refers to it by a pronoun ("He also proposed …"): the sentence must name
// the rest.
const MaxFromContext = 1

// nearAlternative is how many words from the claim's words an alternative
// to a function word ("against" for "for", "before" for "after") may be
// to contradict it: such words are everywhere in a long sentence.
const nearAlternative = 3

// prepositions before a name make it something other than the doer;
// goals make it the receiver ("to Russia").
var prepositions, goals = func() (all, goal map[string]bool) {
	all, goal = map[string]bool{}, map[string]bool{}
	for _, e := range lang.Entries("claim-prepositions") {
		all[e[0]] = true
		if len(e) > 1 && e[1] == "goal" {
			goal[e[0]] = true
		}
	}
	return all, goal
}()

var leadIns = lang.Entries("claim-leadins")

// stripLeadIn leaves out an opening that introduces a claim ("Is it true
// that …").
func stripLeadIn(s string) string {
	toks := tokenize(s)
	for _, l := range leadIns {
		if len(l) > len(toks) {
			continue
		}
		ok := true
		for i, w := range l {
			if toks[i].lower != w {
				ok = false
				break
			}
		}
		if ok && len(toks) > len(l) {
			return strings.TrimSpace(s[toks[len(l)].start:])
		}
	}
	return s
}

func analyze(claim string) *analysis {
	c := stripLeadIn(strings.TrimSpace(claim))
	a := &analysis{text: c, toks: tokenize(c), agent: -1}
	number := map[int]bool{}
	for _, q := range quantities(c, a.toks) {
		if q.isYear() {
			continue // a year is a word to find, not an amount to compare
		}
		a.quants = append(a.quants, q)
		for i := q.from; i < q.to; i++ {
			if q.unit == "" || i < q.to-1 {
				number[i] = true
			}
		}
	}
	// A claim of a denial ("the company denied the report", "the report
	// is false") is a negated claim: a source's denial supports it. A
	// verb of denial stays a word the source must say; a verdict
	// ("false", "no evidence") does not. Whether the claim is negated is
	// read as a source's negation is, so that a negation bearing on none of
	// its words ("would not happen") counts for neither.
	denial := map[int]bool{}
	for i := 0; i < len(a.toks); i++ {
		if c, ok := phraseAt(a.toks, i); ok {
			if c.kind != cueDeny {
				for k := c.from; k < c.to; k++ {
					denial[k] = true
				}
			}
			i = c.to - 1
		}
	}
	var termAt []int
	act := false // a word other than a name has come
	for i, t := range a.toks {
		if denial[i] || negations[t.lower] {
			continue
		}
		if number[i] {
			continue
		}
		excl := len(exclusive[t.stem]) > 0
		if !t.content() && !excl {
			continue
		}
		entity := t.upper && (i > 0 || !commonNoun(t) || i+1 < len(a.toks) && a.toks[i+1].upper)
		// The doer is the name before the claim's first other word ("Iran
		// sent …"), or the one after "by" ("… were sold by Norway").
		switch {
		case entity && i > 0 && a.toks[i-1].lower == "by":
			a.agent = len(a.terms)
		case entity && a.agent < 0 && !act && (i == 0 || !prepositions[a.toks[i-1].lower]):
			a.agent = len(a.terms)
		case !entity && t.content():
			act = true
		}
		a.terms = append(a.terms, term{tok: t, entity: entity, optional: !t.content(), surname: -1})
		termAt = append(termAt, i)
	}
	a.linkSurnames(c)
	occ := map[int]bool{}
	for k, t := range a.terms {
		if !t.entity || a.onlyNames() {
			occ[termAt[k]] = true
		}
	}
	a.negated, _, _, _ = negatedIn(c, a.toks, occ)
	a.words = map[string]bool{}
	for _, t := range a.toks {
		a.words[t.lower] = true
	}
	return a
}

// linkSurnames links the given names of a person's name ("Hossein
// Amirabdollahian", "Dr Hannah Cole") to its last word. A name that ends in
// an organisation noun ("Lakeside University") is not a person's.
func (a *analysis) linkSurnames(c string) {
	for k := 0; k < len(a.terms); {
		j := k
		for j+1 < len(a.terms) && a.terms[j].entity && a.terms[j+1].entity &&
			c[a.terms[j].tok.end:a.terms[j+1].tok.start] == " " {
			j++
		}
		if j > k && !orgNouns[a.terms[j].tok.lower] {
			for m := k; m < j; m++ {
				a.terms[m].surname = j
			}
		}
		k = j + 1
	}
}

var orgNouns = lang.Set("org-nouns")

// commonNoun reports whether a capitalised word opening a claim is more
// likely a common noun than a name ("Students protested", "Construction
// stopped"), unless a capitalised word follows ("James Obi").
func commonNoun(t token) bool {
	for suf := range nounSuffixes {
		if strings.HasSuffix(t.lower, suf) {
			return true
		}
	}
	return false
}

// reading is what one sentence says of a claim.
type reading struct {
	stance    Verdict // Supported, Disputed, or "" for neither
	cue       string
	kind      string // of the cue: Denial, Falsehood, …
	span      int    // content words between the first and last claim word
	fromTitle int    // names given by the title or the sentence before only
	// mixed is set when the sentence also denies or negates something
	// else: it is cited after plainer sentences.
	mixed bool
}

// read reads a candidate sentence against the claim; ok is false when the
// sentence does not bear on it.
func (a *analysis) read(c Sentence, before string) (r reading, ok bool) {
	toks := tokenize(c.Text)
	if len(toks) == 0 {
		return reading{}, false
	}
	ci := make([]int, len(toks)) // content index, for distances
	n := 0
	for i, t := range toks {
		ci[i] = n
		if t.content() {
			n++
		}
	}
	var title []token
	var occ [][]int          // per term said in the sentence: its positions
	occAll := map[int]bool{} // positions of non-name claim words
	acts := map[int]bool{}   // positions of non-name claim words, also in a claim of names only
	var contra []string
	var nearOnly []term // optional words whose alternatives count only near the claim's words
	agentAt := []int(nil)
	for k, t := range a.terms {
		var pos []int
		for i, s := range toks {
			if same(t.tok.stem, s.stem) || generalSpeech[t.tok.stem] && saying(s) || t.entity && capitalOf(s, t.tok.stem) {
				pos = append(pos, i)
			}
		}
		if len(pos) > 0 {
			if k == a.agent {
				agentAt = pos
			}
			occ = append(occ, pos)
			for _, p := range pos {
				if !t.entity || a.onlyNames() {
					occAll[p] = true
				}
				if !t.entity {
					acts[p] = true
				}
			}
			continue
		}
		if t.optional {
			nearOnly = append(nearOnly, t)
			continue
		}
		if t.surname >= 0 && said(a.terms[t.surname], toks) {
			continue // "Amirabdollahian also claimed …"
		}
		if sib := sibling(t, toks, 0, len(toks)); sib >= 0 {
			contra = append(contra, toks[sib].text)
			continue
		}
		if t.entity && r.fromTitle < MaxFromContext && hasPronoun(toks) {
			if title == nil {
				title = tokenize(c.Title + " " + before)
			}
			if said(t, title) {
				r.fromTitle++
				continue
			}
		}
		return reading{}, false
	}
	sq := quantities(c.Text, toks)
	for _, q := range a.quants {
		equal, other := -1, -1
		for k, s := range sq {
			if s.unit != q.unit && !(q.unit != "" && s.unit != "" && same(q.unit, s.unit)) {
				continue
			}
			if s.value == q.value {
				equal = k
			} else if other < 0 {
				other = k
			}
		}
		switch {
		case equal >= 0:
			occ = append(occ, []int{sq[equal].from})
		case other >= 0:
			s := sq[other]
			contra = append(contra, c.Text[toks[s.from].start:toks[s.to-1].end])
			occ = append(occ, []int{s.from})
		default:
			return reading{}, false
		}
	}
	if len(occ) == 0 || receives(toks, agentAt, acts) {
		return reading{}, false
	}
	from, to := window(occ, ci)
	r.span = ci[to] - ci[from]
	if r.span > 2*len(occ)+2 {
		return reading{}, false // the words are there, but not said together
	}
	for _, t := range nearOnly {
		if sib := sibling(t, toks, from-nearAlternative, to+nearAlternative+1); sib >= 0 {
			contra = append(contra, toks[sib].text)
		}
	}
	switch {
	case len(contra) > 0:
		r.stance, r.cue, r.kind = Disputed, contra[0], Contradiction
	case strings.HasSuffix(strings.TrimRight(c.Text, "”\"’' "), "?") || a.hedged(toks, from, acts) || a.unasserted(c.Text, toks, acts):
		r.stance = ""
	default:
		neg, cue, kind, cues := negatedIn(c.Text, toks, occAll)
		r.mixed = cues > 0 && !neg
		r.stance = Supported
		switch {
		case neg != a.negated && neg:
			r.stance, r.cue, r.kind = Disputed, cue, kind
		case neg != a.negated:
			r.stance, r.kind = Disputed, Assertion // the claim denies what the source asserts
		}
	}
	return r, true
}

// receives reports whether the claim's doer is, in the sentence, only ever
// the receiver: after "to", or right after the claim's verb ("provided
// Russia with"). "Russia sent drones to Iran" is then another claim.
func receives(toks []token, agentAt []int, occ map[int]bool) bool {
	if len(agentAt) == 0 {
		return false
	}
	for _, p := range agentAt {
		if p == 0 || !(goals[toks[p-1].lower] || occ[p-1]) {
			return false
		}
	}
	return true
}

// capitals maps a capital's name to the stems of its country's names.
var capitals = func() map[string][]string {
	m := map[string][]string{}
	for _, e := range lang.Entries("claim-capitals") {
		for _, c := range e[1:] {
			m[e[0]] = append(m[e[0]], lang.Stem(c))
		}
	}
	return m
}()

// capitalOf reports whether a source word is the capital of the country
// a claim's name (stem) names: "Tehran" for "Iran" or "Iranian".
func capitalOf(t token, country string) bool {
	for _, c := range capitals[t.lower] {
		if lang.StemsMatch(c, country) {
			return true
		}
	}
	return false
}

// hasPronoun reports whether a sentence refers to someone by a personal
// pronoun ("we provided …", "it had …"): only then may the title give the
// name the sentence leaves out, not when it names someone else.
func hasPronoun(toks []token) bool {
	for _, t := range toks {
		if personalPronouns[t.lower] {
			return true
		}
	}
	return false
}

var personalPronouns = lang.Set("pronouns")

// generalSpeech are the stems of the verbs that say only that someone
// spoke ("said", "told"): any verb of saying or "according to" in a source
// says as much.
var generalSpeech = func() map[string]bool {
	m := map[string]bool{}
	for w := range lang.AllWords("claim-general-speech") {
		m[lang.Stem(w)] = true
	}
	return m
}()

// nounSuffixes end common nouns.
var nounSuffixes = lang.AllWords("claim-noun-suffixes")

// saying reports whether a source word attributes speech.
func saying(t token) bool {
	_, ok := lang.SpeechVerb(t.lower)
	return ok || t.lower == "according"
}

// onlyNames reports whether every word of the claim is a name: then a
// denial bearing on a name bears on the claim.
func (a *analysis) onlyNames() bool {
	for _, t := range a.terms {
		if !t.entity {
			return false
		}
	}
	return true
}

// said reports whether toks say a claim's word.
func said(t term, toks []token) bool {
	for _, s := range toks {
		if same(t.tok.stem, s.stem) {
			return true
		}
	}
	return false
}

// sibling returns the position of a word that excludes claim word t
// ("Tuesday" for "Monday"), or -1.
func sibling(t term, toks []token, from, to int) int {
	if len(exclusive[t.tok.stem]) == 0 {
		return -1
	}
	for i := max(from, 0); i < min(to, len(toks)); i++ {
		if s := toks[i]; s.stem != t.tok.stem && share(exclusive, t.tok.stem, s.stem) {
			return i
		}
	}
	return -1
}

// hedged reports whether a hypothetical ("if", "whether") comes before
// token from.
func (a *analysis) hedged(toks []token, from int, acts map[int]bool) bool {
	for i, t := range toks[:from] {
		if hedges[t.lower] && !acts[i] && !a.words[t.lower] {
			return true
		}
	}
	return false
}

// window returns the shortest stretch of tokens, by content index, that
// holds one position of every list of occ.
func window(occ [][]int, ci []int) (from, to int) {
	type hit struct{ pos, term int }
	var hits []hit
	for k, ps := range occ {
		for _, p := range ps {
			hits = append(hits, hit{p, k})
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	count := make([]int, len(occ))
	have, best := 0, -1
	l := 0
	for r := range hits {
		if count[hits[r].term] == 0 {
			have++
		}
		count[hits[r].term]++
		for have == len(occ) {
			if d := ci[hits[r].pos] - ci[hits[l].pos]; best < 0 || d < best {
				best, from, to = d, hits[l].pos, hits[r].pos
			}
			count[hits[l].term]--
			if count[hits[l].term] == 0 {
				have--
			}
			l++
		}
	}
	return from, to
}
