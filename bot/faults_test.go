package bot

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
)

// Discord's transient faults, as real discordgo meets them from the fake:
// the answer always arrives, "thinking…" is never left alone, and no
// apology is shown for a fault that is not the member's.
func TestRepliesSurviveDiscordFaults(t *testing.T) {
	t.Parallel()
	webhook := func(token string) string { return "/api/v9/webhooks/" + fakediscord.AppID + "/" + token }
	edits := func(token string) func(fakediscord.Request) bool {
		return func(r fakediscord.Request) bool {
			return r.Method == http.MethodPatch && r.Path == webhook(token)+"/messages/@original"
		}
	}
	anyWebhook := func(token string) func(fakediscord.Request) bool {
		return func(r fakediscord.Request) bool { return strings.HasPrefix(r.Path, webhook(token)) }
	}
	callback := func(token string) func(fakediscord.Request) bool {
		return func(r fakediscord.Request) bool { return strings.HasSuffix(r.Path, "/"+token+"/callback") }
	}
	tests := []struct {
		name  string
		fault func(token string) fakediscord.Fault
		via   string // how the answer arrives: edit, followup or channel
	}{
		{"one 500 on the edit", func(tok string) fakediscord.Fault { return fakediscord.ServerError(500, edits(tok), 1) }, "edit"},
		{"two 503s on the edit", func(tok string) fakediscord.Fault { return fakediscord.ServerError(503, edits(tok), 2) }, "edit"},
		{"a 429 on the edit", func(tok string) fakediscord.Fault {
			return fakediscord.RateLimited(300*time.Millisecond, edits(tok), 1)
		}, "edit"},
		{"503 on every edit", func(tok string) fakediscord.Fault { return fakediscord.ServerError(503, edits(tok), 0) }, "followup"},
		{"401: the interaction token expired", func(tok string) fakediscord.Fault {
			return fakediscord.InvalidWebhookToken(anyWebhook(tok), 0)
		}, "channel"},
		{"a short 429 on the callback", func(tok string) fakediscord.Fault {
			return fakediscord.RateLimited(300*time.Millisecond, callback(tok), 1)
		}, "edit"},
		{"a 500 on the callback", func(tok string) fakediscord.Fault { return fakediscord.ServerError(500, callback(tok), 1) }, "edit"},
		{"a 429 on the callback past its 3 s", func(tok string) fakediscord.Fault {
			return fakediscord.RateLimited(5*time.Second, callback(tok), 0)
		}, "channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := sharedBot(t) // a view of its own: subtests run at once
			q := "What did they say, in case " + tt.name + " of " + h.guild + "?"
			a := viennaAnswer
			a.Question = q
			h.engine.setAnswer(q, a)
			token := h.dispatch("ask", func(m map[string]any) {
				setOption(m, q)
				h.fake.Inject(tt.fault(m["token"].(string)))
			})
			r, ok := h.fake.WaitFor(wait, func(r fakediscord.Request) bool {
				return r.Fault == 0 && strings.Contains(string(r.Body), `"title":"`+jsonText(q)+`"`)
			})
			if !ok {
				t.Fatalf("the answer never arrived; logs:\n%s", h.logs.String())
			}
			via := "channel"
			switch {
			case r.Method == http.MethodPatch:
				via = "edit"
			case strings.HasPrefix(r.Path, webhook(token)):
				via = "followup"
			}
			if msg, ok := r.JSON().(map[string]any); ok && via == "channel" {
				checkNoMentions(t, "channel message", msg)
				checkLimits(t, "channel message", msg)
			}
			if via != tt.via {
				t.Errorf("the answer arrived by %s (%s %s), want by %s", via, r.Method, r.Path, tt.via)
			}
			h.waitServed(token)
			// With the token expired nothing can touch the interaction any
			// more; the channel message is the answer.
			if st := h.fake.State(token); st.Thinking() && tt.via != "channel" {
				t.Errorf("reply left thinking: %+v", st)
			}
			for _, r := range h.fake.Requests() {
				if (strings.Contains(r.Path, token) || strings.Contains(r.Path, "/channels/")) && strings.Contains(string(r.Body), internalText) {
					t.Errorf("an apology was sent for Discord's fault: %s %s", r.Method, r.Path)
				}
			}
		})
	}
}

// jsonText is s as it appears inside a JSON string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}
