package answer

import (
	"strconv"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/index"
)

// titles scores the title of each article the passages come from against
// the question, best first; their sentence index is -1.
func titles(q Question, passages []index.Passage) []candidate {
	seen := map[string]bool{}
	var out []candidate
	for _, p := range passages {
		if seen[p.Doc] || p.Title == "" {
			continue
		}
		seen[p.Doc] = true
		c := candidate{doc: p.Document, sentence: -1, hit: p.Score, toks: tokenize(p.Title), matched: map[string]float64{}}
		for _, t := range q.terms {
			if credit := matchCredit(t.Stem, c.toks); credit > 0 {
				c.matched[t.Stem] = credit
			}
		}
		c.rescore(q)
		out = append(out, c)
	}
	return out
}

// bestTitle returns the title the answer should lead with when no sentence
// answers the question but a title does: a headline often says in a few
// words what no sentence repeats ("What division addresses cyberthreats?"
// answered by the article's title). Only questions asking for a thing or a
// person are answered so; a yes or no needs a sentence that says it.
func bestTitle(q Question, cands, titles []candidate) (candidate, bool) {
	if q.kind == askYesNo || answers(q, cands) {
		return candidate{}, false
	}
	for _, t := range titles {
		if answers(q, []candidate{t}) && len(t.doc.Sentences) > 0 {
			return t, true
		}
	}
	return candidate{}, false
}

// titleAnswer leads with an article's title, cited by the article's first
// sentence (a title is not in the article's text, so it cannot be quoted).
func titleAnswer(q Question, t candidate) Answer {
	p := index.Passage{Doc: t.doc.ID, Title: t.doc.Title, Published: t.doc.Published, URL: t.doc.URL, Document: t.doc}
	first := t.doc.Sentences[0]
	c := citation(p, corpus.Span{Start: first.Start, End: first.End}, 1)
	return Answer{
		Question: q.text, Mode: ModeExtractive, Citations: []Citation{c},
		Text: "**" + t.doc.Title + "**, as the article's title says [" + strconv.Itoa(c.N) + "]",
	}
}
