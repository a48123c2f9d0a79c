package bot

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/rag"
)

// stepping is an engine that reports the steps of an LLM answer.
type stepping struct{ Engine }

func (s stepping) Ask(ctx context.Context, q string) (rag.Answer, error) {
	rag.ReportStep(ctx, rag.Step{Stage: rag.StageSearching, N: 40})
	rag.ReportStep(ctx, rag.Step{Stage: rag.StageWriting, N: 8})
	rag.ReportStep(ctx, rag.Step{Stage: rag.StageChecking, N: 3})
	return s.Engine.Ask(ctx, q)
}

func TestProgressOnSlowAnswers(t *testing.T) {
	t.Parallel()
	h := startBot(t, func(o *Options) { o.Engine = stepping{o.Engine} })
	tok := h.dispatch("ask", nil)
	final := h.waitJSON("the answer", func(r fakediscord.Request) bool {
		m, _ := r.JSON().(map[string]any)
		return r.Method == http.MethodPatch && strings.Contains(r.Path, "/"+tok+"/messages/@original") && m["embeds"] != nil && len(m["embeds"].([]any)) > 0
	})
	if final["content"] != "" {
		t.Errorf("got content %q with the answer, want the progress text cleared", final["content"])
	}
	steps := map[string]bool{
		stepText(rag.Step{Stage: rag.StageSearching, N: 40}): true,
		stepText(rag.Step{Stage: rag.StageWriting, N: 8}):    true,
		stepText(rag.Step{Stage: rag.StageChecking, N: 3}):   true,
	}
	var shown []string
	for _, r := range h.fake.Requests() {
		m, _ := r.JSON().(map[string]any)
		if r.Method != http.MethodPatch || !strings.Contains(r.Path, "/"+tok+"/") || m == nil {
			continue
		}
		if embeds, _ := m["embeds"].([]any); len(embeds) > 0 {
			break
		}
		c, _ := m["content"].(string)
		if !steps[c] {
			t.Errorf("got progress %q, want only the steps' text", c)
		}
		shown = append(shown, c)
	}
	if len(shown) == 0 || shown[0] != "🔎 Searching 40 articles…" {
		t.Errorf("got progress edits %q, want the search shown first", shown)
	}
}

func TestThrottle(t *testing.T) {
	now := time.Unix(0, 0)
	th := &throttle{now: func() time.Time { return now }, every: time.Second}
	var got []bool
	for _, step := range []time.Duration{0, 300 * time.Millisecond, 600 * time.Millisecond, 200 * time.Millisecond, 2 * time.Second} {
		now = now.Add(step)
		got = append(got, th.allow())
	}
	want := []bool{true, false, false, true, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v: at most one edit a second", got, want)
		}
	}
}
