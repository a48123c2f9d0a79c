package sources_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus/web"
	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
	"github.com/newsbot/storybot/store/postgres"
	"github.com/newsbot/storybot/store/postgres/pgtest"
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

// BenchmarkMirror is a replica's start on a database holding 100 servers'
// own sources of 50 articles each (about 8 KB of HTML apiece): "fresh"
// writes every file into an empty DATA_DIR, "unchanged" finds them all
// written already.
func BenchmarkMirror(b *testing.B) {
	ctx := context.Background()
	st, err := postgres.Open(ctx, pgtest.Schema(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	para := strings.Repeat("The council said the bridge would reopen in spring after repairs. ", 120)
	for g := range 100 {
		guild := fmt.Sprint(1400000000000000000 + g)
		for a := range 50 {
			id := fmt.Sprintf("a%010d", a)
			key := store.SourceKey{GuildID: guild, ID: id}
			if err := st.PutSource(ctx, store.Source{GuildID: guild, ID: id, Kind: store.KindArticle}); err != nil {
				b.Fatal(err)
			}
			page := fmt.Sprintf("<html><head><title>Story %d of %s</title></head><body><p>%s</p></body></html>", a, guild, para)
			if err := st.PutSourceFile(ctx, key, []byte(page)); err != nil {
				b.Fatal(err)
			}
		}
	}
	manager := func(dir string) *sources.Manager {
		m, err := sources.New(sources.Options{
			Web: web.New(web.Options{}), Store: st, Files: st,
			Folder: func(g string) string { return filepath.Join(dir, g) },
			Index:  func(context.Context) error { return nil },
		})
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			if changed, err := manager(b.TempDir()).Mirror(ctx); err != nil || !changed {
				b.Fatalf("Mirror: %v, %v", changed, err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		m := manager(b.TempDir())
		if _, err := m.Mirror(ctx); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if changed, err := m.Mirror(ctx); err != nil || changed {
				b.Fatalf("Mirror: %v, %v", changed, err)
			}
		}
	})
}
