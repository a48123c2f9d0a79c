package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbot/storybot/config"
	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/internal/iobound"
)

// defaultOptions are the options cmd/bot gives with nothing configured:
// config's defaults, so no default is written twice.
func defaultOptions(engine Engine, dataDir string) Options {
	c := config.Defaults()
	return Options{
		APIBase: c.DiscordAPIBase, Engine: engine, DataDir: dataDir,
		MaxQuestionLen: c.MaxQuestionLen, RatePerMinute: float64(c.RatePerMinute), Burst: c.RateBurst,
		ShutdownTimeout: c.ShutdownTimeout, AnswerTimeout: c.AnswerTimeout,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// wait is how long a test waits for something that should happen at once;
// generous so a loaded machine does not flake.
const wait = 20 * time.Second

const testToken = "test-token"

// hostGuard is the transport under the bot's: it lets requests reach
// 127.0.0.1 only and remembers every host asked for.
type hostGuard struct {
	mu    sync.Mutex
	hosts []string
	cut   []string // requests whose path contains one of these fail in transit
}

// cutOff makes every request whose path contains s fail as a dropped
// connection does.
func (g *hostGuard) cutOff(s string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.cut = append(g.cut, s)
}

func (g *hostGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	g.mu.Lock()
	g.hosts = append(g.hosts, req.URL.Host)
	for _, c := range g.cut {
		if strings.Contains(req.URL.Path, c) {
			g.mu.Unlock()
			return nil, errors.New("connection reset by peer")
		}
	}
	g.mu.Unlock()
	if req.URL.Hostname() != "127.0.0.1" {
		return nil, fmt.Errorf("test: request to %s left the machine", req.URL)
	}
	return http.DefaultTransport.RoundTrip(req)
}

func (g *hostGuard) seen() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.hosts...)
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a Bot running against a fake Discord, seen from one test.
// Tests that need no options of their own share one bot (sharedBot): each
// discordgo session's Close sleeps a second, so the package starts few.
type harness struct {
	t      *testing.T
	fake   *fakediscord.Server
	engine *fakeEngine
	guard  *hostGuard
	logs   *syncBuffer
	opts   Options
	cancel context.CancelFunc
	done   chan error
	// guild is the guild id the test's interactions come from: a test's
	// own on the shared bot, so pins and lists do not mix between tests.
	guild  string
	shared bool
	tokens []string          // interaction tokens this test dispatched
	ids    map[string]string // token -> interaction id
}

// seq numbers interactions and guilds across all tests.
var seq atomic.Int64

// launch runs a Bot against a new fake Discord; mod adjusts its options.
func launch(dataDir string, mod func(*Options)) (*harness, error) {
	h := &harness{fake: fakediscord.New("Bot " + testToken), engine: newFakeEngine(), guard: &hostGuard{}, logs: &syncBuffer{},
		done: make(chan error, 1), guild: "1400000000000000001"}
	h.opts = defaultOptions(h.engine, dataDir)
	h.opts.Token, h.opts.GuildID, h.opts.APIBase = testToken, "1400000000000000001", h.fake.APIBase()
	h.opts.Logger = slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.opts.RatePerMinute, h.opts.Burst, h.opts.ShutdownTimeout, h.opts.Transport = 6000, 100, wait, h.guard
	if mod != nil {
		mod(&h.opts)
	}
	b, err := New(h.opts)
	if err != nil {
		h.fake.Close()
		return nil, fmt.Errorf("New: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- b.Run(ctx) }()
	if _, ok := h.fake.WaitFor(wait, func(r fakediscord.Request) bool {
		return r.Method == http.MethodPut && strings.HasSuffix(r.Path, "/commands")
	}); !ok {
		cancel()
		h.fake.Close()
		return nil, fmt.Errorf("bot did not register its commands; logs:\n%s", h.logs.String())
	}
	return h, nil
}

// startBot runs a Bot of the test's own until the test ends.
func startBot(t *testing.T, mod func(*Options)) *harness {
	t.Helper()
	h, err := launch(t.TempDir(), mod)
	if err != nil {
		t.Fatal(err)
	}
	h.t = t
	t.Cleanup(h.fake.Close)
	t.Cleanup(func() {
		h.stop()
		h.checkBodies()
	})
	return h
}

// shared is the bot of the tests that need no options of their own.
var shared struct {
	once sync.Once
	h    *harness
	dir  string
	err  error
}

// sharedBot is the package's shared bot, seen from t, with a guild of t's
// own.
func sharedBot(t *testing.T) *harness {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "bot-test-")
		if shared.err == nil {
			shared.h, shared.err = launch(shared.dir, nil)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	h := *shared.h
	h.t, h.shared, h.tokens, h.ids = t, true, nil, nil
	h.guild = fmt.Sprintf("14%017d", seq.Add(1))
	t.Cleanup(h.checkBodies)
	return &h
}

// TestMain runs the tests, io-bound, many at once (each bot's gateway close
// sleeps a second), and stops the shared bot after them.
func TestMain(m *testing.M) {
	iobound.Main(m, func() bool {
		ok := true
		if h := shared.h; h != nil {
			h.cancel()
			if err := <-h.done; err != nil {
				fmt.Fprintf(os.Stderr, "shared bot: Run returned %v\n", err)
				ok = false
			}
			h.fake.Close()
		}
		if shared.dir != "" {
			os.RemoveAll(shared.dir)
		}
		return ok
	})
}

// stop cancels Run and waits for it to return.
func (h *harness) stop() {
	h.t.Helper()
	if h.shared {
		h.t.Fatal("stop on the shared bot: use startBot for a bot of the test's own")
	}
	h.cancel()
	select {
	case err, ok := <-h.done:
		if ok && err != nil {
			h.t.Errorf("Run returned %v", err)
		}
		if ok {
			close(h.done)
		}
	case <-time.After(wait):
		h.t.Errorf("Run did not return after cancel")
	}
}

// dispatch reads testdata/name.json, gives it a fresh id and token and the
// test's guild, lets edit change it, dispatches it and returns the token.
func (h *harness) dispatch(name string, edit func(m map[string]any)) string {
	h.t.Helper()
	m := loadFixture(h.t, name)
	n := seq.Add(1)
	token := fmt.Sprintf("%s-%s-%d", m["token"], strings.ReplaceAll(h.t.Name(), "/", "_"), n)
	m["token"] = token
	m["id"] = fmt.Sprintf("13100000000%08d", n)
	if _, ok := m["guild_id"]; ok {
		m["guild_id"] = h.guild
	}
	if h.ids == nil {
		h.ids = map[string]string{}
	}
	h.ids[token] = m["id"].(string)
	h.tokens = append(h.tokens, token)
	if edit != nil {
		edit(m)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.fake.Dispatch(raw); err != nil {
		h.t.Fatalf("dispatch %s: %v", name, err)
	}
	return token
}

// mine reports whether a request belongs to this test: on the shared bot,
// one for an interaction the test dispatched.
func (h *harness) mine(r fakediscord.Request) bool {
	if !h.shared {
		return true
	}
	for _, tok := range h.tokens {
		if strings.Contains(r.Path, "/"+tok) {
			return true
		}
	}
	return false
}

func loadFixture(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// callback waits for the interaction callback of token.
func (h *harness) callback(token string) map[string]any {
	h.t.Helper()
	return h.waitJSON("callback", func(r fakediscord.Request) bool {
		return r.Fault == 0 && r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/"+token+"/callback")
	})
}

// edited waits for the edit of the original response of token.
func (h *harness) edited(token string) map[string]any {
	h.t.Helper()
	return h.waitJSON("edit of @original", func(r fakediscord.Request) bool {
		return r.Fault == 0 && r.Method == http.MethodPatch && r.Path == "/api/v9/webhooks/"+fakediscord.AppID+"/"+token+"/messages/@original"
	})
}

// reply waits for the text the member is shown for token's interaction:
// the content of the edited original or of an ephemeral follow-up.
func (h *harness) reply(token string) string {
	h.t.Helper()
	webhook := "/api/v9/webhooks/" + fakediscord.AppID + "/" + token
	r, ok := h.fake.WaitFor(wait, func(r fakediscord.Request) bool {
		if r.Fault != 0 || !strings.HasPrefix(r.Path, webhook) {
			return false
		}
		m, _ := r.JSON().(map[string]any)
		if c, _ := m["content"].(string); c == "" {
			return false
		}
		return (r.Method == http.MethodPatch && r.Path == webhook+"/messages/@original") ||
			(r.Method == http.MethodPost && r.Path == webhook && m["flags"] == 64.0)
	})
	if !ok {
		h.t.Fatalf("no reply for %s arrived; logs:\n%s", token, h.logs.String())
	}
	m, _ := r.JSON().(map[string]any)
	return m["content"].(string)
}

// followups are the follow-up messages of token so far.
func (h *harness) followups(token string) []map[string]any {
	var out []map[string]any
	for _, r := range h.fake.Requests() {
		if r.Fault == 0 && r.Method == http.MethodPost && r.Path == "/api/v9/webhooks/"+fakediscord.AppID+"/"+token {
			out = append(out, r.JSON().(map[string]any))
		}
	}
	return out
}

func (h *harness) waitJSON(what string, ok func(fakediscord.Request) bool) map[string]any {
	h.t.Helper()
	r, found := h.fake.WaitFor(wait, ok)
	if !found {
		h.t.Fatalf("no %s arrived; logs:\n%s", what, h.logs.String())
	}
	m, _ := r.JSON().(map[string]any)
	return m
}

// checkBodies checks every message the bot sent: no mentions parsed, and
// within Discord's limits.
func (h *harness) checkBodies() {
	h.t.Helper()
	for _, r := range h.fake.Requests() {
		m, ok := r.JSON().(map[string]any)
		if !ok || !h.mine(r) {
			continue
		}
		where := r.Method + " " + r.Path
		msg := m
		if strings.HasSuffix(r.Path, "/callback") {
			switch m["type"] {
			case 4.0, 5.0, 7.0:
				msg, _ = m["data"].(map[string]any)
			default:
				continue // autocomplete and deferred updates carry no message
			}
		} else if !strings.Contains(r.Path, "/webhooks/") {
			continue
		}
		checkNoMentions(h.t, where, msg)
		checkLimits(h.t, where, msg)
	}
}

// checkNoMentions wants "allowed_mentions": {"parse": []}.
func checkNoMentions(t *testing.T, where string, msg map[string]any) {
	t.Helper()
	am, ok := msg["allowed_mentions"].(map[string]any)
	if !ok {
		t.Errorf("%s: no allowed_mentions in %v", where, msg)
		return
	}
	parse, ok := am["parse"].([]any)
	if !ok || len(parse) != 0 {
		t.Errorf("%s: allowed_mentions.parse = %#v, want []", where, am["parse"])
	}
}

// checkLimits checks a message body against Discord's limits.
func checkLimits(t *testing.T, where string, msg map[string]any) {
	t.Helper()
	str := func(v any) string { s, _ := v.(string); return s }
	if n := textLen(str(msg["content"])); n > maxContent {
		t.Errorf("%s: content is %d long", where, n)
	}
	embeds, _ := msg["embeds"].([]any)
	total := 0
	for _, x := range embeds {
		e := x.(map[string]any)
		lim := func(what string, s string, max int) {
			if n := textLen(s); n > max {
				t.Errorf("%s: %s is %d long, limit %d", where, what, n, max)
			}
			total += textLen(s)
		}
		lim("title", str(e["title"]), maxEmbedTitle)
		lim("description", str(e["description"]), maxEmbedDescription)
		fields, _ := e["fields"].([]any)
		if len(fields) > maxFields {
			t.Errorf("%s: %d fields", where, len(fields))
		}
		for _, f := range fields {
			f := f.(map[string]any)
			lim("field name", str(f["name"]), maxFieldName)
			lim("field value", str(f["value"]), maxFieldValue)
		}
		if ft, ok := e["footer"].(map[string]any); ok {
			lim("footer", str(ft["text"]), maxFooter)
		}
	}
	if total > maxEmbedTotal {
		t.Errorf("%s: embeds total %d, limit %d", where, total, maxEmbedTotal)
	}
	rows, _ := msg["components"].([]any)
	for _, row := range rows {
		for _, c := range row.(map[string]any)["components"].([]any) {
			if id := str(c.(map[string]any)["custom_id"]); len(id) > maxCustomID {
				t.Errorf("%s: custom_id %q is %d long", where, id, len(id))
			}
		}
	}
}

// embedOf is the first embed of a message body.
func embedOf(t *testing.T, msg map[string]any) map[string]any {
	t.Helper()
	embeds, _ := msg["embeds"].([]any)
	if len(embeds) == 0 {
		t.Fatalf("no embed in %v", msg)
	}
	return embeds[0].(map[string]any)
}

// dataOf is the data of a callback body.
func dataOf(t *testing.T, cb map[string]any) map[string]any {
	t.Helper()
	d, ok := cb["data"].(map[string]any)
	if !ok {
		t.Fatalf("callback without data: %v", cb)
	}
	return d
}

var _ io.Writer = (*syncBuffer)(nil)

// waitServed waits until the handler of token's interaction has returned
// (the bot logs "served"), e.g. to know an answer is in memory.
func (h *harness) waitServed(token string) {
	h.t.Helper()
	want := "msg=served component=bot interaction=" + h.ids[token] + " "
	deadline := time.Now().Add(wait)
	for !strings.Contains(h.logs.String(), want) {
		if time.Now().After(deadline) {
			h.t.Fatalf("interaction %s not served; logs:\n%s", h.ids[token], h.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func timeAfter() <-chan time.Time { return time.After(wait) }
