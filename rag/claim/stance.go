package claim

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// Kinds of denial cue (claim-denial.txt), and plain negation.
const (
	cueDeny  = "deny"
	cueFalse = "false"
	cueLack  = "lack"
	cueNot   = "not"
)

type cuePhrase struct {
	kind  string
	words []string
}

var denialCues = func() []cuePhrase {
	var out []cuePhrase
	for _, l := range lang.Entries("claim-denial") {
		out = append(out, cuePhrase{kind: l[0], words: l[1:]})
	}
	// Longest first, so that "no evidence" wins over "no".
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].words) > len(out[j-1].words); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// cueKinds names the kinds of cue for Evidence.
var cueKinds = map[string]string{cueDeny: Denial, cueFalse: Falsehood, cueLack: NoEvidence, cueNot: Negation}

// conjunctions open a clause of their own.
var conjunctions = lang.AllWords("claim-conjunctions")

// relatives make a denial bear on what came before.
var relatives = lang.AllWords("claim-relatives")

// cue is a denial or negation found in a sentence, tokens [from, to).
type cue struct {
	kind     string
	from, to int
}

// negationScope is how many words after a negation it bears on: the verb
// phrase it negates ("did not send drones", "never supplied").
const negationScope = 4

// negatedIn reports whether the sentence denies, calls false or negates
// what it says of the claim: an odd number of cues whose scope holds one
// of the claim's words (positions in occ). cue is the first such cue as
// written; cues counts every cue of the sentence.
func negatedIn(text string, toks []token, occ map[int]bool) (neg bool, first, kind string, cues int) {
	clause := clauses(text, toks)
	var found []cue
	for i := 0; i < len(toks); i++ {
		if c, ok := phraseAt(toks, i); ok {
			found = append(found, c)
			i = c.to - 1
			continue
		}
		if negations[toks[i].lower] && !additive(toks, i) {
			found = append(found, cue{kind: cueNot, from: i, to: i + 1})
		}
	}
	for _, c := range found {
		from, to := scope(c, toks, clause)
		hit := false
		for p := from; p < to; p++ {
			if occ[p] {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		neg = !neg
		if first == "" {
			first, kind = cueText(text, toks, c), cueKinds[c.kind]
		}
	}
	return neg, first, kind, len(found)
}

// phraseAt matches a denial phrase at token i.
func phraseAt(toks []token, i int) (cue, bool) {
	for _, p := range denialCues {
		if i+len(p.words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p.words {
			if toks[i+k].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return cue{kind: p.kind, from: i, to: i + len(p.words)}, true
		}
	}
	return cue{}, false
}

// scope returns the tokens [from, to) a cue bears on.
func scope(c cue, toks []token, clause []int) (int, int) {
	start := c.from
	for start > 0 && clause[start-1] == clause[c.from] {
		start--
	}
	switch c.kind {
	case cueDeny:
		// "…, which Moscow denies" and "…, a claim Tehran denies" bear on
		// what came before.
		relative := false
		for _, t := range toks[start:c.from] {
			if relatives[t.lower] {
				relative = true
			}
		}
		after := false
		for _, t := range toks[c.to:] {
			if t.content() {
				after = true
				break
			}
		}
		if relative || !after {
			return 0, start
		}
		return c.to, len(toks)
	case cueFalse:
		// "the X part is completely wrong" bears on its subject; "this is
		// false" on the clauses before; "it is not true that X" on X.
		if specific(toks[start:c.from]) {
			return start, c.from
		}
		if specific(toks[:start]) {
			return 0, c.from
		}
		return c.to, len(toks)
	case cueLack:
		return c.to, len(toks)
	}
	end := c.to
	for end < len(toks) && end < c.to+negationScope && clause[end] == clause[c.from] && !clauseOpeners[toks[end].lower] {
		end++
	}
	return c.to, end
}

var clauseOpeners = lang.AllWords("claim-clause-openers")

// speechWord reports whether w is a form of a verb of saying, bare forms
// of noun-like ones included ("did not confirm").
func speechWord(w string) bool {
	if _, ok := lang.SpeechVerb(w); ok {
		return true
	}
	_, ok := lang.SpeechLemma(w)
	return ok
}

// unasserted reports whether the claim's words (positions in occ) sit in a
// clause the sentence says nobody asserted: after a negated verb of saying
// ("did not confirm that …", "never said …"), unless the claim says so
// too.
func (a *analysis) unasserted(text string, toks []token, occ map[int]bool) bool {
	clause := clauses(text, toks)
	for i := 0; i < len(toks); i++ {
		if !negations[toks[i].lower] || additive(toks, i) {
			continue
		}
		from, to := scope(cue{kind: cueNot, from: i, to: i + 1}, toks, clause)
		for p := from; p < to; p++ {
			if !speechWord(toks[p].lower) || occ[p] || a.words[toks[p].lower] {
				continue // the claim itself says nobody said it
			}
			for q := p + 1; q < len(toks); q++ {
				if occ[q] {
					return true
				}
			}
		}
	}
	return false
}

// specific reports whether toks name something beyond a claim itself
// ("the budget figure", not "this", "the report").
func specific(toks []token) bool {
	for _, t := range toks {
		if t.content() && !generic[t.lower] && !strings.HasSuffix(t.lower, "ly") {
			return true
		}
	}
	return false
}

// additive reports whether the negation at token i adds rather than
// denies ("not only").
func additive(toks []token, i int) bool {
	return i+1 < len(toks) && additives[toks[i+1].lower]
}

var additives = lang.AllWords("claim-additive")

// cueText is a cue as written, with the adverb that strengthens it
// ("completely wrong").
func cueText(text string, toks []token, c cue) string {
	from, to := c.from, c.to
	if from > 0 && strings.HasSuffix(toks[from-1].lower, "ly") {
		from--
	}
	if c.kind == cueNot && to < len(toks) {
		to++
	}
	return text[toks[from].start:toks[to-1].end]
}

// clauses numbers the clauses of a sentence, token by token: punctuation
// (commas, dashes, colons, brackets, quotation marks) and contrastive
// conjunctions open a new clause.
func clauses(text string, toks []token) []int {
	out := make([]int, len(toks))
	n := 0
	for i := range toks {
		if i > 0 {
			gap := text[toks[i-1].end:toks[i].start]
			if strings.ContainsAny(gap, ",;:()–—“”\"") || strings.Contains(gap, " - ") || conjunctions[toks[i].lower] {
				n++
			}
		}
		out[i] = n
	}
	return out
}
