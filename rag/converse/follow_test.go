package converse

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestFollow(t *testing.T) {
	history := []Turn{{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}}
	var asked []Prompt
	model := func(reply string, err error) RewriteFunc {
		return func(_ context.Context, p Prompt) (string, error) {
			asked = append(asked, p)
			return reply, err
		}
	}
	ctx := context.Background()

	res, err := Follow(ctx, history, "What did he say about the missiles?", nil)
	if err != nil || res.Question != "What did Hossein Amirabdollahian say about the missiles?" || res.Rule != "reference" {
		t.Errorf("without a model: %+v, %v", res, err)
	}

	res, err = Follow(ctx, history, "What did he deny?", model("What did Hossein Amirabdollahian deny?", nil))
	if err != nil || res.Question != "What did Hossein Amirabdollahian deny?" || res.Rule != "llm" {
		t.Errorf("with a model: %+v, %v", res, err)
	}
	if len(asked) != 1 || !strings.Contains(asked[0].User, "Follow-up: What did he deny?") {
		t.Errorf("model asked %d times with %v, want once with the follow-up", len(asked), asked)
	}

	asked = nil
	res, err = Follow(ctx, history, "When did Russia launch airstrikes on Ukrainian cities?", model("anything", nil))
	if err != nil || res.Changed || len(asked) != 0 {
		t.Errorf("standalone question: %+v, %v, model asked %d times; want unchanged, not asked", res, err, len(asked))
	}

	res, err = Follow(ctx, history, "What did he deny?", model("", errors.New("timeout")))
	if err == nil || res.Question != "What did Hossein Amirabdollahian deny?" {
		t.Errorf("failing model: %+v, %v; want the rules' resolution and the error", res, err)
	}
}

func TestMayNeedContext(t *testing.T) {
	for q, want := range map[string]bool{
		"Why?":                                  true,
		"And missiles?":                         true,
		"What about the second bridge?":         true,
		"What did she say?":                     true,
		"What did the mayor say about it?":      true,
		"Is it true that the port closed?":      false,
		"When did the city open the new depot?": true, // "the city": an organisation noun
		"When did Lakeside open its first laboratory building?": true,
		"How many drones did Iran send to Russia last year?":    false,
	} {
		if got := MayNeedContext(q); got != want {
			t.Errorf("MayNeedContext(%q) = %v, want %v", q, got, want)
		}
	}
}
