package eval

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsbot/storybot/rag"
)

// Turn is one question of a conversation line: asked after the turns
// before it, graded as a question line is (abstain, all, none, gold), and
// its resolved question must contain every word of Resolved.
type Turn struct {
	Question string     `json:"question"`
	Abstain  bool       `json:"abstain"`
	All      [][]string `json:"all"`
	None     []string   `json:"none"`
	Gold     []string   `json:"gold"`
	// Resolved are words (case-insensitive, whole words) the standalone
	// question actually answered must contain: "Amirabdollahian" for
	// "What did he say?" after "Who is Iran's foreign minister?".
	Resolved []string `json:"resolved,omitempty"`
}

// question is the turn as a question line, for Grade.
func (t Turn) question() Question {
	return Question{Question: t.Question, Abstain: t.Abstain, All: t.All, None: t.None, Gold: t.Gold}
}

// TurnResult grades one turn of a conversation.
type TurnResult struct {
	Question string     `json:"question"`
	Resolved string     `json:"resolved_question"`
	Passed   bool       `json:"passed"`
	Failures []string   `json:"failures,omitempty"`
	Answer   rag.Answer `json:"result"`
}

// Follower answers a question in the context of a conversation's earlier
// turns; rag.Engine is one.
type Follower interface {
	Follow(ctx context.Context, history []rag.Turn, q string) (rag.FollowUp, error)
}

// Converse asks the turns of a conversation line in order, each in the
// context of those before it, and grades every turn. The conversation
// passes when every turn does; its failures name their turn.
func Converse(ctx context.Context, f Follower, q Question, inCorpus func(doc, quote string) bool) (Result, error) {
	var asked []string
	for _, t := range q.Turns {
		asked = append(asked, t.Question)
	}
	r := Result{ID: q.ID, Question: strings.Join(asked, " → ")}
	var history []rag.Turn
	for n, t := range q.Turns {
		fu, err := f.Follow(ctx, history, t.Question)
		if err != nil {
			return Result{}, fmt.Errorf("turn %d: %w", n+1, err)
		}
		history = append(history, fu.Turn)
		g := Grade(t.question(), fu.Answer, inCorpus)
		tr := TurnResult{Question: t.Question, Resolved: fu.Resolved.Question, Failures: g.Failures, Answer: fu.Answer}
		for _, w := range t.Resolved {
			if !hasWord(fu.Resolved.Question, w) {
				tr.Failures = append(tr.Failures, fmt.Sprintf("resolved question %q lacks %q", fu.Resolved.Question, w))
			}
		}
		tr.Passed = len(tr.Failures) == 0
		for _, fail := range tr.Failures {
			r.Failures = append(r.Failures, fmt.Sprintf("turn %d: %s", n+1, fail))
		}
		r.Turns = append(r.Turns, tr)
		r.Answer = fu.Answer
	}
	r.Passed = len(r.Failures) == 0
	return r, nil
}

// hasWord reports whether s contains the words of w, case-insensitively,
// as whole words.
func hasWord(s, w string) bool {
	s, w = strings.ToLower(s), strings.ToLower(strings.TrimSpace(w))
	if w == "" {
		return true
	}
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(w) == len(s) || !isWordByte(s[i+len(w)])
		if before && after {
			return true
		}
		off = i + len(w)
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}
