package rag

import (
	"context"
	"errors"
	"fmt"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/answer"
	"github.com/newsbot/storybot/rag/claim"
)

// checkK is how many chunks a claim's candidate sentences come from.
const checkK = 20

// Verdicts of a checked claim (see claim.Verdict).
const (
	Supported = claim.Supported
	Disputed  = claim.Disputed
	NotFound  = claim.NotFound
)

// CheckResult is what the sources say of a claim, as `bot check --json`
// prints it.
type CheckResult struct {
	Claim       string        `json:"claim"`
	Verdict     claim.Verdict `json:"verdict"`
	Explanation string        `json:"explanation"`
	// Citations are the deciding passages, numbered from 1, verbatim in
	// their documents as for an answer.
	Citations []Citation `json:"citations"`
	// Evidence is, for each citation (same order), how it decides the
	// claim and who said so.
	Evidence []claim.Evidence `json:"-"`
}

// Check judges a claim someone made against the sources: supported,
// disputed (a source contradicts or denies it) or not found, with the
// deciding sentences as citations, each verified against its document's
// text as for Ask. An empty or over-long claim is an *InvalidError.
func (e *Engine) Check(ctx context.Context, text string) (CheckResult, error) {
	e = e.route(ctx)
	text, err := e.cleanInput(text, "claim")
	if err != nil {
		return CheckResult{}, err
	}
	e.mu.RLock()
	ix := e.ix
	stmts := e.an.whoSaid(ix)
	verify := e.sourceText(ix)
	e.mu.RUnlock()
	res, err := claim.Check(ctx, text, func(ctx context.Context, c string) ([]claim.Sentence, error) {
		e.mu.RLock()
		defer e.mu.RUnlock()
		passages, err := e.ix.Retrieve(ctx, c, checkK)
		if err != nil {
			return nil, err
		}
		var cands []claim.Sentence
		for _, p := range passages {
			if p.Document != nil {
				cands = append(cands, claim.SentencesIn(p.Document, p.Span.Start, p.Span.End, p.Score)...)
			}
		}
		return cands, nil
	}, stmts)
	switch {
	case errors.Is(err, claim.ErrEmpty):
		return CheckResult{}, Invalidf("Please give a claim to check, for example: Iran sent drones to Russia.")
	case errors.Is(err, claim.ErrTooLong):
		return CheckResult{}, Invalidf("That claim is %d bytes long; the limit is %d. Please quote only the claim itself.", len(text), claim.MaxClaimBytes)
	case err != nil:
		return CheckResult{}, fmt.Errorf("check claim: %w", err)
	}
	out := CheckResult{Claim: text, Verdict: res.Verdict, Explanation: res.Explanation, Citations: []Citation{}}
	for _, ev := range res.Evidence {
		c := Citation{Doc: ev.Doc, Title: ev.Title, Quote: ev.Text, Start: ev.Start, End: ev.End}
		if d, ok := ix.Document(ev.Doc); ok {
			c.Published, c.URL = publishedDate(d), d.URL
		}
		t, ok := verify(c.Doc)
		v, found := answer.Verify(c, t)
		if !ok || !found {
			e.log.Error("claim evidence failed verification; dropped", "doc", c.Doc, "quote", c.Quote)
			continue
		}
		v.N = len(out.Citations) + 1
		out.Citations = append(out.Citations, v)
		out.Evidence = append(out.Evidence, ev)
	}
	if len(out.Citations) == 0 && out.Verdict != NotFound {
		out.Verdict, out.Explanation = NotFound, "No source passage that bears on the claim could be confirmed."
	}
	return out, nil
}

// publishedDate is a document's publication date as YYYY-MM-DD, or "".
func publishedDate(d *corpus.Document) string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(corpus.DateLayout)
}
