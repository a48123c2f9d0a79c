package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/rag"
)

func TestPinStoreSurvivesRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := openPinStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, id := range []string{"m1", "m2", "m3"} {
		rec := PinRecord{Question: "q " + id, Answer: "a [1]", Mode: rag.ModeExtractive,
			Citations:  []rag.Citation{{N: 1, Title: "T", Quote: "verbatim"}},
			PinnedByID: "u", PinnedByName: "María", PinnedAt: at.Add(time.Duration(i) * time.Minute),
			GuildID: "g", ChannelID: "c", MessageID: id}
		if err := s.Append(context.Background(), rec); err != nil {
			t.Fatal(err)
		}
	}
	again, err := openPinStore(dir) // a restart
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Latest(context.Background(), "g", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].MessageID != "m3" || got[1].MessageID != "m2" {
		t.Fatalf("latest = %+v, want m3, m2", got)
	}
	if got[0].Citations[0].Quote != "verbatim" || !got[0].PinnedAt.Equal(at.Add(2*time.Minute)) || got[0].PinnedByName != "María" {
		t.Errorf("record changed on the way: %+v", got[0])
	}
	if other, _ := again.Latest(context.Background(), "another guild", 10); len(other) != 0 {
		t.Errorf("another guild sees %d pins", len(other))
	}
}

func TestPinStoreTornLastLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tail string
	}{
		{"torn object", `{"question":"half a rec`},
		{"torn inside a string with a newline-less end", `{"question":"q","answer":"a","message_id":"m9","pinned_at":"2026-01-0`},
		{"garbage", "\x00\x00\x00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := openPinStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Append(context.Background(), PinRecord{Question: "kept", MessageID: "m1", ChannelID: "c", GuildID: "g"}); err != nil {
				t.Fatal(err)
			}
			// A crash in the middle of the next append.
			f, err := os.OpenFile(filepath.Join(dir, pinsFile), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(tt.tail)
			f.Close()

			// Reading skips the torn line, before and after reopening.
			if got, err := s.Latest(context.Background(), "g", 10); err != nil || len(got) != 1 || got[0].Question != "kept" {
				t.Fatalf("before reopen: %+v, %v", got, err)
			}
			s, err = openPinStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Append(context.Background(), PinRecord{Question: "after", MessageID: "m2", ChannelID: "c", GuildID: "g"}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Latest(context.Background(), "g", 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || got[0].Question != "after" || got[1].Question != "kept" {
				t.Errorf("after reopen and append: %+v, want after, kept", got)
			}
		})
	}
}

func TestPinStoreNoDataDir(t *testing.T) {
	t.Parallel()
	if _, err := openPinStore(""); err == nil {
		t.Error("opened a store without a data dir")
	}
}

// Listing the latest pins reads the end of the file only, however many pins
// came before, and a pinned answer of any size is recorded bounded.
func TestPinStoreLatestReadsTheEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var sb strings.Builder
	line := func(guild, msg string, q string) {
		b, _ := json.Marshal(PinRecord{Question: q, GuildID: guild, ChannelID: "c", MessageID: msg})
		sb.Write(b)
		sb.WriteByte('\n')
	}
	for n := 0; n < 20000; n++ {
		line("other", fmt.Sprint("old", n), strings.Repeat("an old question ", 10))
	}
	for n := 0; n < 15; n++ {
		line("g", fmt.Sprint("m", n), fmt.Sprint("question ", n))
	}
	line("g", "m14", "pinned again") // the same message twice
	if err := os.WriteFile(filepath.Join(dir, pinsFile), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := openPinStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Latest(context.Background(), "g", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 10 || got[0].Question != "pinned again" || got[1].MessageID != "m13" || got[9].MessageID != "m5" {
		t.Fatalf("latest = %+v, want m14 (pinned again), m13 … m5", got)
	}
	if s.bytesRead > 2*pinsReadChunk || int64(sb.Len()) < 50*pinsReadChunk {
		t.Errorf("read %d of %d bytes for the latest 10 pins, want at most %d", s.bytesRead, sb.Len(), 2*pinsReadChunk)
	}

	huge := PinRecord{Question: strings.Repeat("q", 10000), Answer: strings.Repeat("a ", 1<<20), GuildID: "g", ChannelID: "c", MessageID: "big"}
	for n := 0; n < 100; n++ {
		huge.Citations = append(huge.Citations, rag.Citation{N: n + 1, Title: strings.Repeat("t", 5000), Quote: strings.Repeat("quote ", 10000)})
	}
	if err := s.Append(context.Background(), huge); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, pinsFile))
	if err != nil {
		t.Fatal(err)
	}
	if grew := info.Size() - int64(sb.Len()); grew > maxPinLine {
		t.Errorf("a huge answer took %d bytes, want at most %d", grew, maxPinLine)
	}
	got, err = s.Latest(context.Background(), "g", 1)
	if err != nil || len(got) != 1 || got[0].MessageID != "big" || len(got[0].Citations) != maxFields {
		t.Errorf("the bounded record reads back as %d pins, err %v", len(got), err)
	}
}
