package bot

import (
	"fmt"
	"strings"
	"testing"
)

// TestModeratorScenario is what a moderator does in a minute, with the
// default limits: ask, pin at each permission level, ask again, page a
// timeline, open the sources, ask who said something, list the pins. Nothing
// is refused for going fast, and no reply is left "thinking…".
func TestModeratorScenario(t *testing.T) {
	t.Parallel()
	h := startBot(t, func(o *Options) {
		d := defaultOptions(nil, "")
		o.RatePerMinute, o.Burst = d.RatePerMinute, d.Burst
	})
	const maria = "1500000000000000009"
	as := func(perms string, edit func(map[string]any)) func(map[string]any) {
		return func(m map[string]any) {
			m["member"] = map[string]any{
				"user":        map[string]any{"id": maria, "username": "mod.maria", "global_name": "María", "discriminator": "0"},
				"roles":       []any{},
				"permissions": perms,
				"joined_at":   "2024-01-02T08:00:00.000000+00:00",
			}
			if edit != nil {
				edit(m)
			}
		}
	}
	var tokens []string
	dispatch := func(fixture, perms string, edit func(map[string]any)) string {
		tok := h.dispatch(fixture, as(perms, edit))
		tokens = append(tokens, tok)
		return tok
	}
	everyday := "2248473465835073"

	ask := dispatch("ask", everyday, nil)
	if got := embedOf(t, h.edited(ask))["title"]; got != viennaQuestion {
		t.Fatalf("answer title = %q", got)
	}
	h.waitServed(ask)
	msgID := h.fake.OriginalMessageID(ask)
	onAnswer := func(m map[string]any) { m["message"].(map[string]any)["id"] = msgID }

	levels := []struct {
		perms string
		want  string
	}{
		{"0", pinRefusedText},
		{everyday, pinRefusedText},
		{fmt.Sprint(int64(1 << 13)), pinRefusedText},
		{fmt.Sprint(int64(1 << 51)), pinDoneText},
		{fmt.Sprint(int64(1 << 3)), pinDoneText},
		{fmt.Sprint(int64(1<<13 | 1<<51)), pinDoneText},
	}
	for _, l := range levels {
		pin := dispatch("button_pin", l.perms, onAnswer)
		if l.want == pinRefusedText {
			if got := dataOf(t, h.callback(pin))["content"]; got != l.want {
				t.Errorf("pin with permissions %s: %q, want %q", l.perms, got, l.want)
			}
			continue
		}
		if got := h.reply(pin); got != l.want {
			t.Errorf("pin with permissions %s: %q, want %q", l.perms, got, l.want)
		}
	}

	again := dispatch("ask", everyday, nil)
	if got := embedOf(t, h.edited(again))["title"]; got != viennaQuestion {
		t.Errorf("second answer title = %q", got)
	}
	sources := dispatch("button_sources", everyday, onAnswer)
	if d := embedOf(t, h.edited(sources))["description"].(string); !strings.Contains(d, viennaAnswer.Citations[0].Quote) {
		t.Errorf("sources = %q", d)
	}
	tl := dispatch("timeline", everyday, nil)
	if f := embedOf(t, h.edited(tl))["footer"].(map[string]any)["text"]; f != "Page 1 of 2 · 12 events" {
		t.Errorf("timeline footer = %q", f)
	}
	for n := 0; n < 3; n++ {
		next := dispatch("button_timeline_next", everyday, nil)
		if f := embedOf(t, h.edited(next))["footer"].(map[string]any)["text"]; f != "Page 2 of 2 · 12 events" {
			t.Errorf("Next #%d footer = %q", n+1, f)
		}
	}
	who := dispatch("who_said", everyday, nil)
	if fields := embedOf(t, h.edited(who))["fields"].([]any); len(fields) != 1 {
		t.Errorf("who-said shows %d statements, want 1", len(fields))
	}
	pinned := dispatch("pinned", everyday, nil)
	if d := embedOf(t, h.edited(pinned))["description"].(string); !strings.Contains(d, msgID) || strings.Count(d, "\n") != 0 {
		t.Errorf("/pinned = %q, want the one pinned answer once", d)
	}

	for _, tok := range tokens {
		h.waitServed(tok)
		if st := h.fake.State(tok); st.Thinking() || st.Callback == 0 {
			t.Errorf("interaction %s: reply state %+v", tok, st)
		}
	}
	for _, r := range h.fake.Requests() {
		if strings.Contains(string(r.Body), "ask again in") {
			t.Errorf("rate limited: %s %s", r.Method, r.Path)
		}
	}
}
