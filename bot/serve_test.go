package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/internal/metrics"
)

// replica is one bot serving HTTP interactions against a fake Discord.
type replica struct {
	t    *testing.T
	url  string // the endpoint's base URL
	logs *syncBuffer
	done chan error
	stop context.CancelFunc
}

// startReplica runs Serve on a fresh port against fake, with engine,
// verifying signatures with pub.
func startReplica(t *testing.T, fake *fakediscord.Server, engine Engine, pub ed25519.PublicKey, m *metrics.Metrics) *replica {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{t: t, url: "http://" + ln.Addr().String(), logs: &syncBuffer{}, done: make(chan error, 1)}
	opts := defaultOptions(engine, t.TempDir())
	opts.Token, opts.GuildID, opts.APIBase, opts.Transport = testToken, "1400000000000000001", fake.APIBase(), &hostGuard{}
	opts.Logger = slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts.Metrics = m
	ctx, cancel := context.WithCancel(context.Background())
	r.stop = cancel
	go func() {
		r.done <- Serve(ctx, ln, opts, ServeOptions{PublicKey: hex.EncodeToString(pub), Register: true})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("Serve returned %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Serve did not return after cancel")
		}
	})
	deadline := time.Now().Add(wait)
	for {
		resp, err := http.Get(r.url + healthPath)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return r
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica never became healthy; logs:\n%s", r.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// post sends body to the endpoint signed with priv (nil: unsigned) and
// returns the status and the decoded response.
func (r *replica) post(priv ed25519.PrivateKey, body []byte) (int, map[string]any) {
	r.t.Helper()
	req, err := http.NewRequest(http.MethodPost, r.url+"/interactions", bytes.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if priv != nil {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		sig := ed25519.Sign(priv, append([]byte(ts), body...))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		req.Header.Set("X-Signature-Timestamp", ts)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp.StatusCode, m
}

// interactionJSON is testdata/name.json with a fresh id and token.
func interactionJSON(t *testing.T, name string, edit func(map[string]any)) ([]byte, string) {
	t.Helper()
	m := loadFixture(t, name)
	n := seq.Add(1)
	token := fmt.Sprintf("http-%s-%d", strings.ReplaceAll(t.Name(), "/", "_"), n)
	m["token"], m["id"] = token, fmt.Sprintf("13200000000%08d", n)
	if edit != nil {
		edit(m)
	}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return raw, token
}

func newKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func TestServeVerifiesSignatures(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New("Bot " + testToken)
	t.Cleanup(fake.Close)
	pub, priv := newKey(t)
	_, other := newKey(t)
	r := startReplica(t, fake, newFakeEngine(), pub, nil)
	ping := []byte(`{"id":"1320000000000000001","application_id":"1100000000000000001","type":1,"token":"ping-token","version":1}`)

	if status, body := r.post(priv, ping); status != http.StatusOK || body["type"] != 1.0 {
		t.Errorf("signed PING: %d %v, want 200 and a PONG (type 1)", status, body)
	}
	ask, token := interactionJSON(t, "ask", nil)
	tampered := bytes.Replace(ask, []byte("Vienna"), []byte("Berlin"), 1)
	for _, tt := range []struct {
		name string
		send func() int
	}{
		{"unsigned", func() int { s, _ := r.post(nil, ask); return s }},
		{"signed by another key", func() int { s, _ := r.post(other, ask); return s }},
		{"body changed after signing", func() int { return r.postTampered(priv, ask, tampered) }},
		{"signed an hour ago (a replay)", func() int { return r.postAt(priv, ask, time.Now().Add(-time.Hour)) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if status := tt.send(); status != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", status)
			}
		})
	}
	for _, req := range fake.Requests() {
		if strings.Contains(req.Path, token) {
			t.Errorf("a refused interaction reached Discord: %s %s", req.Method, req.Path)
		}
	}
}

// postAt sends body signed with a timestamp of at.
func (r *replica) postAt(priv ed25519.PrivateKey, body []byte, at time.Time) int {
	r.t.Helper()
	ts := strconv.FormatInt(at.Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, r.url+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// postTampered signs signed but sends sent.
func (r *replica) postTampered(priv ed25519.PrivateKey, signed, sent []byte) int {
	r.t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(priv, append([]byte(ts), signed...))
	req, _ := http.NewRequest(http.MethodPost, r.url+"/interactions", bytes.NewReader(sent))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServeAskDefersThenEditsAndAnotherReplicaServesItsButton(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New("Bot " + testToken)
	t.Cleanup(fake.Close)
	pub, priv := newKey(t)
	m := metrics.New()
	first := startReplica(t, fake, newFakeEngine(), pub, m)
	secondEngine := newFakeEngine()
	second := startReplica(t, fake, secondEngine, pub, nil)

	// Each replica registers the commands at start.
	if n := countRequests(fake, http.MethodPut, "/commands"); n != 2 {
		t.Errorf("commands registered %d times, want once per replica", n)
	}

	ask, token := interactionJSON(t, "ask", nil)
	status, cb := first.post(priv, ask)
	if status != http.StatusOK || cb["type"] != 5.0 {
		t.Fatalf("/ask response: %d %v, want 200 and a deferral (type 5)", status, cb)
	}
	edit, ok := fake.WaitFor(wait, func(r fakediscord.Request) bool {
		return r.Method == http.MethodPatch && r.Path == "/api/v9/webhooks/"+fakediscord.AppID+"/"+token+"/messages/@original"
	})
	if !ok {
		t.Fatalf("the deferred reply was never edited; logs:\n%s", first.logs.String())
	}
	msg := edit.JSON().(map[string]any)
	if e := embedOf(t, msg); e["title"] != viennaQuestion {
		t.Errorf("edited answer titled %q, want the question", e["title"])
	}
	checkNoMentions(t, "edit", msg)
	if st := fake.State(token); st.Thinking() {
		t.Errorf("the member still sees thinking…: %+v", st)
	}

	// The Sources button on that answer, pressed on the other replica,
	// which never saw it: the question is taken from the message.
	msgID := fake.OriginalMessageID(token)
	click, clickToken := interactionJSON(t, "button_sources", func(m map[string]any) {
		m["message"].(map[string]any)["id"] = msgID
		m["message"].(map[string]any)["embeds"] = msg["embeds"]
	})
	status, cb = second.post(priv, click)
	if status != http.StatusOK || cb["type"] != 5.0 {
		t.Fatalf("button response: %d %v, want 200 and an ephemeral deferral", status, cb)
	}
	if d, _ := cb["data"].(map[string]any); d["flags"] != 64.0 {
		t.Errorf("button deferral %v is not ephemeral", cb)
	}
	sources, ok := fake.WaitFor(wait, func(r fakediscord.Request) bool {
		return r.Method == http.MethodPatch && strings.Contains(r.Path, "/"+clickToken+"/messages/@original")
	})
	if !ok {
		t.Fatalf("the second replica never showed the sources; logs:\n%s", second.logs.String())
	}
	d := embedOf(t, sources.JSON().(map[string]any))["description"].(string)
	for _, c := range viennaAnswer.Citations {
		if !strings.Contains(d, c.Quote) {
			t.Errorf("sources %q lack citation %d", d, c.N)
		}
	}
	if n := secondEngine.timesAsked(viennaQuestion); n != 1 {
		t.Errorf("second replica asked its engine %d times, want once", n)
	}

	// The first replica's /metrics counts the answered /ask (once its
	// handler has returned, just after the edit).
	for _, want := range []string{
		`storybot_interactions_total{command="ask",outcome="answered"} 1`,
		`storybot_ack_seconds_count{command="ask"} 1`,
		`storybot_answer_seconds_count{command="ask",mode="extractive"} 1`,
	} {
		waitMetric(t, first.url+metricsPath, want)
	}
}

// waitMetric waits until the metrics at url show the line want.
func waitMetric(t *testing.T, url, want string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	var text []byte
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		text, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(text), want+"\n") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("metrics lack %s:\n%s", want, text)
}

func TestServeAutocompleteInResponse(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New("Bot " + testToken)
	t.Cleanup(fake.Close)
	pub, priv := newKey(t)
	r := startReplica(t, fake, newFakeEngine(), pub, nil)
	body, token := interactionJSON(t, "who_said_autocomplete", nil)
	status, cb := r.post(priv, body)
	if status != http.StatusOK || cb["type"] != 8.0 {
		t.Fatalf("autocomplete response: %d %v, want 200 and choices (type 8)", status, cb)
	}
	choices, _ := cb["data"].(map[string]any)["choices"].([]any)
	if len(choices) == 0 {
		t.Errorf("no speakers offered: %v", cb)
	}
	for _, req := range fake.Requests() {
		if strings.Contains(req.Path, token) {
			t.Errorf("autocomplete also went through REST: %s %s", req.Method, req.Path)
		}
	}
}

func TestServeHealthzWaitsForTheEngine(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New("Bot " + testToken)
	t.Cleanup(fake.Close)
	pub, priv := newKey(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	opts := defaultOptions(nil, t.TempDir())
	opts.Token, opts.APIBase, opts.Transport = testToken, fake.APIBase(), &hostGuard{}
	release := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, opts, ServeOptions{PublicKey: hex.EncodeToString(pub), Open: func(ctx context.Context) (Engine, error) {
			select {
			case <-release:
				return newFakeEngine(), nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}})
	}()
	status := func(path string) int {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status(healthPath); got != http.StatusServiceUnavailable {
		t.Errorf("/healthz while loading: %d, want 503", got)
	}
	rp := &replica{t: t, url: url}
	if got, _ := rp.post(priv, []byte(`{"type":1}`)); got != http.StatusServiceUnavailable {
		t.Errorf("interaction while loading: %d, want 503", got)
	}
	close(release)
	deadline := time.Now().Add(wait)
	for status(healthPath) != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/healthz never became ready")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve returned %v", err)
	}
}

func TestServeRefusesBadPublicKey(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Serve(context.Background(), ln, defaultOptions(newFakeEngine(), t.TempDir()), ServeOptions{PublicKey: "not-a-key"})
	if err == nil || !strings.Contains(err.Error(), "DISCORD_PUBLIC_KEY") {
		t.Errorf("Serve with a bad key: %v, want an error naming DISCORD_PUBLIC_KEY", err)
	}
}

func countRequests(fake *fakediscord.Server, method, suffix string) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) && r.Fault == 0 {
			n++
		}
	}
	return n
}
