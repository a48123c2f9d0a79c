package rag

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

// writeSource writes an added article for guildID as the sources manager
// does.
func writeSource(t *testing.T, e *Engine, guildID, name, body string) string {
	t.Helper()
	dir := e.SourcesFolder(guildID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const ferryArticle = `---
title: Harbour ferry gets an electric engine
published: 2025-03-02
url: https://news.example/ferry
---
The harbour ferry of Lindqvist Bay will run on an electric engine from April, the operator said.
The new engine cost 3.4 million euros and halves the ferry's running costs.
`

func citedDocs(a Answer) []string {
	var out []string
	for _, c := range a.Citations {
		out = append(out, c.Doc)
	}
	return out
}

func TestGuildSourcesStayInTheirGuild(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := openEngine(t, Options{CorpusDir: copyCorpus(t, testCorpus), DataDir: t.TempDir(), SourcesDir: t.TempDir()})
	const q = "How much did the ferry's electric engine cost?"
	writeSource(t, e, "111", "ferry.md", ferryArticle)
	changed, err := e.SyncAll(ctx)
	if err != nil {
		t.Fatalf("SyncAll: %v", err)
	}
	if !slices.Equal(changed, []string{"111"}) {
		t.Errorf("SyncAll changed %v, want [111]", changed)
	}

	a, err := e.Ask(WithGuild(ctx, "111"), q)
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !slices.Contains(citedDocs(a), "sources/111/ferry.md") {
		t.Fatalf("guild 111: got %q citing %v, want an answer from sources/111/ferry.md", a.Text, citedDocs(a))
	}
	if !strings.Contains(a.Text+strings.Join(quotes(a), " "), "3.4 million") {
		t.Errorf("guild 111: answer %q does not give the cost", a.Text)
	}
	if !e.InCorpus("sources/111/ferry.md", "The new engine cost 3.4 million euros") {
		t.Error("InCorpus of a guild's own source = false, want true")
	}
	for _, ctx := range []context.Context{WithGuild(ctx, "222"), ctx} {
		a, err := e.Ask(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range citedDocs(a) {
			if strings.HasPrefix(d, "sources/") {
				t.Errorf("guild %q: cites %s, another guild's source", GuildFrom(ctx), d)
			}
		}
	}

	// Removing the guild's last source returns it to the shared corpus.
	if err := os.Remove(filepath.Join(e.SourcesFolder("111"), "ferry.md")); err != nil {
		t.Fatal(err)
	}
	if changed, err = e.SyncAll(ctx); err != nil || !slices.Equal(changed, []string{"111"}) {
		t.Fatalf("SyncAll after removal: %v, %v; want [111]", changed, err)
	}
	if e.ForGuild("111") != e {
		t.Error("a guild without sources still has an engine of its own")
	}
}

func TestSharedSourceReachesEveryGuild(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dataDir, srcDir := t.TempDir(), t.TempDir()
	e, _ := openEngine(t, Options{CorpusDir: copyCorpus(t, testCorpus), DataDir: dataDir, SourcesDir: srcDir})
	writeSource(t, e, "111", "other.md", "---\ntitle: Other\n---\nThe library opens a new reading room on Mondays.\n")
	writeSource(t, e, "", "ferry.md", ferryArticle)
	changed, err := e.SyncAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(changed, "") {
		t.Errorf("SyncAll changed %v, want the shared corpus among them", changed)
	}
	for _, g := range []string{"", "111", "222"} {
		a, err := e.Ask(WithGuild(ctx, g), "How much did the ferry's electric engine cost?")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(citedDocs(a), "sources/ferry.md") {
			t.Errorf("guild %q: cites %v, want sources/ferry.md", g, citedDocs(a))
		}
	}

	// A restarted engine opens the guild's index from disk.
	e2, _ := openEngine(t, Options{CorpusDir: e.opts.CorpusDir, DataDir: dataDir, SourcesDir: srcDir})
	if e2.ForGuild("111") == e2 {
		t.Error("after a restart, guild 111 has no engine of its own")
	}
	if changed, err := e2.SyncAll(ctx); err != nil || len(changed) != 0 {
		t.Errorf("SyncAll with nothing changed: %v, %v; want none", changed, err)
	}
}

func quotes(a Answer) []string {
	var out []string
	for _, c := range a.Citations {
		out = append(out, c.Quote)
	}
	return out
}

func TestGuildDirName(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"", "1234567890", "x12", "a/b", "_"} {
		d := GuildDirName(id)
		if strings.ContainsAny(d, "/\\.") {
			t.Errorf("GuildDirName(%q) = %q, not a plain folder name", id, d)
		}
		if id != "" && guildID(d) != id {
			t.Errorf("guildID(GuildDirName(%q)) = %q, want it back", id, guildID(d))
		}
	}
}

func TestGuildIndexEmbedsOnlyItsOwnSources(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	ce := newCountingEmbedder(NewLocalEmbedder())
	e, st := openEngine(t, Options{CorpusDir: copyCorpus(t, testCorpus), DataDir: t.TempDir(), SourcesDir: t.TempDir(), Embedder: ce.Embedder})
	before := ce.texts.Load()
	if before != int64(st.Chunks) {
		t.Fatalf("root embedded %d texts, want its %d chunks", before, st.Chunks)
	}
	writeSource(t, e, "111", "ferry.md", ferryArticle)
	if _, err := e.SyncAll(ctx); err != nil {
		t.Fatal(err)
	}
	ge := e.ForGuild("111")
	if ge == e {
		t.Fatal("guild 111 has no engine of its own")
	}
	own := 0
	for _, d := range ge.Documents() {
		if strings.HasPrefix(d.ID, "sources/") {
			own += len(corpus.Chunks(d, corpus.DefaultChunkOptions))
		}
	}
	if got := ce.texts.Load() - before; got != int64(own) {
		t.Errorf("opening the guild's index embedded %d texts, want only its own %d chunks", got, own)
	}
	a, err := e.Ask(WithGuild(ctx, "111"), "Who won the Northern Lights chess open?")
	if err != nil || a.Abstained {
		t.Errorf("guild 111 on the shared corpus: %q, %v", a.Text, err)
	}
}

// BenchmarkSyncAllUnchanged is the running bot's every-WATCH_INTERVAL step
// when nothing changed: the shared corpus and one guild's sources are
// re-read by file stamps only.
func BenchmarkSyncAllUnchanged(b *testing.B) {
	ctx := context.Background()
	e, _, err := Open(ctx, Options{DataDir: b.TempDir(), SourcesDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	dir := e.SourcesFolder("111")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ferry.md"), []byte(ferryArticle), 0o644); err != nil {
		b.Fatal(err)
	}
	if _, err := e.SyncAll(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if changed, err := e.SyncAll(ctx); err != nil || len(changed) > 0 {
			b.Fatalf("SyncAll: %v, %v", changed, err)
		}
	}
}

func TestCorpusProblemIsLoggedOnce(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	dir := copyCorpus(t, testCorpus)
	if err := os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("\x00\x01binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for range 3 {
		if _, err := e.SyncAll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := strings.Count(logs.String(), "skipped a corpus file"); n != 1 {
		t.Errorf("the bad file was logged %d times over 4 syncs, want once:\n%s", n, logs.String())
	}
}

func TestCheckAndFollowUseTheGuildsStory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := openEngine(t, Options{CorpusDir: copyCorpus(t, testCorpus), DataDir: t.TempDir(), SourcesDir: t.TempDir()})
	writeSource(t, e, "111", "ferry.md", ferryArticle)
	if _, err := e.SyncAll(ctx); err != nil {
		t.Fatal(err)
	}
	const claimText = "The new ferry engine cost 3.4 million euros"
	cited := func(cs []Citation) bool {
		for _, c := range cs {
			if c.Doc == "sources/111/ferry.md" {
				return true
			}
		}
		return false
	}
	res, err := e.Check(WithGuild(ctx, "111"), claimText)
	if err != nil || !cited(res.Citations) {
		t.Errorf("Check in guild 111: %+v, %v; want its source cited", res, err)
	}
	if res, err := e.Check(WithGuild(ctx, "222"), claimText); err != nil || cited(res.Citations) {
		t.Errorf("Check in guild 222: %+v, %v; want no other guild's source", res, err)
	}
	fu, err := e.Follow(WithGuild(ctx, "111"), nil, "How much did the ferry's electric engine cost?")
	if err != nil || !cited(fu.Answer.Citations) {
		t.Errorf("Follow in guild 111: %+v, %v; want its source cited", fu.Answer, err)
	}
}
