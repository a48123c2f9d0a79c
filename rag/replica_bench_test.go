package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/index"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/postgres"
	"github.com/newsbot/storybot/store/postgres/pgtest"
)

// replicaBenchChunks is the size of the database BenchmarkReplicaStart
// starts on; STORYBOT_BENCH_REPLICA_CHUNKS overrides it.
func replicaBenchChunks() int {
	if n, err := strconv.Atoi(os.Getenv("STORYBOT_BENCH_REPLICA_CHUNKS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// syntheticArticle is a made-up article of about chunks chunks, its words
// drawn from a vocabulary of a few thousand, stored as a replica stores
// one: with unit vectors of the local embedder's dimension (a start does
// not look at their values) and each chunk's stems.
func syntheticArticle(rng *rand.Rand, n, chunks int, embedderID string) store.Article {
	var b strings.Builder
	for s := 0; s < chunks*6; s++ {
		words := 6 + rng.IntN(8)
		for w := 0; w < words; w++ {
			if w > 0 {
				b.WriteByte(' ')
			}
			if w == 0 {
				b.WriteByte('W') // sentences start with a capital
			} else {
				b.WriteByte('w')
			}
			fmt.Fprintf(&b, "%dx%d", rng.IntN(4000), rng.IntN(3))
		}
		b.WriteString(". ")
	}
	d := corpus.NewDocument(fmt.Sprintf("synthetic/%05d.md", n), fmt.Sprintf("Article %d", n), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), "", "", strings.TrimSpace(b.String()))
	a := articleOf(d, "", embedderID)
	for _, c := range corpus.Chunks(d, corpus.DefaultChunkOptions) {
		v := make([]float32, index.LocalDim)
		for i := range v {
			v[i] = rng.Float32() - 0.5
		}
		index.Normalize(v)
		first := d.SentenceAt(c.Span.Start)
		a.Chunks = append(a.Chunks, store.Chunk{Start: c.Span.Start, End: c.Span.End, First: first, Last: first + len(c.Sentences), Vector: v,
			Stems: lang.ContentStems(c.Text)})
	}
	a.Dim, a.Stemmer = index.LocalDim, index.StemmerID
	return a
}

// BenchmarkReplicaStart measures a replica's start on a database of about
// 100,000 chunks: open the store, build the index from the stored articles
// (nothing embedded), ready to answer. synthetic: made-up articles, the
// replica's own corpus the bundled story; docs: the machine's package
// documentation (docsCorpus), the replica's corpus the same files, as
// `bot bench` measures it.
func BenchmarkReplicaStart(b *testing.B) {
	b.Run("synthetic", benchReplicaSynthetic)
	b.Run("docs", benchReplicaDocs)
}

func benchReplicaSynthetic(b *testing.B) {
	dsn := pgtest.Schema(b)
	ctx := context.Background()
	st, err := postgres.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	want := replicaBenchChunks()
	rng := rand.New(rand.NewPCG(1, 2))
	local := NewLocalEmbedder()
	total := 0
	for n := 0; total < want; n++ {
		a := syntheticArticle(rng, n, min(100, want-total), local.ID)
		if err := st.SaveArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
		total += len(a.Chunks)
	}
	// The bundled story is embedded by the first start only.
	benchReplicaStarts(b, dsn, "", "w12x1 w7x0", 7*10)
	b.ReportMetric(float64(total), "chunks")
}

// docsDir is the machine's package documentation: real text of many
// kinds (Markdown, HTML, plain text), as `bot bench --corpus` uses it.
const docsDir = "/usr/share/doc"

func benchReplicaDocs(b *testing.B) {
	dir, chunks := docsCorpus(b, replicaBenchChunks())
	dsn := pgtest.Schema(b)
	ctx := context.Background()
	first, err := postgres.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	// The first replica reads, embeds and saves the corpus.
	_, populated, err := Open(ctx, Options{CorpusDir: dir, DataDir: b.TempDir(), Store: first}, nil)
	first.Close()
	if err != nil {
		b.Fatal(err)
	}
	if populated.Chunks < chunks {
		b.Fatalf("populated %d chunks, want %d", populated.Chunks, chunks)
	}
	benchReplicaStarts(b, dsn, dir, "license copyright", 0)
	b.ReportMetric(float64(populated.Chunks), "chunks")
}

// docsCorpus copies files of docsDir into a folder of the benchmark's own
// until they yield at least want chunks, and returns it with their chunk
// count; it skips b without docsDir. As `bot bench` does, the files are
// copied again, each time into a folder of its own (r001/…), when they
// yield fewer.
func docsCorpus(b *testing.B, want int) (string, int) {
	b.Helper()
	docs, _, err := corpus.LoadDir(docsDir)
	if err != nil || len(docs) == 0 {
		b.Skipf("no documents under %s (%v)", docsDir, err)
	}
	dir := b.TempDir()
	total := 0
	for rep := 0; total < want; rep++ {
		copied := 0
		for _, d := range docs {
			if total >= want {
				break
			}
			n := len(corpus.Chunks(d, corpus.DefaultChunkOptions))
			data, err := os.ReadFile(d.Path)
			if err != nil || n == 0 {
				continue
			}
			to := filepath.Join(dir, filepath.FromSlash(d.ID))
			if rep > 0 {
				to = filepath.Join(dir, fmt.Sprintf("r%03d", rep), filepath.FromSlash(d.ID))
			}
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(to, data, 0o644); err != nil {
				b.Fatal(err)
			}
			total += n
			copied++
		}
		if copied == 0 {
			b.Skipf("no readable documents with chunks under %s", docsDir)
		}
	}
	return dir, total
}

// benchReplicaStarts times starts of a replica on dsn with corpusDir,
// each answering q once; a start may embed at most embedded chunks. It
// reports the process's CPU time per start too (the database server's not
// included).
func benchReplicaStarts(b *testing.B, dsn, corpusDir, q string, embedded int64) {
	ctx := context.Background()
	// Starts are timed on a settled database, as `bot bench` times them:
	// what populating it wrote is checkpointed and on disk first.
	if conn, err := pgx.Connect(ctx, dsn); err == nil {
		conn.Exec(ctx, "checkpoint") //nolint:errcheck // needs a superuser; the sync below still helps
		conn.Close(ctx)
	}
	syncDisks()
	b.ResetTimer()
	cpu := processCPU()
	defer func() {
		b.ReportMetric(float64((processCPU()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	}()
	for b.Loop() {
		emb, n := textCounter()
		rs, err := postgres.Open(ctx, dsn, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		e, _, err := Open(ctx, Options{CorpusDir: corpusDir, DataDir: b.TempDir(), Embedder: emb, Store: rs}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Retrieve(ctx, q, 6); err != nil {
			b.Fatal(err)
		}
		rs.Close()
		if got := n.Load(); got > embedded {
			b.Fatalf("a start embedded %d chunks, want at most %d", got, embedded)
		}
	}
}
