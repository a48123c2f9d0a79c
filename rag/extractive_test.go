package rag

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

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

// TestAnswerFollowsContinuations checks that a sentence continuing the one
// before it (a pronoun, a quotation, or for "why" the next sentence of the
// paragraph) joins the answer after its antecedent.
func TestAnswerFollowsContinuations(t *testing.T) {
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
			i, j := strings.Index(a.Text, tt.first), strings.Index(a.Text, tt.then)
			if a.Abstained || i < 0 || j < 0 || j < i {
				t.Errorf("got %q, want %q cited and followed by %q", a.Text, tt.first, tt.then)
			}
		})
	}
}

func TestContinues(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"She asked the operator to hire a boat.", true},
		{"“We cannot,” it added.", true},
		{`"We cannot," it added.`, true},
		{"The minister explained that the plan failed.", true},
		{"The crossing carried 900 passengers a day.", false},
		{"Shelter was found for everyone.", false},
	}
	for _, tt := range tests {
		if got := continues(tt.sentence); got != tt.want {
			t.Errorf("continues(%q): got %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

// TestCompanionsMustCoverTheQuestion checks that a sentence carried into the
// top scores by its chunk or its cue, not by the question's words, does not
// join the answer.
func TestCompanionsMustCoverTheQuestion(t *testing.T) {
	d := corpus.NewDocument("a.md", "A", time.Time{}, "", "", "The bridge cost 12 million dollars. It opened in two years. Rain fell.")
	q := question{text: "How much did the bridge cost?", terms: []qterm{{"bridg", 1}, {"cost", 2}}}
	cands := []candidate{
		{doc: d, sentence: 0, coverage: 1, score: 1.3, matched: map[string]float64{"bridg": 1, "cost": 1}},
		{doc: d, sentence: 1, coverage: 0.3, score: 0.9, matched: map[string]float64{"bridg": 1}},
		{doc: d, sentence: 2, coverage: 0.7, score: 0.8, matched: map[string]float64{"cost": 1}},
	}
	a := (&Index{}).extract(q, cands)
	var quotes []string
	for _, c := range a.Citations {
		quotes = append(quotes, c.Quote)
	}
	if got, want := strings.Join(quotes, "|"), "The bridge cost 12 million dollars.|Rain fell."; got != want {
		t.Errorf("got citations %q, want %q", got, want)
	}
}
