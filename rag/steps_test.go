package rag

import (
	"context"
	"fmt"
	"testing"
)

// TestStepsOfAnLLMAnswer checks that an LLM answer reports what it is doing,
// in order, with counts and never the answer's text, and that an
// extractive answer (fast) reports nothing.
func TestStepsOfAnLLMAnswer(t *testing.T) {
	t.Parallel()
	fake := &fakeChat{t: t, reply: func(req chatRequest) (int, string) {
		srcs := req.sources()
		eng := sourceWith(t, srcs, engineers)
		return 200, completion(t, replyJSON(t, fmt.Sprintf("The trams run every eight minutes [%d].", eng), map[int][]string{eng: {engineers}}, []int{eng}))
	}}
	e := llmEngine(t, fake, 0)
	var got []Step
	a, err := e.Ask(WithSteps(context.Background(), func(s Step) { got = append(got, s) }), tramQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != (Step{StageSearching, 3}) || got[1].Stage != StageWriting || got[1].N == 0 || got[2] != (Step{StageChecking, len(a.Citations)}) {
		t.Errorf("got steps %+v, want searching 3 articles, writing from the passages, checking %d quotes", got, len(a.Citations))
	}

	plain, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	got = nil
	if _, err := plain.Ask(WithSteps(context.Background(), func(s Step) { got = append(got, s) }), tramQuestion); err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("got steps %+v from an extractive answer, want none", got)
	}
}
