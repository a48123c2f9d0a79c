package bot

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// runConsoleScript runs a console session on script with a fixed clock.
func runConsoleScript(t *testing.T, dataDir, script string) string {
	t.Helper()
	b, err := newConsoleBot(defaultOptions(newFakeEngine(), dataDir))
	if err != nil {
		t.Fatal(err)
	}
	b.now = func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
	var out bytes.Buffer
	if err := (&console{b: b, out: &out, echo: true}).run(context.Background(), strings.NewReader(script)); err != nil {
		t.Fatalf("console: %v", err)
	}
	return out.String()
}

func TestConsoleGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		script string
	}{
		{"console_ask", "/ask question: " + viennaQuestion + "\n/quit\n"},
		{"console_ask_bare", "/ask What did the Pope say?\n/quit\n"},
		{"console_timeline", "/timeline talks\n2\n1\n/quit\n"},
		{"console_who_said", "/who-said query: said\n/quit\n"},
		{"console_session", "/help\n/ask " + viennaQuestion + "\n2\n1\n/pinned\n3\nhello\n/nope\n/quit\n/ask never reached\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runConsoleScript(t, t.TempDir(), tt.script)
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./bot -run Console -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("console output differs from %s (rerun with -update if intended)\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

func TestConsolePinIsRecorded(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	runConsoleScript(t, dir, "/ask "+viennaQuestion+"\n1\n")
	pins, err := reopenPins(t, dir).Latest(context.Background(), consoleGuild, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != 1 || pins[0].PinnedByName != "console" || pins[0].Question != viennaQuestion || len(pins[0].Citations) != 2 {
		t.Errorf("pins = %+v, want one by console", pins)
	}
}

func TestConsoleStopsOnCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	done := make(chan error, 1)
	go func() {
		done <- RunConsole(ctx, pr, io.Discard, defaultOptions(newFakeEngine(), t.TempDir()))
	}()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("RunConsole = %v", err)
		}
	case <-time.After(wait):
		t.Fatal("RunConsole did not return after cancel")
	}
}

func TestEmbedText(t *testing.T) {
	t.Parallel()
	got := EmbedText(AnswerEmbed(viennaAnswer))
	for _, want := range []string{"== " + viennaQuestion + " ==", "[1] Amirabdollahian meets Grossi in Vienna · 2022-11-05", "> Hossein Amirabdollahian met", "-- Answered by: extractive"} {
		if !strings.Contains(got, want) {
			t.Errorf("EmbedText lacks %q:\n%s", want, got)
		}
	}
	if EmbedText(nil) != "" {
		t.Error("EmbedText(nil) not empty")
	}
}
