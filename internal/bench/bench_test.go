package bench

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag"
)

func TestChooseSizes(t *testing.T) {
	tests := []struct {
		sizes []int
		max   int
		want  []int
	}{
		{nil, 0, DefaultSizes},
		{nil, 20_000, []int{1_000, 10_000, 20_000}},
		{[]int{500, 100, 500}, 1_000, []int{100, 500}},
		{[]int{5_000}, 300, []int{300}},
	}
	for _, tt := range tests {
		if got := chooseSizes(tt.sizes, tt.max); !slices.Equal(got, tt.want) {
			t.Errorf("chooseSizes(%v, %d) = %v, want %v", tt.sizes, tt.max, got, tt.want)
		}
	}
}

// TestStagesComeFromTheProduct checks that the ingest stages are the
// product's own timings, the rest of the total being "index and save".
func TestStagesComeFromTheProduct(t *testing.T) {
	tm := rag.Timings{Read: time.Second, Chunk: time.Second, Embed: 4 * time.Second, Store: 2 * time.Second}
	got := stages(tm, 10)
	want := []Stage{
		{Name: "read and clean", Seconds: 1, Share: 0.1}, {Name: "chunk", Seconds: 1, Share: 0.1},
		{Name: "embed", Seconds: 4, Share: 0.4}, {Name: "add to chromem-go", Seconds: 2, Share: 0.2},
		{Name: "index and save", Seconds: 2, Share: 0.2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// sampleDir writes the bundled story (or the folder that BENCH_CORPUS
// names, such as /usr/share/doc), repeated to about n chunks, as a corpus
// folder.
func sampleDir(b *testing.B, n int) string {
	b.Helper()
	src, err := loadSource(os.Getenv("BENCH_CORPUS"))
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := src.materialize(dir, n); err != nil {
		b.Fatal(err)
	}
	return dir
}

// The stages of ingest, each through the product's public API.

func BenchmarkReadAndClean(b *testing.B) {
	dir := sampleDir(b, 2_000)
	for b.Loop() {
		if _, _, err := corpus.LoadDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkChunk(b *testing.B) {
	docs, _, err := corpus.LoadDir(sampleDir(b, 2_000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, d := range docs {
			corpus.Chunks(d, corpus.DefaultChunkOptions)
		}
	}
}

func BenchmarkEmbed(b *testing.B) {
	docs, _, err := corpus.LoadDir(sampleDir(b, 2_000))
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, d := range docs {
		for _, c := range corpus.Chunks(d, corpus.DefaultChunkOptions) {
			texts = append(texts, c.Text)
		}
	}
	e := rag.NewLocalEmbedder()
	for b.Loop() {
		if _, err := e.Embed(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "chunks/s")
}

// BenchmarkIngest is the whole of ingest: Open on an empty data folder.
func BenchmarkIngest(b *testing.B) {
	dir := sampleDir(b, 2_000)
	for b.Loop() {
		if _, _, err := rag.Open(context.Background(), rag.Options{CorpusDir: dir, DataDir: b.TempDir()}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRestart is Open on a persisted index of an unchanged corpus.
func BenchmarkRestart(b *testing.B) {
	dir, data := sampleDir(b, 2_000), b.TempDir()
	if _, _, err := rag.Open(context.Background(), rag.Options{CorpusDir: dir, DataDir: data}, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := rag.Open(context.Background(), rag.Options{CorpusDir: dir, DataDir: data}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEngine(b *testing.B, n int) (*rag.Engine, []string) {
	b.Helper()
	dir := sampleDir(b, n)
	e, _, err := rag.Open(context.Background(), rag.Options{CorpusDir: dir, DataDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return e, titleQuestions(e.Documents())
}

func BenchmarkRetrieve(b *testing.B) {
	e, qs := benchEngine(b, 10_000)
	i := 0
	for b.Loop() {
		if _, err := e.Retrieve(context.Background(), qs[i%len(qs)], answerK); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkAsk(b *testing.B) {
	e, qs := benchEngine(b, 1_000)
	i := 0
	for b.Loop() {
		if _, err := e.Ask(context.Background(), qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
