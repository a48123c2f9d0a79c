package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/internal/newssite"
	"github.com/newsbot/storybot/store/postgres/pgtest"
)

// served is one `bot serve` running in-process.
type served struct {
	t      *testing.T
	addr   string
	priv   ed25519.PrivateKey
	stderr *syncBuffer
}

// startServe runs `bot serve` against fake with env on a free port until
// the test ends, and waits until /healthz says it is ready.
func startServe(t *testing.T, fake *fakediscord.Server, priv ed25519.PrivateKey, env map[string]string) *served {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	settings := map[string]string{}
	maps.Copy(settings, env)
	maps.Copy(settings, map[string]string{"DISCORD_TOKEN": "test-token", "DISCORD_API_BASE": fake.APIBase(),
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(priv.Public().(ed25519.PublicKey)), "INTERACTIONS_ADDR": addr, "DATA_DIR": t.TempDir()})
	s := &served{t: t, addr: addr, priv: priv, stderr: &syncBuffer{}}
	m := &Main{Stdin: strings.NewReader(""), Stdout: s.stderr, Stderr: s.stderr, LookupEnv: environment(settings)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve"}) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("bot serve exited %d after shutdown; log:\n%s", code, s.stderr.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("bot serve did not stop after its context was cancelled")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case code := <-done:
			done <- code
			t.Fatalf("bot serve exited %d; log:\n%s", code, s.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot serve never became healthy; log:\n%s", s.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// post signs and sends an interaction and returns its callback type.
func (s *served) post(body []byte) int {
	s.t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+s.addr+"/", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var cb struct{ Type int }
	json.Unmarshal(raw, &cb)
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("interaction answered %d %s; log:\n%s", resp.StatusCode, raw, s.stderr.String())
	}
	return cb.Type
}

// ask posts an /ask interaction made by interaction (its token), wants it
// deferred, and returns the answer the bot then edits in through fake.
func (s *served) ask(fake *fakediscord.Server, body []byte, token string) []byte {
	s.t.Helper()
	if cb := s.post(body); cb != 5 {
		s.t.Fatalf("/ask callback type %d, want a deferral (5)", cb)
	}
	edit, ok := fake.WaitFor(30*time.Second, func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && strings.HasSuffix(r.Path, "/"+token+"/messages/@original")
	})
	if !ok {
		s.t.Fatalf("the answer was never edited in; log:\n%s", s.stderr.String())
	}
	return edit.Body
}

// metricsText is what /metrics serves now.
func (s *served) metricsText() string {
	resp, err := http.Get("http://" + s.addr + "/metrics")
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// interaction is a fixture with a fresh id and token; edit may change it.
func interaction(t *testing.T, path string, edit func(m map[string]any)) ([]byte, string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	n := time.Now().UnixNano()
	token := fmt.Sprintf("tok-%d", n)
	m["token"], m["id"] = token, fmt.Sprintf("13%017d", n%1e17)
	if edit != nil {
		edit(m)
	}
	out, _ := json.Marshal(m)
	return out, token
}

func newPrivateKey(t *testing.T) ed25519.PrivateKey {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return priv
}

// TestServeAnswersOverHTTP runs the whole program as `bot serve` against a
// fake Discord: a signed /ask from the bundled story is deferred in the HTTP
// response and its answer edited in through the REST API.
func TestServeAnswersOverHTTP(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New("Bot test-token")
	defer fake.Close()
	s := startServe(t, fake, newPrivateKey(t), nil)
	body, token := interaction(t, filepath.Join("testdata", "interaction_ask.json"), nil)
	if edit := s.ask(fake, body, token); !strings.Contains(string(edit), "[1]") {
		t.Errorf("the edit %s carries no cited answer", edit)
	}
	want := `storybot_interactions_total{command="ask",outcome="answered"} 1`
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(s.metricsText(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("/metrics does not count the answered /ask:\n%s", s.metricsText())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeReplicasShareTheDatabase runs two `bot serve` replicas on one
// PostgreSQL database: an answer pinned through one is listed by /pinned on
// the other.
func TestServeReplicasShareTheDatabase(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Schema(t)
	fake := fakediscord.New("Bot test-token")
	defer fake.Close()
	priv := newPrivateKey(t)
	env := map[string]string{"DATABASE_URL": dsn}
	first := startServe(t, fake, priv, env)
	second := startServe(t, fake, priv, env)

	ask, askToken := interaction(t, filepath.Join("testdata", "interaction_ask.json"), nil)
	var answer map[string]any
	json.Unmarshal(first.ask(fake, ask, askToken), &answer)
	question := answer["embeds"].([]any)[0].(map[string]any)["title"].(string)

	var guild string
	pin, pinToken := interaction(t, filepath.Join("..", "..", "bot", "testdata", "button_pin.json"), func(m map[string]any) {
		guild = m["guild_id"].(string)
		m["member"].(map[string]any)["permissions"] = strconv.FormatInt(1<<51, 10)
		msg := m["message"].(map[string]any)
		msg["id"] = fake.OriginalMessageID(askToken)
		msg["embeds"] = answer["embeds"]
	})
	if cb := second.post(pin); cb != 5 {
		t.Fatalf("Pin callback %d, want an ephemeral deferral", cb)
	}
	if _, ok := fake.WaitFor(30*time.Second, func(r fakediscord.Request) bool {
		return strings.Contains(r.Path, "/"+pinToken+"/messages/@original") && strings.Contains(string(r.Body), "Pinned.")
	}); !ok {
		t.Fatalf("the pin was not confirmed; log:\n%s", second.stderr.String())
	}

	pinned, pinnedToken := interaction(t, filepath.Join("..", "..", "bot", "testdata", "pinned.json"), func(m map[string]any) { m["guild_id"] = guild })
	first.post(pinned)
	list, ok := fake.WaitFor(30*time.Second, func(r fakediscord.Request) bool {
		return strings.Contains(r.Path, "/"+pinnedToken) && r.Method != http.MethodGet && len(r.Body) > 0
	})
	if !ok {
		t.Fatalf("no /pinned list; log:\n%s", first.stderr.String())
	}
	if !strings.Contains(string(list.Body), question) {
		t.Errorf("/pinned on the other replica does not list the pinned answer %q: %s", question, list.Body)
	}
}

func TestServeWithoutPublicKeyExplains(t *testing.T) {
	t.Parallel()
	_, errOut, code := runWith(t, map[string]string{"DISCORD_TOKEN": "x"}, "serve")
	if code != 1 || !strings.Contains(errOut, "DISCORD_PUBLIC_KEY") {
		t.Errorf("got exit %d and %q, want an explanation naming DISCORD_PUBLIC_KEY", code, errOut)
	}
}

// TestServeReplicaAnswersFromSourceAddedElsewhere: an article added to a
// server through another process on the database (here `bot sources add
// --guild`, with a DATA_DIR of its own) is answered by a running replica
// in that server within seconds, and no longer once removed.
func TestServeReplicaAnswersFromSourceAddedElsewhere(t *testing.T) {
	dsn := pgtest.Schema(t)
	site := newssite.New(t)
	u := site.Put(newssite.Bridge)
	fake := fakediscord.New("Bot test-token")
	defer fake.Close()
	priv := newPrivateKey(t)
	env := map[string]string{"DATABASE_URL": dsn, "FETCH_ALLOW_PRIVATE": "true"}
	replica := startServe(t, fake, priv, env)
	const guild = "1400000000000000077"
	asked := 0
	ask := func() string {
		t.Helper()
		body, token := interaction(t, filepath.Join("testdata", "interaction_ask.json"), func(m map[string]any) {
			m["guild_id"] = guild
			asked++ // a member of their own each time, within the rate limit
			m["member"].(map[string]any)["user"].(map[string]any)["id"] = fmt.Sprintf("15%017d", asked)
			m["data"].(map[string]any)["options"].([]any)[0].(map[string]any)["value"] = "How much did the swing bridge repairs cost?"
		})
		return string(replica.ask(fake, body, token))
	}
	out, errOut, code := runWith(t, env, "sources", "add", "--json", "--guild", guild, u)
	if code != 0 {
		t.Fatalf("sources add: exit %d: %s", code, errOut)
	}
	var added struct{ Sources []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &added); err != nil || len(added.Sources) != 1 {
		t.Fatalf("sources add --json: %v\n%s", err, out)
	}
	answered := func(want bool) bool {
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			if got := strings.Contains(ask(), u); got == want || time.Now().After(deadline) {
				return got == want
			}
		}
	}
	if !answered(true) {
		t.Fatalf("the replica does not answer from the article added through another process; log:\n%s", replica.stderr.String())
	}
	if _, errOut, code := runWith(t, env, "sources", "remove", "--guild", guild, added.Sources[0].ID); code != 0 {
		t.Fatalf("sources remove: exit %d: %s", code, errOut)
	}
	if !answered(false) {
		t.Errorf("the replica still answers from the removed article; log:\n%s", replica.stderr.String())
	}
}

// TestStartWritesSourcesFromTheDatabase: a process started on the database
// with a DATA_DIR of its own answers from a server's article added through
// another, and not from one removed since.
func TestStartWritesSourcesFromTheDatabase(t *testing.T) {
	dsn := pgtest.Schema(t)
	site := newssite.New(t)
	u := site.Put(newssite.Bridge)
	env := map[string]string{"DATABASE_URL": dsn, "FETCH_ALLOW_PRIVATE": "true"}
	const guild, q = "1400000000000000078", "How much did the swing bridge repairs cost?"
	out, errOut, code := runWith(t, env, "sources", "add", "--json", "--guild", guild, u)
	if code != 0 {
		t.Fatalf("sources add: exit %d: %s", code, errOut)
	}
	var added struct{ Sources []struct{ ID string } }
	if err := json.Unmarshal([]byte(out), &added); err != nil || len(added.Sources) != 1 {
		t.Fatalf("sources add --json: %v\n%s", err, out)
	}
	other := t.TempDir()
	if out, errOut, _ := runWith(t, env, "--data-dir", other, "--guild", guild, "ask", "--json", q); !strings.Contains(out, u) {
		t.Errorf("ask in another DATA_DIR: %s%s, want the article added through the first", out, errOut)
	}
	if _, errOut, code := runWith(t, env, "sources", "remove", "--guild", guild, added.Sources[0].ID); code != 0 {
		t.Fatalf("sources remove: exit %d: %s", code, errOut)
	}
	if out, _, _ := runWith(t, env, "--data-dir", other, "--guild", guild, "ask", "--json", q); strings.Contains(out, u) {
		t.Errorf("ask after the removal: %s, want the article gone", out)
	}
}
