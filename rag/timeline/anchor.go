package timeline

import (
	"regexp"
	"strings"
	"unicode"
)

// onset marks a clause that says when something began or took place; such a
// clause is the likeliest referent of "months before the war".
var onset = regexp.MustCompile(`(?i)\b(?:broke out|began|begun|started|erupted|outbreak|launched|took place|was held|were held|happened|occurred|opened|founded|announced|signed|invaded|ended)\b`)

// stopwords carry no topic of their own.
var stopwords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "that": true, "this": true, "was": true,
	"were": true, "has": true, "have": true, "had": true, "its": true, "their": true, "his": true,
	"her": true, "from": true, "into": true, "over": true, "after": true, "before": true, "first": true,
	"been": true, "are": true, "not": true, "but": true, "which": true, "who": true, "when": true,
	"also": true, "than": true, "then": true, "there": true, "they": true, "them": true, "would": true,
	"will": true, "could": true, "said": true, "say": true, "says": true, "about": true, "some": true,
	"our": true, "out": true, "what": true, "one": true, "two": true, "all": true, "any": true,
}

// anchor finds the event that the noun phrase of a span ("the Ukraine war")
// refers to: the resolved event, in another sentence, whose clause shares
// the most content words with it, clauses that say when something began
// winning ties. It returns nil when no event shares at least half of the
// phrase's content words.
func anchor(it *item, items []*item) *item {
	ref := contentWords(it.m.ref)
	var best *item
	bestScore := 0.0
	for _, o := range items {
		if o.sent == it.sent || !o.ok || (o.m.kind == span && !o.lead) {
			continue
		}
		shared := 0
		for w := range contentWords(o.summary) {
			if ref[w] {
				shared++
			}
		}
		// Most of the noun phrase must match: "the storm", "the Ukraine war",
		// but not "leaders at the White House" for any clause with "house".
		if shared == 0 || 2*shared < len(ref) {
			continue
		}
		score := float64(shared)
		if onset.MatchString(o.summary) {
			score += 0.5
		}
		if score > bestScore {
			best, bestScore = o, score
		}
	}
	return best
}

// contentWords returns the lower-cased topic words of s, plural "s" removed.
func contentWords(s string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 3 || stopwords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
		}
		words[w] = true
	}
	return words
}
