package claim

import (
	"context"
	"fmt"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/whosaid"
)

// RetrieveFunc returns the candidate sentences for a claim, best first:
// the engine's retrieval, narrowed to sentences with SentencesIn.
type RetrieveFunc func(ctx context.Context, claim string) ([]Sentence, error)

// Check validates a claim, retrieves its candidate sentences, judges it and
// names who disputes it (stmts may be nil): all of /check but the
// rendering. Errors are ErrEmpty, ErrTooLong, or the retrieval's, wrapped.
func Check(ctx context.Context, text string, retrieve RetrieveFunc, stmts []whosaid.Statement) (Result, error) {
	if err := Validate(text); err != nil {
		return Result{}, err
	}
	cands, err := retrieve(ctx, text)
	if err != nil {
		return Result{}, fmt.Errorf("retrieve sentences for claim: %w", err)
	}
	return Attribute(Judge(text, cands), stmts), nil
}

// SentencesIn returns the sentences of d that lie within the byte range
// [from, to) of its text (a retrieved chunk), each with the chunk's
// retrieval score.
func SentencesIn(d *corpus.Document, from, to int, score float64) []Sentence {
	var out []Sentence
	for _, s := range d.Sentences {
		if s.Start >= from && s.End <= to {
			out = append(out, Sentence{Doc: d.ID, Title: d.Title, Text: d.Text[s.Start:s.End], Start: s.Start, End: s.End, Score: score})
		}
	}
	return out
}
