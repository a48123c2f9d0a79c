package rag

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/newsbot/storybot/rag/converse"
)

// TestFollowResolvesEarlierTurn checks the follow-ups on the
// bundled story: each is answered as the standalone question the earlier
// turn makes of it.
func TestFollowResolvesEarlierTurn(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
	es := []Entity{{Name: "Ada Byrne", Role: "president"}, {Name: "Tom Reyes", Role: "lab director"}, {Name: "Kim Ode"}}
	got := askedFirst(es, converse.Focus("Who is the director of the lab?"))
	if got[0].Name != "Tom Reyes" || got[1].Name != "Ada Byrne" || got[2].Name != "Kim Ode" || len(got) != 3 {
		t.Errorf("got %+v, want the director first, the others in order", got)
	}
}

// TestFollowWithLLM checks that with a model the follow-up is rewritten by
// it from the conversation (and the rewrite answered and shown), that a
// rewrite bringing in words from nowhere is replaced by the rules', and
// that a standalone question is not sent to the model for rewriting.
func TestFollowWithLLM(t *testing.T) {
	t.Parallel()
	history := []Turn{{Question: "Who is the mayor of Port Alder?", Entities: []Entity{{Name: "Ingrid Solvang", Role: "Mayor"}}}}
	tests := []struct {
		name, question, rewrite string
		want, rule              string
		rewrites                int // rewrite requests the model gets
	}{
		{"accepted", "What did she call the opening?", "What did Ingrid Solvang call the opening?", "What did Ingrid Solvang call the opening?", "llm", 1},
		{"invented words rejected", "What did she call the opening?", "What did Ingrid Solvang call the bridge scandal?", "What did Ingrid Solvang call the opening?", "reference", 1},
		{"standalone not rewritten", "How often do the trams run?", "unused", "How often do the trams run?", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var rewrites []chatRequest
			var mu sync.Mutex
			chat := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var req chatRequest
				if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
					t.Errorf("body is not JSON: %v", err)
				}
				content := `{"abstain": true}`
				if req.ResponseFormat == nil { // the rewrite: plain text
					if req.Temperature == nil || *req.Temperature > 0.2 {
						t.Errorf("rewrite sent with temperature %v, want a low one", req.Temperature)
					}
					mu.Lock()
					rewrites = append(rewrites, req)
					mu.Unlock()
					content = tt.rewrite
				}
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, completion(t, content))
			})
			e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir(), LLM: NewLLM(openAIClient(t, chat), chatModel, 0)})
			got, err := e.Follow(context.Background(), history, tt.question)
			if err != nil {
				t.Fatal(err)
			}
			if got.Resolved.Question != tt.want || got.Resolved.Rule != tt.rule || got.Answer.Question != tt.want {
				t.Errorf("got %+v, want %q answered (rule %q)", got.Resolved, tt.want, tt.rule)
			}
			if len(rewrites) != tt.rewrites {
				t.Fatalf("got %d rewrite requests, want %d", len(rewrites), tt.rewrites)
			}
			if tt.rewrites > 0 && !strings.Contains(rewrites[0].user(), "Ingrid Solvang") {
				t.Errorf("rewrite prompt %q lacks the conversation", rewrites[0].user())
			}
		})
	}
}
