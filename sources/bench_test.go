package sources_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

// BenchmarkRecheckPins is the running bot's every-WATCH_INTERVAL pin check
// with nothing changed: 250 pins (a channel's most) of three quotes each,
// in the file store.
func BenchmarkRecheckPins(b *testing.B) {
	ctx := context.Background()
	st, err := file.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for i := range 250 {
		p := store.Pin{Question: fmt.Sprintf("question %d?", i), GuildID: "1", ChannelID: "2", MessageID: fmt.Sprint(1000 + i), PinnedAt: time.Now()}
		for n := 1; n <= 3; n++ {
			p.Citations = append(p.Citations, store.Citation{N: n, Doc: "sources/a.html", Quote: fmt.Sprintf("quote %d of %d", n, i)})
		}
		if err := st.AddPin(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	verify := func(string, string) (bool, bool) { return true, true }
	b.ResetTimer()
	for b.Loop() {
		if changed, err := sources.RecheckPins(ctx, st, verify, time.Now()); err != nil || len(changed) > 0 {
			b.Fatalf("RecheckPins: %v, %v", changed, err)
		}
	}
}
