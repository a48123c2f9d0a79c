package timeline

import (
	"regexp"

	"github.com/newsbot/storybot/internal/lang"
)

// onset marks a clause that says when something began or took place; such a
// clause is the likeliest referent of "months before the war".
var onset = regexp.MustCompile(`(?i)\b` + alt(list("date-onset-verbs")) + `\b`)

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

// contentWords returns the stems of the topic words of s: words of three
// letters or more that are not stopwords, so that "the storms" and "a storm"
// share "storm".
func contentWords(s string) map[string]bool {
	words := map[string]bool{}
	lang.EachWord(s, func(w string, _ int, f lang.Forms) {
		if len(w) >= 3 && !f.Stop {
			words[f.Stem] = true
		}
	})
	return words
}
