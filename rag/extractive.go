package rag

import (
	"sort"
	"strconv"
	"strings"

	"github.com/newsbot/storybot/corpus"
)

// Tuning of the extractive answerer.
const (
	// minCoverage is the share of the question's weighted words that the
	// chosen sentences must contain for the answer to count as found.
	minCoverage = 0.5
	// maxSentences and maxAnswerBytes keep an answer short.
	maxSentences   = 3
	maxAnswerBytes = 700
	// companionRatio is how close a further sentence's score must come to
	// the best one's to join the answer.
	companionRatio = 0.5
	cueBonus       = 0.15
	hitWeight      = 0.25
	// synonymCredit is the credit for a word matched through a synonym.
	synonymCredit = 0.7
)

// candidate is a sentence of a retrieved chunk, scored against a question.
type candidate struct {
	doc      *corpus.Document
	sentence int
	score    float64
	matched  map[string]float64 // question stem → credit
}

// Abstention is the answer text when the sources do not answer a question.
const Abstention = "The sources don't say. Nothing in the indexed articles answers this question, so I won't guess."

// extract composes an answer from the sentences of the retrieved chunks: it
// picks the sentences that best cover the question's words (weighted by
// rarity, synonyms at a discount, with a bonus for what the question kind
// looks for), leads with the best one and cites each. It abstains when the
// chosen sentences cover too little of the question or none of what the
// question asks for.
func (ix *Index) extract(q question, cands []candidate) Answer {
	ans := Answer{Question: q.text, Mode: ModeExtractive, Citations: []Citation{}}
	if !answers(q, cands) {
		ans.Abstained = true
		ans.Text = Abstention
		return ans
	}
	best := cands[0].score
	var parts []string
	size := 0
	for _, c := range cands {
		if len(ans.Citations) == maxSentences || c.score < companionRatio*best || len(c.matched) == 0 {
			break
		}
		text := c.doc.Sentence(c.sentence)
		if size > 0 && size+len(text) > maxAnswerBytes {
			continue
		}
		size += len(text)
		n := len(ans.Citations) + 1
		s := c.doc.Sentences[c.sentence]
		ans.Citations = append(ans.Citations, Citation{
			N: n, Doc: c.doc.ID, Title: c.doc.Title, Published: c.doc.PublishedDate(), URL: c.doc.URL,
			Quote: text, Start: s.Start, End: s.End,
		})
		parts = append(parts, text+" ["+strconv.Itoa(n)+"]")
	}
	ans.Text = strings.Join(parts, " ")
	return ans
}

// candidates scores every sentence of the hits, best first, each once.
func (ix *Index) candidates(q question, hits []Hit) []candidate {
	type key struct {
		doc      int
		sentence int
	}
	seen := make(map[key]bool)
	var out []candidate
	for _, h := range hits {
		ref := ix.chunks[h.slot]
		d := ix.docs[ref.Doc]
		for si := ref.First; si < ref.Last; si++ {
			k := key{ref.Doc, si}
			if seen[k] {
				continue
			}
			seen[k] = true
			c := candidate{doc: d, sentence: si, matched: make(map[string]float64)}
			text := d.Sentence(si)
			toks := tokenize(text)
			var got, total float64
			for _, t := range q.terms {
				total += t.weight
				if credit := matchCredit(t.stem, toks); credit > 0 {
					c.matched[t.stem] = credit
					got += credit * t.weight
				}
			}
			if total > 0 {
				c.score = got / total
			}
			if hasCue(q, text, toks) {
				c.score += cueBonus
			}
			c.score += hitWeight * h.Score
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// matchCredit is 1 when a sentence holds the question's stem, synonymCredit
// when it holds a synonym of it, and 0 otherwise.
func matchCredit(stem string, toks []token) float64 {
	credit := 0.0
	for _, t := range toks {
		if stemsMatch(stem, t.stem) {
			return 1
		}
		if credit == 0 {
			for _, v := range variants(stem) {
				if v == t.stem {
					credit = synonymCredit
					break
				}
			}
		}
	}
	return credit
}

// answers decides whether the best sentences answer the question: they must
// name what it asks for and cover enough of its weighted words.
func answers(q question, cands []candidate) bool {
	return namesFocus(q, cands) && covers(q, cands)
}

// namesFocus reports whether the best sentences name something the question
// asks for (its focus); a question without a focus passes. When they do not,
// the sources are about something else, and no answerer should try.
func namesFocus(q question, cands []candidate) bool {
	if len(q.terms) == 0 || len(cands) == 0 {
		return false
	}
	if len(q.focus) == 0 {
		return true
	}
	for _, c := range cands[:min(maxSentences, len(cands))] {
		for _, f := range q.focus {
			if c.matched[f] > 0 {
				return true
			}
		}
	}
	return false
}

// covers reports whether the two best sentences together hold at least
// minCoverage of the question's weighted words.
func covers(q question, cands []candidate) bool {
	var got, total float64
	top := cands[:min(2, len(cands))]
	for _, t := range q.terms {
		total += t.weight
		best := 0.0
		for _, c := range top {
			best = max(best, c.matched[t.stem])
		}
		got += best * t.weight
	}
	return total > 0 && got/total >= minCoverage
}
