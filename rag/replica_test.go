package rag

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/index"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/postgres"
	"github.com/newsbot/storybot/store/postgres/pgtest"
)

// textCounter is the local embedder counting the chunk texts it
// embeds.
func textCounter() (*Embedder, *atomic.Int64) {
	var n atomic.Int64
	local := NewLocalEmbedder()
	return &Embedder{ID: local.ID, Query: local.Query, Embed: func(ctx context.Context, texts []string) ([][]float32, error) {
		n.Add(int64(len(texts)))
		return local.Embed(ctx, texts)
	}}, &n
}

// replicaCorpus is a small corpus folder of two articles.
func replicaCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"harbour.md": "---\ntitle: Harbour pilots strike\npublished: 2024-03-01\n---\n" +
			"Harbour pilots walked out on Monday over night shifts. The port authority said ships would wait at anchor. " +
			"A union spokesperson said the pilots had asked for a second crew on every night shift.",
		"council.md": "---\ntitle: Council passes budget\npublished: 2024-03-02\n---\n" +
			"The city council approved the budget on Tuesday by seven votes to two. The mayor said the vote protected the libraries.",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// openReplica opens an engine on the database at dsn, returning it and how
// many chunk texts its embedder embedded.
func openReplica(t *testing.T, dsn, corpusDir string) (*Engine, *atomic.Int64) {
	t.Helper()
	st, err := postgres.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	emb, n := textCounter()
	e, _, err := Open(context.Background(), Options{CorpusDir: corpusDir, DataDir: t.TempDir(), Embedder: emb, Store: st}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e, n
}

// finds reports whether e retrieves doc for q.
func finds(t *testing.T, e *Engine, q, doc string) bool {
	t.Helper()
	ps, err := e.Retrieve(context.Background(), q, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Doc == doc {
			return true
		}
	}
	return false
}

func TestReplicasShareArticlesWithoutReembedding(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)

	first, embeddedFirst := openReplica(t, dsn, dir)
	if embeddedFirst.Load() == 0 {
		t.Fatal("the first replica embedded nothing on an empty database")
	}
	second, embeddedSecond := openReplica(t, dsn, dir)
	if n := embeddedSecond.Load(); n != 0 {
		t.Errorf("the second replica embedded %d chunks; want 0, all loaded from the database", n)
	}
	if got, want := len(second.Documents()), len(first.Documents()); got != want || got != 2 {
		t.Errorf("second replica holds %d documents, first %d; want 2 each", got, want)
	}
	if !finds(t, second, "Why did the harbour pilots strike?", "harbour.md") {
		t.Error("the second replica does not retrieve the harbour article")
	}

	// An article added through the first replica reaches the second.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	followed := make(chan error, 1)
	go func() { followed <- second.FollowStore(ctx) }()
	added := corpus.NewDocument("sources/ferry.md", "Ferry timetable cut", time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), "", "",
		"The ferry operator cut the winter timetable to four crossings a day. Islanders protested outside the terminal.")
	if err := first.AddDocument(context.Background(), added); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the second replica to retrieve the added article", func() bool {
		return finds(t, second, "How many ferry crossings a day?", added.ID)
	})
	if n := embeddedSecond.Load(); n != 0 {
		t.Errorf("the second replica embedded %d chunks for the added article; want 0", n)
	}
	if !finds(t, first, "How many ferry crossings a day?", added.ID) {
		t.Error("the first replica does not retrieve the article it added")
	}

	// A restart loads everything, the added article included, and embeds
	// nothing.
	restarted, embeddedRestart := openReplica(t, dsn, dir)
	if n := embeddedRestart.Load(); n != 0 {
		t.Errorf("the restarted replica embedded %d chunks; want 0", n)
	}
	if !finds(t, restarted, "How many ferry crossings a day?", added.ID) {
		t.Error("the restarted replica lost the added article")
	}
	ans, err := restarted.Ask(context.Background(), "How many ferry crossings a day?")
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Citations) == 0 || ans.Citations[0].Doc != added.ID {
		t.Errorf("restarted replica answers %+v, want a cited answer from the ferry article", ans)
	}
	cancel()
	if err := <-followed; err != nil {
		t.Errorf("FollowStore returned %v", err)
	}
}

func TestReplicaVerifiesQuotesOfAnArticleFromAnotherZone(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	first, _ := openReplica(t, dsn, dir)
	// 01:00 on 3 March east of Greenwich is still 2 March in UTC.
	published := time.Date(2024, 3, 3, 1, 0, 0, 0, time.FixedZone("UTC+5", 5*3600))
	added := corpus.NewDocument("sources/ferry.md", "Ferry timetable cut", published, "", "",
		"The ferry operator cut the winter timetable to four crossings a day. Islanders protested outside the terminal.")
	if err := first.AddDocument(context.Background(), added); err != nil {
		t.Fatal(err)
	}
	second, _ := openReplica(t, dsn, dir)
	ans, err := second.Ask(context.Background(), "How many ferry crossings a day?")
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Citations) == 0 || ans.Citations[0].Doc != added.ID {
		t.Fatalf("answer %+v, want one cited from the ferry article", ans)
	}
	if got := ans.Citations[0].Published; got != "2024-03-03" {
		t.Errorf("citation dated %q, want the article's own date 2024-03-03", got)
	}
}

func TestReplicaDropsAnArticleDeletedElsewhere(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	first, _ := openReplica(t, dsn, dir)
	added := corpus.NewDocument("sources/ferry.md", "Ferry timetable cut", time.Time{}, "", "",
		"The ferry operator cut the winter timetable to four crossings a day.")
	if err := first.AddDocument(context.Background(), added); err != nil {
		t.Fatal(err)
	}
	second, _ := openReplica(t, dsn, dir)
	if !finds(t, second, "ferry crossings", added.ID) {
		t.Fatal("the second replica lacks the added article")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go second.FollowStore(ctx)
	if err := first.opts.Store.(store.Store).DeleteArticle(context.Background(), store.ArticleKey{ID: added.ID}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the second replica to drop the deleted article", func() bool {
		return !finds(t, second, "ferry crossings", added.ID)
	})
}

func TestReplicasStartingTogetherEmbedOnce(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	type opened struct {
		n   int64
		err error
	}
	results := make(chan opened, 3)
	for range 3 {
		go func() {
			st, err := postgres.Open(context.Background(), dsn, store.Options{})
			if err != nil {
				results <- opened{err: err}
				return
			}
			defer st.Close()
			emb, n := textCounter()
			_, _, err = Open(context.Background(), Options{CorpusDir: dir, DataDir: t.TempDir(), Embedder: emb, Store: st}, nil)
			results <- opened{n: n.Load(), err: err}
		}()
	}
	var total int64
	for range 3 {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		total += r.n
	}
	docs, _, _ := corpus.LoadDir(dir)
	var chunks int64
	for _, d := range docs {
		chunks += int64(len(corpus.Chunks(d, corpus.DefaultChunkOptions)))
	}
	if total != chunks {
		t.Errorf("three replicas embedded %d chunks in all; want %d, each chunk once", total, chunks)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReplicaReusesAStoredFileByItsStamp: a replica's start does not read a
// corpus file again when the store's version was read from a file of the
// same id, size and modification time; a file whose stamp differs is read.
func TestReplicaReusesAStoredFileByItsStamp(t *testing.T) {
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	openReplica(t, dsn, dir)
	harbour := filepath.Join(dir, "harbour.md")
	council := filepath.Join(dir, "council.md")
	rewrite := func(path, from, to string, keepStamp bool) {
		t.Helper()
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(from) != len(to) {
			t.Fatalf("%q and %q differ in length", from, to)
		}
		if err := os.WriteFile(path, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		mtime := info.ModTime()
		if !keepStamp {
			mtime = mtime.Add(time.Second)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	// Same size, same modification time: taken as the stored version.
	rewrite(harbour, "Monday", "Friday", true)
	// Same size, another modification time: read again.
	rewrite(council, "Tuesday", "Tuesdax", false)

	second, embedded := openReplica(t, dsn, dir)
	texts := map[string]string{}
	for _, d := range second.Documents() {
		texts[d.ID] = d.Text
	}
	if got := texts["harbour.md"]; !strings.Contains(got, "Monday") {
		t.Errorf("harbour.md reads %q; want the stored version (with Monday), its file not read again", got)
	}
	if got := texts["council.md"]; !strings.Contains(got, "Tuesdax") {
		t.Errorf("council.md reads %q; want the file's new version (with Tuesdax)", got)
	}
	if n := embedded.Load(); n == 0 {
		t.Error("the second replica embedded nothing; want the changed council.md embedded")
	}
	for _, d := range second.Documents() {
		if d.ID == "harbour.md" && d.Path != harbour {
			t.Errorf("harbour.md's path is %q, want %q", d.Path, harbour)
		}
	}
}

// TestReplicaTakesStoredStems: a replica saves each chunk's content stems
// with the article, and a start counts the stored ones in its lexicon
// rather than tokenise the chunks again, unless another stemmer made them.
func TestReplicaTakesStoredStems(t *testing.T) {
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	first, _ := openReplica(t, dsn, dir)
	st := first.opts.Store.(store.Store)
	key := store.ArticleKey{ID: "harbour.md"}
	a, err := st.Article(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	if a.Stemmer != index.StemmerID {
		t.Errorf("stored stemmer %q, want %q", a.Stemmer, index.StemmerID)
	}
	for i, c := range a.Chunks {
		if got, want := c.Stems, lang.ContentStems(a.Text[c.Start:c.End]); !slices.Equal(got, want) {
			t.Errorf("chunk %d: stored stems %q, want %q", i, got, want)
		}
	}
	// A stem no text has, put in the store: a start that counts it read
	// the stored stems.
	for i := range a.Chunks {
		a.Chunks[i].Stems = append(a.Chunks[i].Stems, "storedstemmarker")
	}
	for _, tc := range []struct {
		stemmer string
		want    bool
	}{{index.StemmerID, true}, {"another-stemmer", false}} {
		a.Stemmer = tc.stemmer
		if err := st.SaveArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		second, embedded := openReplica(t, dsn, dir)
		if _, used := second.ix.Weight("storedstemmarker"); used != tc.want {
			t.Errorf("stemmer %q: the stored stem counted: %v, want %v", tc.stemmer, used, tc.want)
		}
		if n := embedded.Load(); n != 0 {
			t.Errorf("stemmer %q: the start embedded %d chunks, want 0", tc.stemmer, n)
		}
		if !finds(t, second, "Why did the harbour pilots strike?", "harbour.md") {
			t.Errorf("stemmer %q: the harbour article is not retrieved", tc.stemmer)
		}
	}
}

// TestReplicaEmbedsOnlyChunksMadeOtherwise: a stored article whose chunks
// differ from what this version's chunker makes costs a start the
// embedding of those chunks only, and is still retrieved.
func TestReplicaEmbedsOnlyChunksMadeOtherwise(t *testing.T) {
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	first, _ := openReplica(t, dsn, dir)
	st := first.opts.Store.(store.Store)
	a, err := st.Article(context.Background(), store.ArticleKey{ID: "harbour.md"})
	if err != nil {
		t.Fatal(err)
	}
	// Stored as if an older chunker had split it after its first sentence.
	cut := a.Sentences[0].End
	v := append([]float32(nil), a.Chunks[0].Vector...)
	a.Chunks = []store.Chunk{
		{Start: 0, End: cut, First: 0, Last: 1, Vector: v},
		{Start: a.Sentences[1].Start, End: len(a.Text), First: 1, Last: len(a.Sentences), Vector: v},
	}
	if err := st.SaveArticle(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	second, embedded := openReplica(t, dsn, dir)
	var want int64
	for _, d := range second.Documents() {
		if d.ID == "harbour.md" {
			want = int64(len(corpus.Chunks(d, corpus.DefaultChunkOptions)))
		}
	}
	if n := embedded.Load(); n != want || want == 0 {
		t.Errorf("the start embedded %d chunks; want %d, the harbour article's as chunked now, and none of the council's", n, want)
	}
	if !finds(t, second, "Why did the harbour pilots strike?", "harbour.md") {
		t.Error("the harbour article is not retrieved")
	}
}

// TestReplicasEmbedAServersArticleOnce checks that a server's own article,
// whose file reaches every replica's folder, is embedded by one replica
// only: the others take its vectors from the store, answer from it, and
// the store forgets it once its file is gone everywhere.
func TestReplicasEmbedAServersArticleOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := pgtest.Schema(t)
	dir := replicaCorpus(t)
	open := func() (*Engine, *atomic.Int64) {
		st, err := postgres.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		emb, n := textCounter()
		e, _, err := Open(ctx, Options{CorpusDir: dir, DataDir: t.TempDir(), SourcesDir: t.TempDir(), Embedder: emb, Store: st}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return e, n
	}
	first, embeddedFirst := open()
	second, embeddedSecond := open()
	before := embeddedFirst.Load()
	const q = "How much did the ferry's electric engine cost?"
	for _, e := range []*Engine{first, second} {
		writeSource(t, e, "111", "ferry.md", ferryArticle) // as the sources' mirror writes it in each
	}
	if _, err := first.SyncAll(ctx); err != nil {
		t.Fatal(err)
	}
	if embeddedFirst.Load() == before {
		t.Fatal("the first replica embedded nothing for the server's new article")
	}
	if _, err := second.SyncAll(ctx); err != nil {
		t.Fatal(err)
	}
	if n := embeddedSecond.Load(); n != 0 {
		t.Errorf("the second replica embedded %d chunks; want 0, the server's article's vectors from the store", n)
	}
	a, err := second.Ask(WithGuild(ctx, "111"), q)
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !slices.Contains(citedDocs(a), "sources/111/ferry.md") {
		t.Errorf("second replica, guild 111: got %q citing %v, want the ferry article", a.Text, citedDocs(a))
	}
	if a, _ := second.Ask(ctx, q); slices.Contains(citedDocs(a), "sources/111/ferry.md") {
		t.Error("the server's article answers outside its server")
	}
	for _, e := range []*Engine{first, second} {
		if err := os.Remove(filepath.Join(e.SourcesFolder("111"), "ferry.md")); err != nil {
			t.Fatal(err)
		}
		if _, err := e.SyncAll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := first.opts.Store.ArticleHash(ctx, store.ArticleKey{GuildID: "111", ID: "sources/111/ferry.md"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the removed article is still stored (err %v)", err)
	}
}
