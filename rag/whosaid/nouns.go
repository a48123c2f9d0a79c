package whosaid

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// Lists of the nouns of saying ("her call for …").
var (
	cueNouns     = lang.Set("whosaid-cue-nouns")
	cueNounLinks = lang.Set("whosaid-cue-noun-links")
)

// maxNounContent bounds the tokens of what a noun of saying carries when
// it is a noun phrase ("his call for …"); a clause after "that" runs to its
// punctuation like reported speech.
const (
	maxNounContent = 20
	maxNounClause  = 60
)

// possessivePronoun maps a possessive determiner to the pronoun the
// registry resolves (whosaid-possessive-pronouns.txt).
var possessivePronoun = func() map[string]string {
	out := map[string]string{}
	for _, e := range lang.Entries("whosaid-possessive-pronouns") {
		out[e[0]] = e[1]
	}
	return out
}()

// nounCues turns a noun of saying with its speaker as possessor into a
// statement of what it carries: "her call for a public inquiry", "Lee's
// claim that the deal was void", "the senator's attacks on the plan". The
// possessor is the speaker: a possessive pronoun, or a name ending in "'s".
// What a noun phrase carries stops at the clause's punctuation or at the
// verb it is the subject of ("Lee's comments about the plan were …").
func nounCues(toks []token) []candidate {
	var out []candidate
	for i := 0; i+2 < len(toks); i++ {
		subj, ok := possessor(toks, i)
		if !ok {
			continue
		}
		n := i + 1
		if n+1 < len(toks) && !cueNouns[toks[n].low] && plainWord(toks[n]) && cueNouns[toks[n+1].low] {
			n++ // "his repeated calls for"
		}
		if !cueNouns[toks[n].low] || n+2 >= len(toks) || !cueNounLinks[toks[n+1].low] {
			continue
		}
		if calendarWords[toks[n+2].low] {
			continue // "her comments on Tuesday": when, not what
		}
		from, limit := n+2, maxNounContent
		if toks[n+1].low == "that" {
			limit = maxNounClause
		}
		to := from
		for to < len(toks) && to < from+limit {
			t := toks[to]
			if t.text == "," || t.text == ";" || t.text == ":" || isDash(t) || to > from && clauseBreak(toks, to) && t.low != "and" {
				break
			}
			if toks[n+1].low != "that" && to > from && (auxiliaries[t.low] || isSpeechWord(t.low)) {
				break // the noun phrase is the subject of this verb
			}
			to++
		}
		from, to, _ = trimClause(toks, from, to)
		if to <= from || to-from == 1 && !startsUpper(toks[from].text) {
			continue
		}
		ev := &event{verb: n, verbEnd: n + 2, lemma: toks[n].low, subj: subj, which: -1, noun: true}
		out = append(out, candidate{kind: Indirect, start: toks[from].start, end: toks[to-1].end, ev: ev})
		i = to - 1
	}
	return out
}

// possessor reads the speaker of a noun of saying that ends at token i: a
// possessive pronoun ("her"), or a capitalised name in the possessive
// ("Lee's", "Ana Ruiz's").
func possessor(toks []token, i int) (mention, bool) {
	t := toks[i]
	if t.kind != wordToken {
		return mention{}, false
	}
	if p, ok := possessivePronoun[t.low]; ok {
		return mention{kind: pronounMention, from: i, to: i + 1, name: p}, true
	}
	if !t.isPossessive() || !startsUpper(t.text) {
		return mention{}, false
	}
	s := i
	for s > 0 && s > i-3 && toks[s-1].kind == wordToken && startsUpper(toks[s-1].text) && !toks[s-1].first && !determiners[toks[s-1].low] {
		s--
	}
	if s == i && t.first && functionWords[stripPossessive(t.low)] {
		return mention{}, false
	}
	words := make([]string, 0, i-s+1)
	for k := s; k <= i; k++ {
		words = append(words, toks[k].text)
	}
	name := stripPossessive(strings.Join(words, " "))
	return mention{kind: nameMention, from: s, to: i + 1, name: name, single: s == i}, true
}
