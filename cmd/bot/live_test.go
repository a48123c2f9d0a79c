package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/internal/newssite"
)

// liveBot is `bot run` in-process against a fake Discord, for the living
// corpus tests.
type liveBot struct {
	t      *testing.T
	fake   *fakediscord.Server
	logs   *syncBuffer
	seq    atomic.Int64
	cancel context.CancelFunc
	done   chan int
}

const (
	guildA = "1400000000000000001"
	guildB = "1400000000000000002"
	// Permission sets of members: a moderator (Manage Server and Pin
	// Messages) and a member with neither.
	modPerms    = "2251799813685280" // 1<<51 | 1<<5
	memberPerms = "0"
)

func startLive(t *testing.T, env map[string]string) *liveBot {
	t.Helper()
	const token = "test-token"
	lb := &liveBot{t: t, fake: fakediscord.New("Bot " + token), logs: &syncBuffer{}, done: make(chan int, 1)}
	t.Cleanup(lb.fake.Close)
	settings := map[string]string{}
	maps.Copy(settings, env)
	maps.Copy(settings, map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_BASE": lb.fake.APIBase(), "DISCORD_GUILD_ID": guildA})
	m := &Main{Stdin: strings.NewReader(""), Stdout: lb.logs, Stderr: lb.logs, LookupEnv: environment(settings)}
	ctx, cancel := context.WithCancel(context.Background())
	lb.cancel = cancel
	go func() { lb.done <- m.Run(ctx, []string{"--data-dir", t.TempDir(), "run"}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-lb.done:
			if code != 0 {
				t.Errorf("bot run exited %d; log:\n%s", code, lb.logs.String())
			}
		case <-time.After(60 * time.Second):
			t.Error("bot run did not stop")
		}
	})
	if _, ok := lb.fake.WaitFor(60*time.Second, func(r fakediscord.Request) bool {
		return r.Method == "PUT" && strings.HasSuffix(r.Path, "/commands")
	}); !ok {
		t.Fatalf("commands not registered; log:\n%s", lb.logs.String())
	}
	return lb
}

// command dispatches a slash command in guild from a member with perms and
// returns its token.
func (lb *liveBot) command(guild, perms string, data map[string]any) string {
	n := lb.seq.Add(1)
	token := fmt.Sprintf("live-%s-%d", strings.ReplaceAll(lb.t.Name(), "/", "_"), n)
	it := map[string]any{
		"id": fmt.Sprintf("13100000000%08d", n), "application_id": fakediscord.AppID, "type": 2, "data": data,
		"guild_id": guild, "channel_id": "1300000000000000000", "token": token, "version": 1, "context": 0,
		"member": map[string]any{"user": map[string]any{"id": "15000000000000000" + fmt.Sprint(10+n), "username": "m" + fmt.Sprint(n)},
			"roles": []string{}, "permissions": perms},
		"app_permissions": "2251799813685247", "locale": "en-GB",
	}
	lb.dispatch(it)
	return token
}

func (lb *liveBot) dispatch(it map[string]any) {
	raw, err := json.Marshal(it)
	if err != nil {
		lb.t.Fatal(err)
	}
	if err := lb.fake.Dispatch(raw); err != nil {
		lb.t.Fatal(err)
	}
}

// reply waits for the content or embeds of token's answer.
func (lb *liveBot) reply(token string) string {
	lb.t.Helper()
	r, ok := lb.fake.WaitFor(60*time.Second, func(r fakediscord.Request) bool {
		callback := strings.HasSuffix(r.Path, "/"+token+"/callback")
		if !callback && !strings.Contains(r.Path, "/webhooks/"+fakediscord.AppID+"/"+token) || (r.Method != "PATCH" && r.Method != "POST") {
			return false
		}
		var m map[string]any
		json.Unmarshal(r.Body, &m)
		if callback {
			m, _ = m["data"].(map[string]any)
		}
		c, _ := m["content"].(string)
		e, _ := m["embeds"].([]any)
		return c != "" || len(e) > 0
	})
	if !ok {
		lb.t.Fatalf("no reply to %s; log:\n%s", token, lb.logs.String())
	}
	return string(r.Body)
}

func (lb *liveBot) ask(guild, q string) (token, body string) {
	token = lb.command(guild, memberPerms, map[string]any{"id": "1200000000000000000", "name": "ask", "type": 1,
		"options": []any{map[string]any{"name": "question", "type": 3, "value": q}}})
	return token, lb.reply(token)
}

func sub(name string, opts ...any) map[string]any {
	return map[string]any{"id": "1200000000000000009", "name": "sources", "type": 1,
		"options": []any{map[string]any{"name": name, "type": 1, "options": opts}}}
}

func strOpt(name, v string) map[string]any {
	return map[string]any{"name": name, "type": 3, "value": v}
}

// waitLog waits until the log shows s n times.
func (lb *liveBot) waitLog(s string, n int) {
	lb.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for strings.Count(lb.logs.String(), s) < n {
		if time.Now().After(deadline) {
			lb.t.Fatalf("the log never showed %q %d times:\n%s", s, n, lb.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// askOnceSeen asks q in guild once the log shows event more than seen
// times, and again after each further one, until ok holds for the answer
// or 60 s have passed; it returns the last answer. The watch loop logs the
// event for whatever it picked up, so the first one after seen may be for
// a change made before the one the test waits for.
func (lb *liveBot) askOnceSeen(event string, seen int, guild, q string, ok func(body string) bool) string {
	lb.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		lb.waitLog(event, seen+1)
		seen = strings.Count(lb.logs.String(), event)
		_, body := lb.ask(guild, q)
		if ok(body) || time.Now().After(deadline) {
			return body
		}
	}
}

func TestRunKeepsTheCorpusLive(t *testing.T) {
	t.Parallel()
	site := newssite.New(t)
	bridgeURL := site.Put(newssite.Bridge)
	corpusDir := t.TempDir()
	os.WriteFile(filepath.Join(corpusDir, "market.md"), []byte("---\ntitle: Covered market reopens\npublished: 2025-01-10\n---\n"+
		"The covered market on Fenn Street reopened on Friday with thirty stalls, the council said.\n"), 0o644)
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown")
		fmt.Fprint(w, "---\ntitle: Ferry timetable changes\npublished: 2025-03-05\n---\nThe island ferry will leave every 25 minutes from Monday, the harbour office said.\n")
	}))
	t.Cleanup(files.Close)
	lb := startLive(t, map[string]string{"CORPUS_DIR": corpusDir, "FETCH_ALLOW_PRIVATE": "true",
		"WATCH_INTERVAL": "100ms", "FEED_INTERVAL": "300ms"})

	// A member without Manage Server is refused.
	tok := lb.command(guildA, memberPerms, sub("add", strOpt("url", bridgeURL)))
	if r := lb.reply(tok); !strings.Contains(r, "Manage Server") {
		t.Errorf("a member without the permission: %s, want a refusal naming Manage Server", r)
	}
	// A moderator adds a URL and an attachment.
	tok = lb.command(guildA, modPerms, sub("add", strOpt("url", bridgeURL)))
	if r := lb.reply(tok); !strings.Contains(r, "Added") || !strings.Contains(r, "Swing bridge") {
		t.Fatalf("add url: %s", r)
	}
	data := sub("add", map[string]any{"name": "file", "type": 11, "value": "1700000000000000001"})
	data["resolved"] = map[string]any{"attachments": map[string]any{"1700000000000000001": map[string]any{
		"id": "1700000000000000001", "filename": "timetable.md", "size": 120, "url": files.URL + "/timetable.md", "content_type": "text/markdown"}}}
	tok = lb.command(guildA, modPerms, data)
	if r := lb.reply(tok); !strings.Contains(r, "Added") || !strings.Contains(r, "Ferry timetable") {
		t.Fatalf("add attachment: %s", r)
	}

	// The server's next questions are answered from them; another's are not.
	askTok, body := lb.ask(guildA, "How much did the swing bridge repairs cost?")
	if !strings.Contains(body, newssite.Bridge.Title) || !strings.Contains(body, "2.1 million") || !strings.Contains(body, "("+bridgeURL+")") {
		t.Errorf("guild A about the bridge: %s", body)
	}
	if _, body := lb.ask(guildA, "How often will the island ferry leave?"); !strings.Contains(body, "every 25 minutes") {
		t.Errorf("guild A about the attachment: %s", body)
	}
	if _, body := lb.ask(guildB, "How much did the swing bridge repairs cost?"); strings.Contains(body, newssite.Bridge.Title) || strings.Contains(body, "2.1 million") {
		t.Errorf("guild B sees guild A's source: %s", body)
	}
	if _, body := lb.ask(guildB, "How often will the island ferry leave?"); strings.Contains(body, "every 25 minutes") {
		t.Errorf("guild B sees guild A's attachment: %s", body)
	}

	// A moderator pins the bridge answer; the page is corrected; the pinned
	// message is edited to say so.
	msgID := lb.fake.OriginalMessageID(askTok)
	n := lb.seq.Add(1)
	lb.dispatch(map[string]any{
		"id": fmt.Sprintf("13100000000%08d", n), "application_id": fakediscord.AppID, "type": 3,
		"data": map[string]any{"custom_id": "pin", "component_type": 2},
		"message": map[string]any{"id": msgID, "channel_id": "1300000000000000000", "type": 20, "content": "", "author": map[string]any{"id": fakediscord.BotUserID, "username": "storybot", "bot": true},
			// As Discord sends it: the answer's embed, titled with the question.
			"embeds": []any{map[string]any{"type": "rich", "title": "How much did the swing bridge repairs cost?"}}, "timestamp": "2026-01-01T00:00:00.000000+00:00"},
		"guild_id": guildA, "channel_id": "1300000000000000000", "token": fmt.Sprintf("live-pin-%d", n), "version": 1,
		"member": map[string]any{"user": map[string]any{"id": "1500000000000000009", "username": "mod"}, "roles": []string{}, "permissions": modPerms},
	})
	if r := lb.reply(fmt.Sprintf("live-pin-%d", n)); !strings.Contains(r, "Pinned") {
		t.Fatalf("pin: %s", r)
	}
	corrected := newssite.Bridge
	corrected.Paras = slices.Clone(corrected.Paras)
	for i, p := range corrected.Paras {
		corrected.Paras[i] = strings.ReplaceAll(p, "2.1 million", "2.6 million")
	}
	site.Put(corrected)
	edit, ok := lb.fake.WaitFor(60*time.Second, func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && r.Path == "/api/v9/channels/1300000000000000000/messages/"+msgID
	})
	if !ok {
		t.Fatalf("the pinned message was never edited; log:\n%s", lb.logs.String())
	}
	if !strings.Contains(string(edit.Body), "⚠ Source updated") || !strings.Contains(string(edit.Body), "no longer in the article") {
		t.Errorf("pinned message edit: %s", edit.Body)
	}
	if _, body := lb.ask(guildA, "How much did the swing bridge repairs cost?"); !strings.Contains(body, "2.6 million") {
		t.Errorf("asked again after the correction: %s, want the corrected figure", body)
	}
	tok = lb.command(guildA, memberPerms, map[string]any{"id": "1200000000000000003", "name": "pinned", "type": 1})
	if r := lb.reply(tok); !strings.Contains(r, "⚠") || !strings.Contains(r, "Source updated") {
		t.Errorf("/pinned after the correction: %s", r)
	}

	// A new CORPUS_DIR file is answered from without a restart.
	changes := strings.Count(lb.logs.String(), "corpus changed")
	os.WriteFile(filepath.Join(corpusDir, "library.md"), []byte("---\ntitle: Library hours extended\npublished: 2025-03-08\n---\n"+
		"The town library will open until nine in the evening on Thursdays, the librarian said.\n"), 0o644)
	if body := lb.askOnceSeen("corpus changed", changes, guildB, "When will the town library open until nine?", func(body string) bool {
		return strings.Contains(body, "until nine in the evening")
	}); !strings.Contains(body, "until nine in the evening") {
		t.Errorf("guild B after a new CORPUS_DIR file: %s", body)
	}

	// And a file removed from it is no longer.
	changes = strings.Count(lb.logs.String(), "corpus changed")
	os.Remove(filepath.Join(corpusDir, "library.md"))
	if body := lb.askOnceSeen("corpus changed", changes, guildA, "When will the town library open until nine?", func(body string) bool {
		return !strings.Contains(body, "until nine in the evening")
	}); strings.Contains(body, "until nine in the evening") {
		t.Errorf("guild A after the CORPUS_DIR file was removed: %s", body)
	}

	// A followed feed's new item is answered from without a restart.
	site.Publish(newssite.Bridge)
	tok = lb.command(guildA, modPerms, sub("follow", strOpt("url", site.FeedURL())))
	if r := lb.reply(tok); !strings.Contains(r, "Following") {
		t.Fatalf("follow: %s", r)
	}
	updates := strings.Count(lb.logs.String(), "sources updated")
	site.Publish(newssite.Lighthouse)
	if body := lb.askOnceSeen("sources updated", updates, guildA, "Who will live in the lighthouse keeper's cottage?", func(body string) bool {
		return strings.Contains(body, newssite.Lighthouse.Title)
	}); !strings.Contains(body, newssite.Lighthouse.Title) {
		t.Errorf("guild A after a new feed item: %s", body)
	}

	tok = lb.command(guildA, memberPerms, sub("list"))
	if r := lb.reply(tok); !strings.Contains(r, "feed") || !strings.Contains(r, "Lighthouse") {
		t.Errorf("/sources list: %s", r)
	}
}
