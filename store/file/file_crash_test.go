package file

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

func openT(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func testPin(guild, msg string) store.Pin {
	return store.Pin{GuildID: guild, ChannelID: "c", MessageID: msg, Question: "q " + msg, Answer: "a", PinnedAt: time.Unix(1, 0).UTC()}
}

func TestTornLastLineIsSkippedAndNextRecordIsWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := openT(t, dir)
	if err := s.AddPin(t.Context(), testPin("g", "m1")); err != nil {
		t.Fatal(err)
	}
	// A crash mid-append leaves half a line.
	f, err := os.OpenFile(s.pinPath("g"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"question":"torn","message_id":"m9","guild_id":"g","chan`)
	f.Close()

	restarted := openT(t, dir)
	pins, err := restarted.LatestPins(t.Context(), "g", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != 1 || pins[0].MessageID != "m1" {
		t.Fatalf("with a torn last line: got %+v, want only m1", pins)
	}
	if err := restarted.AddPin(t.Context(), testPin("g", "m2")); err != nil {
		t.Fatal(err)
	}
	pins, err = restarted.LatestPins(t.Context(), "g", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != 2 || pins[0].MessageID != "m2" || pins[1].MessageID != "m1" {
		t.Errorf("after the next append: got %v, want m2, m1", pins)
	}
}

func TestLegacyPinsFileIsMoved(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// The record shape bot/store.go has always written.
	var lines []string
	for _, p := range []store.Pin{testPin("g1", "a"), testPin("g2", "b"), testPin("g1", "c")} {
		b, _ := json.Marshal(p)
		lines = append(lines, string(b))
	}
	if err := os.WriteFile(filepath.Join(dir, legacyPins), []byte(strings.Join(lines, "\n")+"\n{torn"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	for guild, want := range map[string]string{"g1": "c,a", "g2": "b"} {
		pins, err := s.LatestPins(t.Context(), guild, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pins {
			got = append(got, p.MessageID)
			if p.Status != store.PinCurrent {
				t.Errorf("legacy pin %s: status %q, want current", p.MessageID, p.Status)
			}
		}
		if strings.Join(got, ",") != want {
			t.Errorf("guild %s: got %v, want %s", guild, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, legacyPins)); !os.IsNotExist(err) {
		t.Errorf("legacy file still in place (%v): it would be moved again", err)
	}
	openT(t, dir) // reopening does not duplicate anything
	pins, _ := s.LatestPins(t.Context(), "g1", 10)
	if len(pins) != 2 {
		t.Errorf("after reopening: got %d pins in g1, want 2", len(pins))
	}
}

func TestLatestPinsAcrossBlocks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := openT(t, dir)
	// Records of varied length so lines straddle the 32 KiB read blocks.
	const n = 600
	for i := range n {
		p := testPin("g", fmt.Sprint("m", i))
		p.Answer = strings.Repeat("é", i%300)
		if err := s.AddPin(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	pins, err := s.LatestPins(t.Context(), "g", n+10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pins) != n {
		t.Fatalf("got %d pins, want %d", len(pins), n)
	}
	for i, p := range pins {
		want := n - 1 - i
		if p.MessageID != fmt.Sprint("m", want) || p.Answer != strings.Repeat("é", want%300) {
			t.Fatalf("pin %d: got %s (answer of %d bytes), want m%d whole", i, p.MessageID, len(p.Answer), want)
		}
	}
}

func TestIDsAreSafeFileNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := openT(t, dir)
	long := strings.Repeat("https://example.com/a/very/long/path/", 4)[:store.MaxIDBytes-1]
	for _, id := range []string{"../escape", "a/b", "", "_", "..", long, long[:126] + "é", strings.Repeat("9", store.MaxIDBytes-1)} {
		key := store.ConversationKey{GuildID: id, ID: id}
		if id == "" {
			key.ID = "x"
		}
		if err := s.AppendTurn(t.Context(), key, store.Turn{Question: id}); err != nil {
			t.Fatal(err)
		}
		c, err := s.Conversation(t.Context(), key)
		if err != nil || len(c.Turns) != 1 || c.Turns[0].Question != id {
			t.Errorf("id %q: got %+v, %v", id, c, err)
		}
	}
	err := filepath.Walk(filepath.Dir(dir), func(path string, info os.FileInfo, err error) error {
		if err == nil && !strings.HasPrefix(path, dir) && path != filepath.Dir(dir) {
			t.Errorf("wrote outside the data dir: %s", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLatestPins shows that listing a guild's latest pins does not
// grow with the number of pins stored.
func BenchmarkLatestPins(b *testing.B) {
	for _, stored := range []int{100, 10_000, 100_000} {
		b.Run(fmt.Sprint(stored, " pins"), func(b *testing.B) {
			dir := b.TempDir()
			s := openT(b, dir)
			os.MkdirAll(filepath.Dir(s.pinPath("g")), 0o755)
			f, err := os.Create(s.pinPath("g"))
			if err != nil {
				b.Fatal(err)
			}
			for i := range stored {
				line, _ := json.Marshal(testPin("g", fmt.Sprint("m", i)))
				f.Write(append(line, '\n'))
			}
			f.Close()
			b.ResetTimer()
			for b.Loop() {
				if pins, err := s.LatestPins(b.Context(), "g", 10); err != nil || len(pins) != 10 {
					b.Fatal(err, len(pins))
				}
			}
		})
	}
}
