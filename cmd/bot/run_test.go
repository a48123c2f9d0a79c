package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
)

// syncBuffer is a bytes.Buffer safe for the bot's concurrent log writes.
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

// TestRunAnswersOnDiscord starts the whole program in-process, as `bot run`
// with DISCORD_API_BASE pointing at a fake Discord, and answers a real /ask
// from the bundled story through the real discordgo client.
func TestRunAnswersOnDiscord(t *testing.T) {
	t.Parallel()
	const token = "test-token"
	fake := fakediscord.New("Bot " + token)
	defer fake.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	ln.Close()
	env := environment(map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_BASE": fake.APIBase(),
		"DISCORD_GUILD_ID": "1400000000000000001", "METRICS_ADDR": metricsAddr})

	var stderr syncBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &stderr, Stderr: &stderr, LookupEnv: env}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"--data-dir", t.TempDir(), "run"}) }()

	if _, ok := fake.WaitFor(30*time.Second, func(r fakediscord.Request) bool {
		return r.Method == "PUT" && strings.HasSuffix(r.Path, "/guilds/1400000000000000001/commands")
	}); !ok {
		t.Fatalf("commands were not registered in the guild; log:\n%s", stderr.String())
	}
	interaction, err := os.ReadFile(filepath.Join("testdata", "interaction_ask.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := fake.Dispatch(interaction); err != nil {
		t.Fatal(err)
	}
	edit, ok := fake.WaitFor(30*time.Second, func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && strings.HasSuffix(r.Path, "/messages/@original")
	})
	if !ok {
		t.Fatalf("the answer was never edited in; log:\n%s", stderr.String())
	}
	var body struct {
		Embeds []struct {
			Description string
			Fields      []struct{ Name, Value string }
			Footer      struct{ Text string }
		}
		AllowedMentions struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(edit.Body, &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Embeds) != 1 || !strings.Contains(body.Embeds[0].Description, "[1]") || len(body.Embeds[0].Fields) == 0 {
		t.Fatalf("got %s, want an embed with the answer and its sources", edit.Body)
	}
	if !strings.Contains(string(edit.Body), "missile part is completely wrong") && !strings.Contains(string(edit.Body), "denied") {
		t.Errorf("the answer does not say Iran denied sending missiles: %s", edit.Body)
	}
	if body.AllowedMentions.Parse == nil || !strings.Contains(string(edit.Body), `"parse":[]`) {
		t.Errorf("allowed_mentions does not suppress pings: %s", edit.Body)
	}
	for _, r := range fake.Requests() {
		if !strings.HasPrefix(r.Path, "/api/v9/") {
			t.Errorf("request outside the API base: %s %s", r.Method, r.Path)
		}
	}
	// METRICS_ADDR serves the gateway bot's metrics: the /ask is counted.
	want := `storybot_interactions_total{command="ask",outcome="answered"} 1`
	var metrics string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && !strings.Contains(metrics, want); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get("http://" + metricsAddr + "/metrics"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			metrics = string(b)
		}
	}
	if !strings.Contains(metrics, want) {
		t.Errorf("METRICS_ADDR does not count the answered /ask:\n%s", metrics)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("bot run exited %d after shutdown; log:\n%s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("bot run did not stop after its context was cancelled")
	}
}

func TestRunWithoutTokenExplains(t *testing.T) {
	t.Parallel()
	_, errOut, code := run(t, "run")
	if code != 1 || !strings.Contains(errOut, "DISCORD_TOKEN") || !strings.Contains(errOut, "bot console") {
		t.Errorf("got exit %d and %q, want an explanation naming DISCORD_TOKEN and bot console", code, errOut)
	}
}

func TestConsoleSession(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	in := strings.NewReader("/ask question: What did Dmitry Kuleba propose?\n2\n/who-said query: missile part\n/quit\n")
	m := &Main{Stdin: in, Stdout: &out, Stderr: &errb, LookupEnv: environment(nil)}
	if code := m.Run(context.Background(), []string{"--data-dir", t.TempDir(), "console"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"severing ties", "Buttons:", "only you can see this", "Hossein Amirabdollahian", "IRNA"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("console output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestWhoSaidJSON(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "who-said", "--json", "missile part")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Statements []struct {
			Speaker, Role, Via, Kind, Quote, Sentence, Doc string
			Start, End                                     int
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Statements) == 0 {
		t.Fatal("no statements")
	}
	s := got.Statements[0]
	if s.Speaker != "Hossein Amirabdollahian" || s.Role != "Iranian Foreign Minister" || s.Via != "IRNA" || s.Kind != "direct" ||
		!strings.Contains(s.Quote, "the missile part is completely wrong") || s.End <= s.Start {
		t.Errorf("got %+v, want the foreign minister's direct quote via IRNA", s)
	}
}

// SIGTERM always ends the process within SHUTDOWN_TIMEOUT, stuck or not.
func TestWatchdogEndsAStuckProcess(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	exited := make(chan int, 1)
	var stderr syncBuffer
	go watchdog(ctx, func() { close(stopped) }, func() time.Duration { return 10 * time.Millisecond }, func(code int) { exited <- code }, &stderr)
	select {
	case <-exited:
		t.Fatal("the watchdog ended a process that was not asked to stop")
	case <-time.After(50 * time.Millisecond):
	}
	cancel() // SIGTERM
	select {
	case code := <-exited:
		if code == 0 || !strings.Contains(stderr.String(), "SHUTDOWN_TIMEOUT") {
			t.Errorf("exit %d, stderr %q: want a non-zero exit naming SHUTDOWN_TIMEOUT", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the watchdog did not end the process")
	}
	select {
	case <-stopped:
	default:
		t.Error("signal handling not restored: a second SIGTERM would not end the process at once")
	}
}

// TestSIGTERMEndsTheProcessInTime runs `bot run` as its own process (the
// test binary stands in for bot, see TestMain) where it would hang (a
// Discord gateway that never says Hello, a FIFO in the corpus) and sends
// SIGTERM: the process ends within SHUTDOWN_TIMEOUT.
func TestSIGTERMEndsTheProcessInTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		corpus func(t *testing.T) string
		ready  func(fake *fakediscord.Server, out string) bool // when to send SIGTERM
	}{
		{"hung gateway", func(*testing.T) string { return "" },
			func(fake *fakediscord.Server, _ string) bool { return fake.GatewayDials() > 0 }},
		{"FIFO in the corpus", func(t *testing.T) string {
			dir := t.TempDir()
			if err := syscall.Mkfifo(filepath.Join(dir, "a.md"), 0o644); err != nil {
				t.Skipf("no FIFOs here: %v", err)
			}
			return dir
		}, func(_ *fakediscord.Server, out string) bool { return strings.Contains(out, "component=rag") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New("Bot test-token")
			defer fake.Close()
			fake.StallGateway()
			const stopWithin = 3 * time.Second
			cmd := exec.Command(os.Args[0], "--data-dir", t.TempDir(), "run")
			cmd.Env = append(os.Environ(), benchChildEnv+"=1", "DISCORD_TOKEN=test-token", "DISCORD_API_BASE="+fake.APIBase(),
				"SHUTDOWN_TIMEOUT="+stopWithin.String(), "CORPUS_DIR="+tt.corpus(t), "OPENAI_API_KEY=", "OPENAI_BASE_URL=", "DATABASE_URL=")
			var out syncBuffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			deadline := time.Now().Add(60 * time.Second)
			for !tt.ready(fake, out.String()) {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("bot run never got there; output:\n%s", out.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			// The bound is what the process promises; the slack is for a
			// loaded machine scheduling it, not for the bot.
			select {
			case <-exited:
				if !strings.Contains(out.String(), "level=INFO") {
					t.Errorf("the process did not run bot run; output:\n%s", out.String())
				}
			case <-time.After(stopWithin + 10*time.Second):
				cmd.Process.Kill()
				t.Fatalf("bot run still running after SIGTERM; output:\n%s", out.String())
			}
		})
	}
}

func TestRunRefusesBadShard(t *testing.T) {
	t.Parallel()
	_, errOut, code := runWith(t, map[string]string{"DISCORD_TOKEN": "x"}, "run", "--shard", "3/3")
	if code != 2 || !strings.Contains(errOut, "--shard") {
		t.Errorf("got exit %d and %q, want a usage error naming --shard", code, errOut)
	}
}
