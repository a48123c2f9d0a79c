package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

func decode(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
}

func TestCheckJSONContract(t *testing.T) {
	t.Parallel()
	tests := []struct{ claim, verdict string }{
		{"Iran sent missiles to Russia", "disputed"},
		{"Iran gave Russia drones", "supported"},
		{"Venezuela bought tanks from Iran", "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.claim, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := run(t, "check", "--json", tt.claim)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got struct {
				Claim, Verdict, Explanation string
				Citations                   []map[string]any
			}
			decode(t, out, &got)
			if got.Claim != tt.claim || got.Verdict != tt.verdict || got.Explanation == "" {
				t.Errorf("got %+v, want claim %q judged %s with an explanation", got, tt.claim, tt.verdict)
			}
			if tt.verdict != "not_found" && len(got.Citations) == 0 {
				t.Errorf("got no citations for %s", tt.verdict)
			}
			for _, c := range got.Citations {
				for _, k := range []string{"n", "doc", "title", "published", "url", "quote", "start", "end"} {
					if _, ok := c[k]; !ok {
						t.Errorf("citation lacks %q: %v", k, c)
					}
				}
			}
		})
	}
}

func TestCheckTooLong(t *testing.T) {
	t.Parallel()
	_, errOut, code := run(t, "check", strings.Repeat("Iran sent drones to Russia. ", 30))
	if code != 1 || !strings.Contains(errOut, "limit") {
		t.Errorf("got exit %d, %q; want 1 and a message naming the limit", code, errOut)
	}
}

// TestAskConversation checks that a follow-up on the command line is read
// in the context of the conversation's earlier turn, kept in the data
// folder between runs, and that another conversation does not share it.
func TestAskConversation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ask := func(conv, q string) (got struct {
		Question, Answer, Conversation string
		Resolved                       string `json:"resolved_question"`
	}) {
		t.Helper()
		out, errOut, code := run(t, "--data-dir", dir, "ask", "--json", "--conversation", conv, q)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		decode(t, out, &got)
		return got
	}
	ask("c1", "Did Iran send drones to Russia?")
	got := ask("c1", "And missiles?")
	if got.Conversation != "c1" || got.Resolved != "Did Iran send missiles to Russia?" || got.Question != "And missiles?" {
		t.Errorf("got %+v, want the question as asked, answered as %q", got, "Did Iran send missiles to Russia?")
	}
	if other := ask("c2", "And missiles?"); other.Resolved != "And missiles?" {
		t.Errorf("conversation c2 got resolved %q, want the question unchanged (no history of its own)", other.Resolved)
	}
}

func TestStatsJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, q := range []string{"Did Iran send drones to Russia?", "Did Venezuela buy tanks?", "did venezuela buy tanks"} {
		if _, errOut, code := run(t, "--data-dir", dir, "ask", q); code != 0 {
			t.Fatalf("ask %q: exit %d: %s", q, code, errOut)
		}
	}
	out, errOut, code := run(t, "--data-dir", dir, "stats", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Questions struct {
			Asked, Answered, Abstained int
			Unanswered                 []struct {
				Question string
				Wordings []string
				Count    int
			}
		}
		Feedback map[string]any
		Pinned   int
	}
	decode(t, out, &got)
	q := got.Questions
	if q.Asked != 3 || q.Answered != 1 || q.Abstained != 2 {
		t.Errorf("got %+v, want 3 asked, 1 answered, 2 abstained", q)
	}
	if len(q.Unanswered) != 1 || q.Unanswered[0].Count != 2 || len(q.Unanswered[0].Wordings) != 2 {
		t.Errorf("got unanswered %+v, want the two wordings of the tanks question grouped", q.Unanswered)
	}
	if got.Feedback == nil {
		t.Errorf("got no feedback in %s", out)
	}
	// No vote yet: the reasons are an empty object a script can range
	// over, not null.
	if r, ok := got.Feedback["reasons"].(map[string]any); !ok || len(r) != 0 {
		t.Errorf("got feedback reasons %#v, want {}", got.Feedback["reasons"])
	}
}

// TestEvalConversations runs the repository's conversations on the bundled
// story: every line is graded turn by turn with its resolved question.
func TestEvalConversations(t *testing.T) {
	t.Parallel()
	out, errOut, _ := run(t, "eval", "--json", "../../internal/eval/testdata/conversations.jsonl")
	var got struct {
		Passed, Failed int
		Results        []struct {
			ID    string
			Turns []struct {
				Question string
				Resolved string `json:"resolved_question"`
				Passed   bool
			}
		}
	}
	decode(t, out, &got)
	if got.Passed+got.Failed != len(got.Results) || len(got.Results) < 5 {
		t.Fatalf("got %d results (%d passed), want every conversation graded; stderr: %s", len(got.Results), got.Passed, errOut)
	}
	for _, r := range got.Results {
		if r.ID != "c02" {
			continue
		}
		if len(r.Turns) != 2 || r.Turns[1].Resolved != "Did Iran send missiles to Russia?" || !r.Turns[1].Passed {
			t.Errorf("got %+v, want 'And missiles?' answered as 'Did Iran send missiles to Russia?'", r.Turns)
		}
		return
	}
	t.Errorf("conversation c02 missing from %s", out)
}

// TestAskConversationExpired checks that a follow-up in a conversation
// whose last turn is over a day old starts a new one and says so.
func TestAskConversationExpired(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := file.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := store.Turn{Question: "Did Iran send drones to Russia?", Answer: "…", At: time.Now().Add(-48 * time.Hour)}
	if err := st.AppendTurn(context.Background(), store.ConversationKey{ID: "c1"}, old); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, errOut, code := run(t, "--data-dir", dir, "ask", "--json", "--conversation", "c1", "And missiles?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Resolved string `json:"resolved_question"`
		New      bool   `json:"new_conversation"`
	}
	decode(t, out, &got)
	if !got.New || got.Resolved != "And missiles?" {
		t.Errorf("got %+v, want a new conversation, the expired turn unused", got)
	}
	out, _, _ = run(t, "--data-dir", dir, "ask", "--conversation", "c2", "Who is Iran's foreign minister?")
	if strings.Contains(out, "expired") {
		t.Errorf("a first question was told its conversation expired:\n%s", out)
	}
}
