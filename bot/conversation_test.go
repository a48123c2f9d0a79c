package bot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

// channelID is the channel of the fixtures' interactions.
const channelID = "1300000000000000000"

// conversing is a bot on the bundled story with its state in files, as
// `bot run` wires it; messageContent is DISCORD_MESSAGE_CONTENT.
func conversing(t *testing.T, messageContent bool) (*harness, *file.Store) {
	t.Helper()
	e, _, err := rag.Open(context.Background(), rag.Options{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := file.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := startBot(t, func(o *Options) {
		o.Engine, o.Conversations, o.Questions, o.Feedback = e, st, st, st
		o.Stats = func(ctx context.Context, guildID string, since time.Time, top int) (store.Stats, error) {
			return store.GuildStats(ctx, st, guildID, since, top)
		}
		o.MessageContent = messageContent
	})
	return h, st
}

// ask dispatches /ask question in channel and returns the id of the
// answer's message, once the handler is done (its turn recorded).
func (h *harness) ask(channel, question string) (string, map[string]any) {
	h.t.Helper()
	tok := h.dispatch("ask", func(m map[string]any) {
		m["channel_id"] = channel
		m["data"].(map[string]any)["options"].([]any)[0].(map[string]any)["value"] = question
	})
	embed := embedOf(h.t, h.edited(tok))
	h.waitServed(tok)
	return h.fake.OriginalMessageID(tok), embed
}

// press dispatches a button press with customID on message id.
func (h *harness) press(customID, id, channel string, edit func(m map[string]any)) string {
	h.t.Helper()
	return h.dispatch("button_sources", func(m map[string]any) {
		m["channel_id"] = channel
		m["data"].(map[string]any)["custom_id"] = customID
		msg := m["message"].(map[string]any)
		msg["id"], msg["channel_id"] = id, channel
		if edit != nil {
			edit(m)
		}
	})
}

// posted waits for a message the bot posts in channel and returns it.
func (h *harness) posted(channel string, ok func(map[string]any) bool) map[string]any {
	h.t.Helper()
	return h.waitJSON("message in channel "+channel, func(r fakediscord.Request) bool {
		if r.Fault != 0 || r.Method != http.MethodPost || r.Path != "/api/v9/channels/"+channel+"/messages" {
			return false
		}
		m, _ := r.JSON().(map[string]any)
		return m != nil && ok(m)
	})
}

// footerOf is an embed's footer text.
func footerOf(e map[string]any) string {
	f, _ := e["footer"].(map[string]any)
	s, _ := f["text"].(string)
	return s
}

// resolvedAs matches a message whose answer says it answered want.
func resolvedAs(t *testing.T, want string) func(map[string]any) bool {
	return func(m map[string]any) bool {
		embeds, _ := m["embeds"].([]any)
		return len(embeds) > 0 && strings.Contains(footerOf(embeds[0].(map[string]any)), "Answered as: "+want)
	}
}

// message sends a member's message through the gateway.
func (h *harness) message(m fakediscord.Message) {
	h.t.Helper()
	m.ID = fmt.Sprintf("16000000000%08d", seq.Add(1))
	m.GuildID, m.AuthorID = h.guild, "1500000000000000001"
	sent, err := h.fake.DispatchMessage(m)
	if err != nil || !sent {
		h.t.Fatalf("dispatch message: sent %v, %v (the bot lacks the messages intent?)", sent, err)
	}
}

func TestFollowUpButtonStartsThread(t *testing.T) {
	t.Parallel()
	h, _ := conversing(t, false)
	answer, _ := h.ask(channelID, "Who is Iran's foreign minister?")

	// The button opens a modal for the next question.
	tok := h.press(idFollowUp, answer, channelID, nil)
	cb := h.callback(tok)
	if cb["type"] != 9.0 || dataOf(t, cb)["custom_id"] != idFollowUpModal+":"+answer {
		t.Fatalf("got callback %v, want a modal for answer %s", cb, answer)
	}
	// Its answer goes into a thread started from the first answer, with
	// the earlier turn resolved.
	tok = h.dispatch("modal_followup", func(m map[string]any) {
		m["data"].(map[string]any)["custom_id"] = idFollowUpModal + ":" + answer
		m["message"].(map[string]any)["id"] = answer
	})
	h.waitJSON("thread start", func(r fakediscord.Request) bool {
		return r.Method == http.MethodPost && r.Path == "/api/v9/channels/"+channelID+"/messages/"+answer+"/threads"
	})
	msg := h.posted(answer, resolvedAs(t, "What did Hossein Amirabdollahian say about the missiles?"))
	if e := embedOf(t, msg); e["title"] != "What did he say about the missiles?" {
		t.Errorf("got title %v, want the question as typed", e["title"])
	}
	if got := h.reply(tok); !strings.Contains(got, "<#"+answer+">") {
		t.Errorf("got %q, want a pointer to the thread", got)
	}

	// In the thread, /ask continues the conversation.
	_, embed := h.ask(answer, "What did he say about the drones?")
	if !strings.Contains(footerOf(embed), "Answered as: What did Hossein Amirabdollahian say about the drones?") {
		t.Errorf("got footer %q, want the /ask in the thread resolved against the conversation", footerOf(embed))
	}
	// A Follow up from an answer inside the thread answers there, without
	// a second thread.
	tok = h.dispatch("modal_followup", func(m map[string]any) {
		m["channel_id"] = answer
		m["data"].(map[string]any)["custom_id"] = idFollowUpModal + ":1300000000000099999"
		m["data"].(map[string]any)["components"].([]any)[0].(map[string]any)["components"].([]any)[0].(map[string]any)["value"] = "Where did he say it?"
	})
	if e := embedOf(t, h.edited(tok)); !strings.Contains(footerOf(e), "Amirabdollahian") {
		t.Errorf("got footer %q, want the follow-up in the thread resolved", footerOf(e))
	}
	if n := len(h.fake.Threads()); n != 1 {
		t.Errorf("got %d threads, want 1 per conversation", n)
	}
}

func TestFollowUpByReplyAndMention(t *testing.T) {
	t.Parallel()
	for _, content := range []bool{false, true} {
		t.Run(fmt.Sprintf("message content %v", content), func(t *testing.T) {
			t.Parallel()
			h, _ := conversing(t, content)
			answer, _ := h.ask(channelID, "Did Iran send drones to Russia?")

			// A reply to the answer (pinging the bot, as replies do by
			// default) continues in a thread started from it.
			h.message(fakediscord.Message{ChannelID: channelID, Content: "And missiles?", Mentions: []string{fakediscord.BotUserID},
				ReplyTo: answer, ReplyToAuthor: fakediscord.BotUserID})
			h.posted(answer, resolvedAs(t, "Did Iran send missiles to Russia?"))

			// In the thread, a message mentioning the bot continues it.
			h.message(fakediscord.Message{ChannelID: answer, Content: "<@" + fakediscord.BotUserID + "> And drones?", Mentions: []string{fakediscord.BotUserID}})
			h.posted(answer, resolvedAs(t, "Did Iran send drones to Russia?"))

			// A plain message in the thread continues it only with the
			// Message Content intent; without it Discord withholds its
			// words and the bot lets it be.
			h.message(fakediscord.Message{ChannelID: answer, Content: "And missiles?"})
			if content {
				h.posted(answer, func(m map[string]any) bool {
					return resolvedAs(t, "Did Iran send missiles to Russia?")(m) && m["message_reference"] != nil
				})
			} else {
				h.waitLog("message ignored: not for the bot")
			}
		})
	}
}

func TestMessagesOutsideConversations(t *testing.T) {
	t.Parallel()
	h, _ := conversing(t, true)
	// A thread the bot did not start is ignored unless the bot is mentioned.
	h.message(fakediscord.Message{ChannelID: "1700000000000000001", Content: "Did Iran send drones to Russia?"})
	h.waitLog("message ignored: not for the bot")
	h.message(fakediscord.Message{ChannelID: "1700000000000000001", Content: "<@" + fakediscord.BotUserID + "> Did Iran send drones to Russia?",
		Mentions: []string{fakediscord.BotUserID}})
	msg := h.posted("1700000000000000001", func(m map[string]any) bool { return m["embeds"] != nil })
	if e := embedOf(t, msg); e["title"] != "Did Iran send drones to Russia?" {
		t.Errorf("got title %v, want the question answered", e["title"])
	}
}

func TestFollowUpInExpiredThread(t *testing.T) {
	t.Parallel()
	h, st := conversing(t, false)
	thread := "1700000000000000002"
	old := store.Turn{Question: "Did Iran send drones to Russia?", Answer: "…", At: time.Now().Add(-48 * time.Hour)}
	if err := st.AppendTurn(context.Background(), store.ConversationKey{GuildID: h.guild, ID: thread}, old); err != nil {
		t.Fatal(err)
	}
	_, embed := h.ask(thread, "And missiles?")
	if strings.Contains(footerOf(embed), "Answered as") {
		t.Errorf("got footer %q, want the expired turn not used", footerOf(embed))
	}
	edits := h.fake.Requests()
	found := false
	for _, r := range edits {
		if m, _ := r.JSON().(map[string]any); r.Method == http.MethodPatch && m != nil && m["content"] == expiredText {
			found = true
		}
	}
	if !found {
		t.Errorf("no reply said the conversation had expired")
	}
}

func TestCheckCommands(t *testing.T) {
	t.Parallel()
	h, _ := conversing(t, false)
	tok := h.dispatch("check", nil)
	if cb := h.callback(tok); dataOf(t, cb)["flags"] != 64.0 {
		t.Errorf("got callback %v, want a private reply", cb)
	}
	msg := h.edited(tok)
	e := embedOf(t, msg)
	if e["title"] != "Claim: Iran sent missiles to Russia" || !strings.Contains(e["description"].(string), "Disputed") {
		t.Fatalf("got %v, want the claim disputed", e)
	}
	if fields, _ := e["fields"].([]any); len(fields) == 0 || !strings.Contains(fmt.Sprint(fields), "completely wrong") {
		t.Errorf("got fields %v, want the minister's words quoted", e["fields"])
	}
	post := customIDs(msg)
	if len(post) != 1 || !strings.HasPrefix(post[0], idCheckPost+":") {
		t.Fatalf("got buttons %v, want Post publicly", post)
	}
	tok = h.press(post[0], "1300000000000000077", channelID, nil)
	cb := h.callback(tok)
	if d := dataOf(t, cb); cb["type"] != 4.0 || d["flags"] == 64.0 || !strings.Contains(fmt.Sprint(d["embeds"]), "Disputed") {
		t.Errorf("got %v, want the verdict posted publicly", cb)
	}

	// The message command judges the message's words, without its mentions.
	tok = h.dispatch("message_check", nil)
	if e := embedOf(t, h.edited(tok)); e["title"] != "Claim: Iran gave Russia drones!! told you" || !strings.Contains(e["description"].(string), "Supported") {
		t.Errorf("got %v, want the message's claim supported", e)
	}
	tok = h.dispatch("message_check", func(m map[string]any) {
		msgs := m["data"].(map[string]any)["resolved"].(map[string]any)["messages"].(map[string]any)
		msgs["1600000000000000001"].(map[string]any)["content"] = ""
	})
	if got, _ := dataOf(t, h.callback(tok))["content"].(string); !strings.Contains(got, "no claim to check") {
		t.Errorf("got %q, want a clear reply for a message without text", got)
	}
	tok = h.dispatch("message_check", func(m map[string]any) {
		msgs := m["data"].(map[string]any)["resolved"].(map[string]any)["messages"].(map[string]any)
		msgs["1600000000000000001"].(map[string]any)["content"] = strings.Repeat("Iran sent drones to Russia. ", 40)
	})
	if got := h.reply(tok); !strings.Contains(got, "limit") {
		t.Errorf("got %q, want a clear reply for an over-long claim", got)
	}
}

func TestVotes(t *testing.T) {
	t.Parallel()
	h, st := conversing(t, false)
	answer, _ := h.ask(channelID, "Did Iran send drones to Russia?")
	votes := func() []store.Vote {
		t.Helper()
		v, err := st.Votes(context.Background(), h.guild, channelID, answer)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tok := h.press(idVote+":"+voteDown, answer, channelID, nil)
	if got := h.reply(tok); got != votedDownText {
		t.Fatalf("got %q, want %q", got, votedDownText)
	}
	var why string
	for _, id := range customIDs(h.edited(tok)) {
		if strings.Contains(id, store.ReasonWrongSource) {
			why = id
		}
	}
	tok = h.press(why, "1300000000000000088", channelID, nil)
	if got, _ := dataOf(t, h.callback(tok))["content"].(string); !strings.Contains(got, "wrong or outdated source") {
		t.Errorf("got %q, want the reason acknowledged", got)
	}
	v := votes()
	if len(v) != 1 || v[0].Helpful || v[0].Reason != store.ReasonWrongSource || v[0].Question != "Did Iran send drones to Russia?" || len(v[0].Citations) == 0 || v[0].Answer == "" {
		t.Fatalf("got votes %+v, want one 👎 for a wrong source with the question, answer and citations", v)
	}
	// The member changes their mind: still one vote.
	tok = h.press(idVote+":"+voteUp, answer, channelID, nil)
	h.reply(tok)
	if v := votes(); len(v) != 1 || !v[0].Helpful || v[0].Reason != "" {
		t.Errorf("got votes %+v, want the vote changed to 👍", v)
	}
	// A reason for an answer with no vote (deleted) is acknowledged and
	// dropped.
	tok = h.press(idVote+":"+voteWhy+":"+store.ReasonNoAnswer+":1300000000000000999", "1300000000000000089", channelID, nil)
	if got, _ := dataOf(t, h.callback(tok))["content"].(string); got != goneText {
		t.Errorf("got %q, want %q", got, goneText)
	}
}

func TestStatsPermissions(t *testing.T) {
	t.Parallel()
	h, _ := conversing(t, false)
	h.ask(channelID, "Did Venezuela buy tanks?")
	tok := h.dispatch("stats", nil)
	if got, _ := dataOf(t, h.callback(tok))["content"].(string); !strings.Contains(got, "Manage Server") {
		t.Errorf("got %q, want a member refused", got)
	}
	tok = h.dispatch("stats", func(m map[string]any) { m["member"].(map[string]any)["permissions"] = "32" })
	e := embedOf(t, h.edited(tok))
	if !strings.Contains(e["description"].(string), "1 asked · 0 answered · 1 the sources could not answer") ||
		!strings.Contains(fmt.Sprint(e["fields"]), "Did Venezuela buy tanks?") {
		t.Errorf("got %v, want the question counted and listed as unanswered", e)
	}
}

// customIDs are the custom ids of a message body's buttons.
func customIDs(msg map[string]any) []string {
	var out []string
	rows, _ := msg["components"].([]any)
	for _, row := range rows {
		for _, c := range row.(map[string]any)["components"].([]any) {
			if id, ok := c.(map[string]any)["custom_id"].(string); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

// waitLog waits until the bot logged s.
func (h *harness) waitLog(s string) {
	h.t.Helper()
	deadline := time.Now().Add(wait)
	for !strings.Contains(h.logs.String(), s) {
		if time.Now().After(deadline) {
			h.t.Fatalf("the bot never logged %q; logs:\n%s", s, h.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFollowUpWithoutThreadPermission(t *testing.T) {
	t.Parallel()
	h, _ := conversing(t, false)
	h.fake.Inject(fakediscord.Fault{Status: http.StatusForbidden, Body: `{"message": "Missing Permissions", "code": 50013}`,
		Match: func(r fakediscord.Request) bool { return strings.HasSuffix(r.Path, "/threads") }})
	answer, _ := h.ask(channelID, "Who is Iran's foreign minister?")
	tok := h.dispatch("modal_followup", func(m map[string]any) {
		m["data"].(map[string]any)["custom_id"] = idFollowUpModal + ":" + answer
	})
	msg := h.posted(channelID, resolvedAs(t, "What did Hossein Amirabdollahian say about the missiles?"))
	if ref, _ := msg["message_reference"].(map[string]any); ref == nil || ref["message_id"] != answer {
		t.Errorf("got reference %v, want the follow-up to reply to the first answer", msg["message_reference"])
	}
	if got := h.reply(tok); !strings.Contains(got, "could not start a thread") {
		t.Errorf("got %q, want the member told why there is no thread", got)
	}
}
