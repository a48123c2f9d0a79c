package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/config"
	"github.com/newsbot/storybot/internal/fakediscord"
)

// TestServeAnswersOverHTTP runs the whole program as `bot serve` against a
// fake Discord: a signed /ask from the bundled story is deferred in the HTTP
// response and its answer edited in through the REST API.
func TestServeAnswersOverHTTP(t *testing.T) {
	const token = "test-token"
	fake := fakediscord.New("Bot " + token)
	defer fake.Close()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, name := range config.Names() {
		t.Setenv(name, "")
	}
	t.Setenv("DISCORD_TOKEN", token)
	t.Setenv("DISCORD_API_BASE", fake.APIBase())
	t.Setenv("DISCORD_PUBLIC_KEY", hex.EncodeToString(pub))
	t.Setenv("INTERACTIONS_ADDR", addr)

	var stderr syncBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &stderr, Stderr: &stderr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"--data-dir", t.TempDir(), "serve"}) }()

	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case code := <-done:
			t.Fatalf("bot serve exited %d; log:\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot serve never became healthy; log:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	body, err := os.ReadFile(filepath.Join("testdata", "interaction_ask.json"))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var cb struct{ Type int }
	if json.Unmarshal(raw, &cb); resp.StatusCode != http.StatusOK || cb.Type != 5 {
		t.Fatalf("response %d %s, want a deferral", resp.StatusCode, raw)
	}
	edit, ok := fake.WaitFor(30*time.Second, func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && strings.HasSuffix(r.Path, "/messages/@original")
	})
	if !ok {
		t.Fatalf("the answer was never edited in; log:\n%s", stderr.String())
	}
	if !strings.Contains(string(edit.Body), "[1]") {
		t.Errorf("the edit %s carries no cited answer", edit.Body)
	}
	want := `storybot_interactions_total{command="ask",outcome="answered"} 1`
	var metrics []byte
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mresp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		metrics, _ = io.ReadAll(mresp.Body)
		mresp.Body.Close()
		if strings.Contains(string(metrics), want) {
			break
		}
	}
	if !strings.Contains(string(metrics), want) {
		t.Errorf("/metrics does not count the answered /ask:\n%s", metrics)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("bot serve exited %d after shutdown; log:\n%s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("bot serve did not stop after its context was cancelled")
	}
}

func TestServeWithoutPublicKeyExplains(t *testing.T) {
	_, errOut, code := runWith(t, map[string]string{"DISCORD_TOKEN": "x"}, "serve")
	if code != 1 || !strings.Contains(errOut, "DISCORD_PUBLIC_KEY") {
		t.Errorf("got exit %d and %q, want an explanation naming DISCORD_PUBLIC_KEY", code, errOut)
	}
}
