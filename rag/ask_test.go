package rag

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnswerFollowsContinuations checks that a sentence continuing the one
// before it (a pronoun, a quotation, or for "why" the next sentence of the
// paragraph) joins the answer's sources after its antecedent.
func TestAnswerFollowsContinuations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ferry.md"), []byte(riverArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})
	tests := []struct {
		question string
		first    string // the antecedent, cited before …
		then     string // … the continuation
	}{
		{"What did Councillor Osei want?", "Councillor Maya Osei called the closure", "She asked the operator to hire a replacement boat."},
		{"Why did the ferry stop running?", "The Lune ferry stopped running on Tuesday", "A crack was found in the engine."},
		{"What did Harbourline say?", "Harbourline, said repairs would take a month", "We cannot put passengers at risk"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			a, err := e.Ask(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			var quotes []string
			for _, c := range a.Citations {
				quotes = append(quotes, c.Quote)
			}
			all := strings.Join(quotes, " | ")
			i, j := strings.Index(all, tt.first), strings.Index(all, tt.then)
			if a.Abstained || i < 0 || j < 0 || j < i {
				t.Errorf("got sources %q, want %q cited and followed by %q", all, tt.first, tt.then)
			}
		})
	}
}

const riverArticle = `---
title: Ferry service suspended on the Lune
published: 2024-03-08
---
The Lune ferry stopped running on Tuesday, leaving commuters to drive an hour around the estuary. A crack was found in the engine.
The operator, Harbourline, said repairs would take a month.
"We cannot put passengers at risk," it added.
Councillor Maya Osei called the closure a blow to the town.
She asked the operator to hire a replacement boat.
The crossing carried about 900 passengers a day last year.
`
