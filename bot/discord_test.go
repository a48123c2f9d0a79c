package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

func TestGatewayIdentify(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	ids := h.fake.Identified()
	if len(ids) != 1 {
		t.Fatalf("got %d Identify, want 1", len(ids))
	}
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
	}
	if err := json.Unmarshal(ids[0], &id); err != nil {
		t.Fatal(err)
	}
	if id.Token != "Bot "+testToken {
		t.Errorf("identify token = %q, want %q", id.Token, "Bot "+testToken)
	}
}

func TestAskDefersThenEditsAnswer(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("ask", nil)

	cb := h.callback(token)
	if cb["type"] != 5.0 {
		t.Fatalf("callback type = %v, want 5 (deferred)", cb["type"])
	}
	msg := h.edited(token)
	e := embedOf(t, msg)
	if e["title"] != viennaQuestion {
		t.Errorf("title = %q, want the question", e["title"])
	}
	if d := e["description"].(string); !strings.Contains(d, "[1]") || !strings.Contains(d, "[2]") {
		t.Errorf("description %q lacks [n] markers", d)
	}
	fields := e["fields"].([]any)
	if len(fields) != 2 {
		t.Fatalf("got %d source fields, want 2", len(fields))
	}
	for n, c := range viennaAnswer.Citations {
		f := fields[n].(map[string]any)
		wantName := fmt.Sprintf("[%d] %s · %s", c.N, c.Title, c.Published)
		if f["name"] != wantName {
			t.Errorf("field %d name = %q, want %q", n, f["name"], wantName)
		}
		if !strings.Contains(f["value"].(string), c.Quote) {
			t.Errorf("field %d value = %q, want the quote %q", n, f["value"], c.Quote)
		}
	}
	if footer := e["footer"].(map[string]any)["text"].(string); !strings.Contains(footer, rag.ModeExtractive) {
		t.Errorf("footer %q does not name the answerer", footer)
	}
	var ids []string
	for _, c := range msg["components"].([]any)[0].(map[string]any)["components"].([]any) {
		ids = append(ids, c.(map[string]any)["custom_id"].(string))
	}
	if got := strings.Join(ids, ","); got != "pin,sources" {
		t.Errorf("buttons = %s, want pin,sources", got)
	}

	// The deferral comes before the edit.
	var order []string
	for _, r := range h.fake.Requests() {
		if strings.Contains(r.Path, token) {
			order = append(order, r.Method)
		}
	}
	if strings.Join(order, " ") != "POST PATCH" {
		t.Errorf("requests for the interaction = %v, want POST then PATCH", order)
	}
}

func TestAskAbstained(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("ask", func(m map[string]any) {
		setOption(m, "What did the Pope say?")
	})
	e := embedOf(t, h.edited(token))
	if d := e["description"].(string); !strings.Contains(d, "The sources don't say") {
		t.Errorf("abstained answer renders as %q", d)
	}
}

func TestAskLongAnswerFitsLimits(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("The minister spoke at length about the talks. ", 400) // ~18000
	q := strings.Repeat("why ", 120)                                              // 480 chars: allowed, longer than a title
	q = strings.TrimSpace(q) + "?"
	a := rag.Answer{Question: q, Text: long + " [1]", Mode: rag.ModeLLM, Model: "gpt-4o-mini"}
	for n := 1; n <= 30; n++ {
		a.Citations = append(a.Citations, rag.Citation{N: n, Title: strings.Repeat("Title ", 60), Published: "2022-11-05", Quote: strings.Repeat("quoted words ", 200)})
	}
	h := sharedBot(t)
	h.engine.setAnswer(q, a)
	token := h.dispatch("ask", func(m map[string]any) { setOption(m, q) })
	msg := h.edited(token)
	checkLimits(t, "edit", msg) // again here, to fail this test by name
	e := embedOf(t, msg)
	if !strings.HasSuffix(e["title"].(string), ellipsis) {
		t.Errorf("long question title %q not shortened with an ellipsis", e["title"])
	}
	if !strings.Contains(e["footer"].(map[string]any)["text"].(string), "gpt-4o-mini") {
		t.Errorf("footer does not name the model")
	}

	// The Sources button splits all the passages over several messages.
	h.waitServed(token) // the answer is in memory: its title alone cannot be asked again
	src := h.dispatch("button_sources", func(m map[string]any) {
		m["message"].(map[string]any)["id"] = h.fake.OriginalMessageID(token)
	})
	first := h.edited(src)
	if !strings.Contains(embedOf(t, first)["description"].(string), "[1]") {
		t.Errorf("first sources message lacks [1]")
	}
	h.fake.WaitFor(wait, func(r fakediscord.Request) bool {
		return strings.Contains(r.Path, src) && r.Method == http.MethodPost && strings.HasSuffix(r.Path, src) && strings.Contains(string(r.Body), "[30]")
	})
	fu := h.followups(src)
	if len(fu) == 0 {
		t.Fatalf("no follow-up messages for the remaining sources; logs:\n%s", h.logs.String())
	}
	for _, m := range fu {
		if m["flags"] != 64.0 {
			t.Errorf("sources follow-up flags = %v, want 64 (ephemeral)", m["flags"])
		}
	}
}

func TestAskRefusesTooLongQuestion(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("ask", func(m map[string]any) { setOption(m, strings.Repeat("a", 501)) })
	cb := h.callback(token)
	d := dataOf(t, cb)
	if cb["type"] != 4.0 || d["flags"] != 64.0 {
		t.Errorf("callback type %v flags %v, want 4 and 64", cb["type"], d["flags"])
	}
	if c := d["content"].(string); !strings.Contains(c, "limit is 500") {
		t.Errorf("refusal = %q", c)
	}
	for _, q := range h.engine.askedList() {
		if strings.HasPrefix(q, "aaaa") {
			t.Errorf("engine was asked the refused question")
		}
	}
}

func TestEngineErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		err     error
		want    string
		wantLog string
	}{
		{"invalid is shown", rag.Invalidf("That question is empty of words I know."), "That question is empty of words I know.", ""},
		{"internal is hidden", errors.New("chromem: disk on fire"), internalText, "disk on fire"},
	}
	h := sharedBot(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := "question for " + tt.name
			h.engine.setErr(q, tt.err)
			token := h.dispatch("ask", func(m map[string]any) { setOption(m, q) })
			if got := h.reply(token); got != tt.want {
				t.Errorf("member sees %q, want %q", got, tt.want)
			}
			h.waitServed(token)
			if st := h.fake.State(token); !st.Deleted || st.Edited {
				t.Errorf("reply state %+v: want the public \"thinking…\" deleted, never edited into an apology", st)
			}
			for _, r := range h.fake.Requests() {
				if strings.Contains(r.Path, token) && strings.Contains(string(r.Body), "disk on fire") {
					t.Errorf("internal detail shown to the member: %s", r.Body)
				}
			}
			if tt.wantLog != "" && !strings.Contains(h.logs.String(), tt.wantLog) {
				t.Errorf("log lacks %q", tt.wantLog)
			}
		})
	}
}

func TestPinPermissions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		perms string
		allow bool
	}{
		{"no rights", "0", false},
		{"everyday member", "2248473465835073", false},
		{"MANAGE_MESSAGES only", fmt.Sprint(int64(1 << 13)), false},
		{"PIN_MESSAGES", fmt.Sprint(int64(1 << 51)), true},
		{"ADMINISTRATOR", fmt.Sprint(int64(1 << 3)), true},
		{"MANAGE_MESSAGES and PIN_MESSAGES", fmt.Sprint(int64(1<<13 | 1<<51)), true},
	}
	h := sharedBot(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ask := h.dispatch("ask", nil)
			h.edited(ask)
			h.waitServed(ask)
			msgID := h.fake.OriginalMessageID(ask)
			token := h.dispatch("button_pin", func(m map[string]any) {
				m["member"].(map[string]any)["permissions"] = tt.perms
				m["message"].(map[string]any)["id"] = msgID
			})
			cb := h.callback(token)
			pinPath := "/api/v9/channels/1300000000000000000/messages/pins/" + msgID
			if !tt.allow {
				d := dataOf(t, cb)
				if cb["type"] != 4.0 || d["flags"] != 64.0 || d["content"] != pinRefusedText {
					t.Errorf("refusal = type %v flags %v %q", cb["type"], d["flags"], d["content"])
				}
				for _, r := range h.fake.Requests() {
					if r.Path == pinPath {
						t.Errorf("message pinned without permission")
					}
				}
				return
			}
			if cb["type"] != 5.0 || dataOf(t, cb)["flags"] != 64.0 {
				t.Errorf("callback = %v, want an ephemeral deferral", cb)
			}
			if got := h.edited(token)["content"]; got != pinDoneText {
				t.Errorf("reply = %q, want %q", got, pinDoneText)
			}
			r, ok := h.fake.WaitFor(wait, func(r fakediscord.Request) bool { return r.Path == pinPath })
			if !ok {
				t.Fatal("no pin request")
			}
			if r.Method != http.MethodPut {
				t.Errorf("pin method = %s, want PUT", r.Method)
			}
			reason, _ := url.PathUnescape(r.Header.Get("X-Audit-Log-Reason"))
			if !strings.Contains(reason, "María") || !strings.Contains(reason, "1500000000000000009") {
				t.Errorf("audit log reason %q does not name the moderator", reason)
			}
		})
	}
	// Every allowed pin is recorded, with what was shown.
	pins, err := h.reopenStore().Latest(context.Background(), h.guild, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != 3 {
		t.Fatalf("recorded %d pins, want 3", len(pins))
	}
	p := pins[0]
	if p.Question != viennaQuestion || p.Answer != viennaAnswer.Text || len(p.Citations) != 2 || p.PinnedByName != "María" ||
		p.GuildID != h.guild || p.ChannelID != "1300000000000000000" || p.MessageID == "" || p.PinnedAt.IsZero() {
		t.Errorf("pin record = %+v", p)
	}
}

func (h *harness) reopenStore() PinStore {
	h.t.Helper()
	return reopenPins(h.t, h.opts.DataDir)
}

// reopenPins opens the pins under dir afresh, as a restarted bot would.
func reopenPins(t *testing.T, dir string) PinStore {
	t.Helper()
	s, err := file.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return StorePins(s)
}

func TestPinErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"channel full", http.StatusBadRequest, `{"message": "Maximum number of pins reached (250)", "code": 30003}`, pinsFullText},
		{"bot lacks permission", http.StatusForbidden, `{"message": "Missing Permissions", "code": 50013}`, pinNoPermText},
		{"forbidden without code", http.StatusForbidden, `{"message": "Forbidden", "code": 0}`, pinNoPermText},
		{"server error", http.StatusInternalServerError, `{"message": "oops", "code": 0}`, internalText},
	}
	h := sharedBot(t)
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgID := fmt.Sprintf("138000000000%07d", seq.Add(1)) // not an id the fake gives
			h.fake.Inject(fakediscord.Fault{Status: tt.status, Body: tt.body, Match: func(r fakediscord.Request) bool {
				return strings.HasSuffix(r.Path, "/messages/pins/"+msgID)
			}})
			token := h.dispatch("button_pin", func(m map[string]any) {
				m["member"].(map[string]any)["permissions"] = fmt.Sprint(int64(1 << 51))
				m["message"].(map[string]any)["id"] = msgID
			})
			if got := h.reply(token); got != tt.want {
				t.Errorf("case %d: member sees %q, want %q", n, got, tt.want)
			}
		})
	}
	if pins, _ := h.reopenStore().Latest(context.Background(), h.guild, 10); len(pins) != 0 {
		t.Errorf("failed pins were recorded: %+v", pins)
	}
}

func TestSourcesAfterRestartAsksAgain(t *testing.T) {
	t.Parallel()
	// button_sources.json is on a message this bot never saw: the question
	// comes from the embed title.
	h := sharedBot(t)
	q := "Who met in Vienna after the restart of " + h.guild + "?"
	a := viennaAnswer
	a.Question = q
	h.engine.setAnswer(q, a)
	token := h.dispatch("button_sources", func(m map[string]any) {
		msg := m["message"].(map[string]any)
		msg["id"] = fmt.Sprintf("139000000000%07d", seq.Add(1)) // a message the bot never saw
		msg["embeds"].([]any)[0].(map[string]any)["title"] = q
	})
	cb := h.callback(token)
	if cb["type"] != 5.0 || dataOf(t, cb)["flags"] != 64.0 {
		t.Errorf("callback = %v, want an ephemeral deferral", cb)
	}
	d := embedOf(t, h.edited(token))["description"].(string)
	for _, c := range viennaAnswer.Citations {
		if !strings.Contains(d, c.Quote) || !strings.Contains(d, c.Title) {
			t.Errorf("sources %q lack citation %d", d, c.N)
		}
	}
	if !strings.Contains(d, viennaAnswer.Citations[1].URL) {
		t.Errorf("sources lack the URL")
	}
	if n := h.engine.timesAsked(q); n != 1 {
		t.Errorf("engine asked the title's question %d times, want once", n)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	h := startBot(t, func(o *Options) { o.RatePerMinute = 1; o.Burst = 1 })
	first := h.dispatch("ask", nil)
	if cb := h.callback(first); cb["type"] != 5.0 {
		t.Fatalf("first ask: callback type %v, want 5", cb["type"])
	}
	h.edited(first)
	second := h.dispatch("ask", nil)
	cb := h.callback(second)
	d := dataOf(t, cb)
	if c, _ := d["content"].(string); cb["type"] != 4.0 || d["flags"] != 64.0 || !strings.Contains(c, "ask again in ") || !strings.Contains(c, " seconds") {
		t.Errorf("second ask: %v, want an ephemeral refusal saying when to ask again", cb)
	}
	if n := h.engine.timesAsked(viennaQuestion); n != 1 {
		t.Errorf("engine asked %d times, want once", n)
	}
	// What costs nothing is never refused: buttons, paging, /pinned, autocomplete.
	h.waitServed(first)
	msgID := h.fake.OriginalMessageID(first)
	onAnswer := func(m map[string]any) { m["message"].(map[string]any)["id"] = msgID }
	for _, free := range []struct {
		fixture string
		edit    func(map[string]any)
	}{
		{"button_sources", onAnswer}, {"button_pin", onAnswer}, {"timeline", nil},
		{"button_timeline_next", nil}, {"pinned", nil}, {"who_said", nil}, {"who_said_autocomplete", nil},
	} {
		token := h.dispatch(free.fixture, free.edit)
		cb := h.callback(token)
		if d, _ := cb["data"].(map[string]any); d != nil && strings.Contains(fmt.Sprint(d["content"]), "ask again") {
			t.Errorf("%s was rate limited", free.fixture)
		}
	}
	other := h.dispatch("ask", func(m map[string]any) {
		m["member"].(map[string]any)["user"].(map[string]any)["id"] = "1500000000000000077"
	})
	if cb := h.callback(other); cb["type"] != 5.0 {
		t.Errorf("another member was limited too: %v", cb)
	}
}

func TestRegistersCommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		guild string
		path  string
	}{
		{"guild", "1400000000000000001", "/api/v9/applications/" + fakediscord.AppID + "/guilds/1400000000000000001/commands"},
		{"global", "", "/api/v9/applications/" + fakediscord.AppID + "/commands"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := startBot(t, func(o *Options) { o.GuildID = tt.guild })
			var puts []fakediscord.Request
			for _, r := range h.fake.Requests() {
				if strings.HasSuffix(r.Path, "/commands") {
					puts = append(puts, r)
				}
			}
			if len(puts) != 1 || puts[0].Method != http.MethodPut || puts[0].Path != tt.path {
				t.Fatalf("registration = %+v, want one PUT %s", puts, tt.path)
			}
			var cmds []struct {
				Name     string `json:"name"`
				Contexts []int  `json:"contexts"`
			}
			json.Unmarshal(puts[0].Body, &cmds)
			var names []string
			for _, c := range cmds {
				names = append(names, c.Name)
				want := "[0 1]" // servers and DMs with the bot
				if c.Name == "pinned" {
					want = "[0]" // a server's pins: servers only
				}
				if got := fmt.Sprint(c.Contexts); got != want {
					t.Errorf("/%s contexts = %s, want %s", c.Name, got, want)
				}
			}
			if got := strings.Join(names, ","); got != "ask,timeline,who-said,pinned" {
				t.Errorf("registered %s", got)
			}
		})
	}
}

func TestNoRequestLeavesForDiscord(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	h.edited(h.dispatch("ask", nil))
	hosts := h.guard.seen()
	if len(hosts) == 0 {
		t.Fatal("no requests seen")
	}
	for _, host := range hosts {
		if !strings.HasPrefix(host, "127.0.0.1:") {
			t.Errorf("request went to %s", host)
		}
	}
	for _, r := range h.fake.Requests() {
		if !strings.HasPrefix(r.Path, "/api/v9/") {
			t.Errorf("request outside the API base: %s %s", r.Method, r.Path)
		}
	}
}

func TestAutocompleteSpeakers(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("who_said_autocomplete", nil)
	cb := h.callback(token)
	if cb["type"] != 8.0 {
		t.Fatalf("callback type = %v, want 8", cb["type"])
	}
	choices := dataOf(t, cb)["choices"].([]any)
	if len(choices) != 1 || choices[0].(map[string]any)["name"] != "Amir Saeid Iravani" {
		t.Errorf("choices = %v", choices)
	}
}

func TestWhoSaid(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("who_said", nil)
	e := embedOf(t, h.edited(token))
	fields := e["fields"].([]any)
	if len(fields) != 1 {
		t.Fatalf("got %d statements, want 1", len(fields))
	}
	f := fields[0].(map[string]any)
	if want := "Hossein Amirabdollahian, Iranian Foreign Minister (via IRNA)"; f["name"] != want {
		t.Errorf("speaker line = %q, want %q", f["name"], want)
	}
	if v := f["value"].(string); !strings.Contains(v, "The talks were constructive") || !strings.Contains(v, "Iran says IAEA talks constructive") {
		t.Errorf("statement = %q", v)
	}
}

func TestTimelinePages(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("timeline", nil)
	msg := h.edited(token)
	e := embedOf(t, msg)
	if lines := strings.Split(e["description"].(string), "\n"); len(lines) != timelinePageSize || !strings.HasPrefix(lines[0], "**2022-09**") {
		t.Errorf("page 1 = %q", e["description"])
	}
	if f := e["footer"].(map[string]any)["text"]; f != "Page 1 of 2 · 12 events" {
		t.Errorf("footer = %q", f)
	}
	next := h.dispatch("button_timeline_next", nil)
	if cb := h.callback(next); cb["type"] != 6.0 {
		t.Errorf("button callback type = %v, want 6 (deferred update)", cb["type"])
	}
	e = embedOf(t, h.edited(next))
	if lines := strings.Split(e["description"].(string), "\n"); len(lines) != 2 {
		t.Errorf("page 2 = %q", e["description"])
	}
	if f := e["footer"].(map[string]any)["text"]; f != "Page 2 of 2 · 12 events" {
		t.Errorf("footer = %q", f)
	}
}

func TestPinnedLinks(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	ask := h.dispatch("ask", nil)
	h.edited(ask)
	msgID := h.fake.OriginalMessageID(ask)
	pin := h.dispatch("button_pin", func(m map[string]any) {
		m["member"].(map[string]any)["permissions"] = "8"
		m["message"].(map[string]any)["id"] = msgID
	})
	h.edited(pin)
	token := h.dispatch("pinned", nil)
	if cb := h.callback(token); cb["type"] != 5.0 {
		t.Errorf("/pinned callback type %v, want 5: acknowledged before the pins are read", cb["type"])
	}
	d := embedOf(t, h.edited(token))["description"].(string)
	link := "https://discord.com/channels/" + h.guild + "/1300000000000000000/" + msgID
	if !strings.Contains(d, link) || !strings.Contains(d, viennaQuestion) || !strings.Contains(d, "María") {
		t.Errorf("/pinned = %q, want the question, the moderator and %s", d, link)
	}
}

// In a DM there is no server, so no pins: never every server's.
func TestPinnedInDM(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	ask := h.dispatch("ask", nil)
	h.edited(ask)
	pin := h.dispatch("button_pin", func(m map[string]any) {
		m["member"].(map[string]any)["permissions"] = "8"
		m["message"].(map[string]any)["id"] = h.fake.OriginalMessageID(ask)
	})
	h.edited(pin)
	token := h.dispatch("pinned", func(m map[string]any) {
		delete(m, "guild_id")
		m["user"] = m["member"].(map[string]any)["user"]
		delete(m, "member")
		m["context"] = 1
	})
	cb := h.callback(token)
	d := dataOf(t, cb)
	if d["content"] != pinnedInDMText || d["flags"] != 64.0 {
		t.Errorf("/pinned in a DM = %v, want an ephemeral %q", cb, pinnedInDMText)
	}
	if strings.Contains(fmt.Sprint(cb), "discord.com/channels") || strings.Contains(fmt.Sprint(cb), viennaQuestion) {
		t.Errorf("/pinned in a DM lists pins: %v", cb)
	}
	if pins, err := h.reopenStore().Latest(context.Background(), "", 10); err != nil || len(pins) != 0 {
		t.Errorf("Latest with no guild = %d pins, %v; want none", len(pins), err)
	}
}

func TestSlowAnswerDoesNotBlockOthers(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	gate := h.engine.setGate("slow question")
	defer close(gate)
	h.dispatch("ask", func(m map[string]any) { setOption(m, "slow question") })
	h.engine.waitAsked(t, "slow question")
	fast := h.dispatch("ask", func(m map[string]any) {
		m["member"].(map[string]any)["user"].(map[string]any)["id"] = "1500000000000000042"
	})
	h.edited(fast)
}

func TestShutdownFinishesInFlight(t *testing.T) {
	t.Parallel()
	h := startBot(t, nil)
	gate := h.engine.setGate("slow question")
	token := h.dispatch("ask", func(m map[string]any) { setOption(m, "slow question") })
	h.engine.waitAsked(t, "slow question")
	h.cancel()
	close(gate)
	h.stop()
	found := false
	for _, r := range h.fake.Requests() {
		if r.Method == http.MethodPatch && strings.Contains(r.Path, token) {
			found = true
		}
	}
	if !found {
		t.Error("the in-flight answer was not sent before Run returned")
	}
	select {
	case <-h.fake.GatewayClosed():
	case <-timeAfter():
		t.Error("gateway connection not closed")
	}
}

func TestShutdownCancelsStuckAnswer(t *testing.T) {
	t.Parallel()
	h := startBot(t, func(o *Options) { o.ShutdownTimeout = 50 * time.Millisecond })
	gate := h.engine.setGate("stuck question")
	defer close(gate)
	token := h.dispatch("ask", func(m map[string]any) { setOption(m, "stuck question") })
	h.engine.waitAsked(t, "stuck question")
	h.stop()
	if got := h.reply(token); got != shuttingText {
		t.Errorf("member of a cancelled answer sees %q, want %q", got, shuttingText)
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("pinned", func(m map[string]any) { m["data"].(map[string]any)["name"] = "retired-command" })
	cb := h.callback(token)
	if d := dataOf(t, cb); cb["type"] != 4.0 || d["flags"] != 64.0 || d["content"] != unknownText {
		t.Errorf("unknown command answered %v", cb)
	}
}

func TestNewWithoutToken(t *testing.T) {
	t.Parallel()
	_, err := New(defaultOptions(newFakeEngine(), t.TempDir()))
	if err == nil {
		t.Fatal("New without a token succeeded")
	}
	for _, want := range []string{"DISCORD_TOKEN", "Reset Token", "bot console"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// setOption sets the first option's value of a command fixture.
func setOption(m map[string]any, v string) {
	m["data"].(map[string]any)["options"].([]any)[0].(map[string]any)["value"] = v
}

// Discord syntax around a good question does not make the bot give up.
func TestAskStripsDiscordSyntax(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	token := h.dispatch("ask", func(m map[string]any) {
		setOption(m, "hey bot, <:pepe:1122334455667788990> @everyone <@&1234567890123456789> "+viennaQuestion+" https://example.com/x")
	})
	e := embedOf(t, h.edited(token))
	if e["title"] != viennaQuestion || strings.Contains(e["description"].(string), "The sources don't say") {
		t.Errorf("got %q: %q, want the answer to %q", e["title"], e["description"], viennaQuestion)
	}
}

// What members write shows as typed: no live links, no markdown.
func TestMemberTextIsEscaped(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	q := "Is **this** ||real|| or ~~fake~~, " + h.guild + "?"
	ask := h.dispatch("ask", func(m map[string]any) { setOption(m, q) })
	if title := embedOf(t, h.edited(ask))["title"].(string); strings.Contains(title, "**") || strings.Contains(title, "||") || unescapeMarkdown(title) != q {
		t.Errorf("answer title %q renders markdown", title)
	}
	h.waitServed(ask)
	pin := h.dispatch("button_pin", func(m map[string]any) {
		m["member"].(map[string]any)["permissions"] = "8"
		m["member"].(map[string]any)["user"].(map[string]any)["global_name"] = "[Mod](https://evil.example/login)"
		m["message"].(map[string]any)["id"] = h.fake.OriginalMessageID(ask)
	})
	h.edited(pin)
	list := h.dispatch("pinned", nil)
	d := embedOf(t, h.edited(list))["description"].(string)
	if strings.Contains(d, "https://evil") || strings.Contains(d, "](https://evil") || strings.Contains(d, "**this**") || strings.Contains(d, "||real||") {
		t.Errorf("/pinned renders member text: %q", d)
	}
	if !strings.Contains(d, `\*\*this\*\*`) || !strings.Contains(d, `https\://evil.example/login`) {
		t.Errorf("/pinned = %q, want the member's text escaped", d)
	}
}

// A REST failure's error names the URL, and the URL carries the
// interaction token: the log shows neither the token nor the bot's.
func TestLogsCarryNoTokens(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	h.guard.cutOff("/secret-interaction-token-" + h.guild)
	h.dispatch("ask", func(m map[string]any) { m["token"] = "secret-interaction-token-" + h.guild })
	deadline := time.Now().Add(wait)
	for !strings.Contains(h.logs.String(), "/REDACTED") {
		if time.Now().After(deadline) {
			t.Fatalf("no failed request logged; logs:\n%s", h.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if logs := h.logs.String(); strings.Contains(logs, "secret-interaction-token-"+h.guild) || strings.Contains(logs, testToken) {
		t.Errorf("the log shows a token:\n%s", logs)
	}
}

// A gateway that never says Hello does not hold up shutdown.
func TestRunStopsWhileTheGatewayHangs(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New("Bot " + testToken)
	defer fake.Close()
	fake.StallGateway()
	opts := defaultOptions(newFakeEngine(), t.TempDir())
	opts.Token, opts.APIBase = testToken, fake.APIBase()
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	deadline := time.Now().Add(wait)
	for fake.GatewayDials() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the bot never dialled the gateway")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after a shutdown", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not return while the gateway hung")
	}
}

// A failure behind a button on a public message apologises to the member
// alone and leaves the message as it was.
func TestButtonFailureLeavesThePublicMessage(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	topic := "broken " + h.guild
	h.engine.setErr("timeline:"+topic, errors.New("index on fire"))
	token := h.dispatch("button_timeline_next", func(m map[string]any) {
		m["data"].(map[string]any)["custom_id"] = "tl:1:" + topic
	})
	if got := h.reply(token); got != internalText {
		t.Errorf("member sees %q, want %q", got, internalText)
	}
	h.waitServed(token)
	if st := h.fake.State(token); st.Edited {
		t.Errorf("the public timeline message was edited: %+v", st)
	}
}

// Pin under an answer in a DM cannot pin anything (pins belong to a
// server): the member is told so, not that they lack a permission, and
// nothing is pinned or recorded.
func TestPinButtonInDM(t *testing.T) {
	t.Parallel()
	h := sharedBot(t)
	ask := h.dispatch("ask", nil)
	h.edited(ask)
	pin := h.dispatch("button_pin", func(m map[string]any) {
		delete(m, "guild_id")
		m["user"] = m["member"].(map[string]any)["user"]
		delete(m, "member")
		m["context"] = 1
		m["message"].(map[string]any)["id"] = h.fake.OriginalMessageID(ask)
	})
	cb := h.callback(pin)
	d := dataOf(t, cb)
	if d["content"] != pinInDMText || d["flags"] != 64.0 {
		t.Errorf("Pin in a DM = %v, want an ephemeral %q", cb, pinInDMText)
	}
	if pins, err := h.reopenStore().Latest(context.Background(), "", 10); err != nil || len(pins) != 0 {
		t.Errorf("Pin in a DM recorded %d pins, %v; want none", len(pins), err)
	}
}
