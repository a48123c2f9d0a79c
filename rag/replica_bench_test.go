package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
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
// drawn from a vocabulary of a few thousand, stored with unit vectors of
// the local embedder's dimension (a start does not look at their values).
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
		a.Chunks = append(a.Chunks, store.Chunk{Start: c.Span.Start, End: c.Span.End, First: first, Last: first + len(c.Sentences), Vector: v})
	}
	a.Dim = index.LocalDim
	return a
}

// BenchmarkReplicaStart measures a replica's start on a database of about
// 100,000 chunks: open the store, build the index from the stored articles
// (nothing embedded) and the bundled story, ready to answer.
func BenchmarkReplicaStart(b *testing.B) {
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
	b.ResetTimer()
	for b.Loop() {
		emb, embedded := textCounter()
		rs, err := postgres.Open(ctx, dsn, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		e, _, err := Open(ctx, Options{DataDir: b.TempDir(), Embedder: emb, Store: rs}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Retrieve(ctx, "w12x1 w7x0", 6); err != nil {
			b.Fatal(err)
		}
		rs.Close()
		if n := embedded.Load(); n > 7*10 { // the bundled story is embedded by the first start only
			b.Fatalf("a start embedded %d chunks", n)
		}
	}
	b.ReportMetric(float64(total), "chunks")
}
