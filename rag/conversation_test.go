package rag

import (
	"context"
	"strings"
	"testing"

	"github.com/newsbot/storybot/rag/converse"
)

// TestFollowResolvesEarlierTurn checks the follow-ups on the
// bundled story: each is answered as the standalone question the earlier
// turn makes of it.
func TestFollowResolvesEarlierTurn(t *testing.T) {
	e, _ := openEngine(t, Options{DataDir: t.TempDir()})
	tests := []struct {
		first, follow string
		want          []string // words the resolved follow-up must contain
	}{
		{"Who is Iran's foreign minister?", "What did he say about the missiles?", []string{"Amirabdollahian", "missiles"}},
		{"Did Iran send drones to Russia?", "And missiles?", []string{"Iran", "missiles", "Russia"}},
	}
	for _, tt := range tests {
		t.Run(tt.follow, func(t *testing.T) {
			ctx := context.Background()
			first, err := e.Follow(ctx, nil, tt.first)
			if err != nil {
				t.Fatal(err)
			}
			if first.Resolved.Changed || first.Answer.Abstained {
				t.Fatalf("first turn: got %+v, want it answered as asked", first)
			}
			next, err := e.Follow(ctx, []Turn{first.Turn}, tt.follow)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(next.Resolved.Question, w) {
					t.Errorf("got resolved %q, want it to contain %q", next.Resolved.Question, w)
				}
			}
			if !next.Resolved.Changed || next.Answer.Question != next.Resolved.Question || next.Turn.Question != next.Resolved.Question {
				t.Errorf("got %+v, want the resolved question answered and remembered", next)
			}
		})
	}
}

// TestCheckVerdicts checks the claims on the bundled story, each
// decided by verbatim passages.
func TestCheckVerdicts(t *testing.T) {
	e, _ := openEngine(t, Options{DataDir: t.TempDir()})
	docs := bundledDocs(t)
	tests := []struct {
		claim string
		want  string
	}{
		{"Iran sent missiles to Russia", "disputed"},
		{"Iran gave Russia drones", "supported"},
		{"Venezuela bought tanks from Iran", "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.claim, func(t *testing.T) {
			res, err := e.Check(context.Background(), tt.claim)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Verdict) != tt.want {
				t.Fatalf("got %s (%s), want %s", res.Verdict, res.Explanation, tt.want)
			}
			if tt.want != "not_found" && len(res.Citations) == 0 {
				t.Fatalf("got no citations, want the deciding passages")
			}
			for i, c := range res.Citations {
				if c.N != i+1 || docs[c.Doc] == nil || docs[c.Doc].Text[c.Start:c.End] != c.Quote {
					t.Errorf("citation %+v is not numbered in order and verbatim", c)
				}
			}
		})
	}
}

func TestCheckBadInput(t *testing.T) {
	e, _ := openEngine(t, Options{DataDir: t.TempDir()})
	for _, c := range []string{"", "   ", strings.Repeat("Iran sent drones. ", 40)} {
		if _, err := e.Check(context.Background(), c); !IsInvalid(err) {
			t.Errorf("claim of %d bytes: got %v, want an invalid-input error", len(c), err)
		}
	}
}

// TestAskedFirst checks that the entity a question asked about (by its
// role) comes first, so a later pronoun means it.
func TestAskedFirst(t *testing.T) {
	es := []Entity{{Name: "Ada Byrne", Role: "president"}, {Name: "Tom Reyes", Role: "lab director"}, {Name: "Kim Ode"}}
	got := askedFirst(es, converse.Focus("Who is the director of the lab?"))
	if got[0].Name != "Tom Reyes" || got[1].Name != "Ada Byrne" || got[2].Name != "Kim Ode" || len(got) != 3 {
		t.Errorf("got %+v, want the director first, the others in order", got)
	}
}
