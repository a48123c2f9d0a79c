package index

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

// benchQuestions are asked in turn by the retrieval and answer benchmarks.
var benchQuestions = []string{
	"Did Iran admit sending missiles?",
	"When does Iran say the drone shipments were made?",
	"Who is Hossein Amirabdollahian?",
	"Which drone model does Ukraine say Russia is using?",
	"What is the capital of Australia?",
}

// benchIndex builds an in-memory index of the bundled story, repeated under
// new ids until it holds at least n chunks.
func benchIndex(b *testing.B, n int) *Index {
	b.Helper()
	story, err := corpus.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*corpus.Document
	for chunks := 0; chunks < n; {
		for _, d := range story {
			c := *d
			c.ID = fmt.Sprintf("r%05d/%s", len(docs), d.ID)
			docs = append(docs, &c)
			chunks += len(corpus.Chunks(&c, corpus.DefaultChunkOptions))
		}
	}
	ix := newEmptyIndex(b.TempDir(), NewLocalEmbedder(), slog.New(slog.DiscardHandler))
	if _, err := ix.Sync(context.Background(), docs, nil, nil); err != nil {
		b.Fatal(err)
	}
	return ix
}

func BenchmarkLocalEmbed(b *testing.B) {
	story, err := corpus.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	// A batch as ingest embeds it.
	var texts []string
	for len(texts) < 1024 {
		for _, c := range corpus.Chunks(story[0], corpus.DefaultChunkOptions) {
			texts = append(texts, c.Text)
		}
	}
	e := NewLocalEmbedder()
	b.SetBytes(int64(len(strings.Join(texts, ""))))
	for b.Loop() {
		if _, err := e.Embed(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "chunks/s")
}

func BenchmarkRetrieve(b *testing.B) {
	ix := benchIndex(b, 10_000)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := ix.Retrieve(ctx, benchQuestions[i%len(benchQuestions)], DefaultK); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
