package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/newsbot/storybot/rag"
)

// scripted follows a conversation by a table: question → resolved question
// and answer text; it checks it is given the history of earlier turns.
type scripted struct {
	t       *testing.T
	resolve map[string]string
	answer  map[string]string
}

func (s scripted) Follow(_ context.Context, history []rag.Turn, q string) (rag.FollowUp, error) {
	res := s.resolve[q]
	if res == "" {
		res = q
	}
	if len(history) == 0 && res != q {
		s.t.Errorf("follow-up %q resolved without history", q)
	}
	a := rag.Answer{Question: res, Text: s.answer[res], Mode: rag.ModeExtractive,
		Citations: []rag.Citation{{N: 1, Doc: "d", Quote: s.answer[res]}}}
	return rag.FollowUp{Answer: a, Resolved: rag.Resolution{Question: res, Changed: res != q}, Turn: rag.Turn{Question: res}}, nil
}

func TestReadConversation(t *testing.T) {
	in := `{"id":"c1","turns":[{"question":"Who is the mayor?","all":[["Solvang"]]},{"question":"What did she say?","resolved":["Solvang"]}]}
{"id":"bad","turns":[{"question":""}]}`
	_, err := ReadQuestions(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "line 2: turn 1: no question") {
		t.Fatalf("got %v, want the empty turn reported by line and turn", err)
	}
	qs, err := ReadQuestions(strings.NewReader(strings.Split(in, "\n")[0]))
	if err != nil || len(qs) != 1 || len(qs[0].Turns) != 2 || qs[0].Turns[1].Resolved[0] != "Solvang" {
		t.Fatalf("got %+v, %v; want one conversation of two turns", qs, err)
	}
}

func TestConverseGradesEachTurn(t *testing.T) {
	q := Question{ID: "c1", Turns: []Turn{
		{Question: "Who is the mayor?", All: [][]string{{"Solvang"}}},
		{Question: "What did she say?", Resolved: []string{"Ingrid Solvang"}, All: [][]string{{"promise"}}},
	}}
	inCorpus := func(string, string) bool { return true }
	good := scripted{t: t,
		resolve: map[string]string{"What did she say?": "What did Ingrid Solvang say?"},
		answer:  map[string]string{"Who is the mayor?": "Mayor Ingrid Solvang.", "What did Ingrid Solvang say?": "A promise kept."}}
	r, err := Converse(context.Background(), good, q, inCorpus)
	if err != nil || !r.Passed || len(r.Turns) != 2 || r.Turns[1].Resolved != "What did Ingrid Solvang say?" {
		t.Fatalf("got %+v, %v; want both turns passed with the resolved question", r, err)
	}
	bad := good
	bad.resolve = map[string]string{"What did she say?": "What did the mayor say?"}
	bad.answer = map[string]string{"Who is the mayor?": "Mayor Ingrid Solvang.", "What did the mayor say?": "A promise kept."}
	r, _ = Converse(context.Background(), bad, q, inCorpus)
	if r.Passed || len(r.Failures) != 1 || !strings.HasPrefix(r.Failures[0], "turn 2: resolved question") {
		t.Errorf("got %+v, want turn 2 failed for its resolved question", r)
	}
}
