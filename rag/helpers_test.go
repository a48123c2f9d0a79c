package rag

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/iobound"
)

// TestMain runs the tests many at once: most wait on fsync, PostgreSQL or
// a child process as much as on the CPU.
func TestMain(m *testing.M) { iobound.Main(m, nil) }

// testCorpus is a folder of three short fictional articles on unrelated
// topics: a tram line, a honey harvest and a chess tournament.
const testCorpus = "testdata/corpus"

// loadCorpus reads a corpus folder the way the engine does, so that tests can
// compare the engine's citations with the documents' text.
func loadCorpus(t *testing.T, dir string) map[string]*corpus.Document {
	t.Helper()
	docs, problems, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatalf("load corpus %s: %v", dir, err)
	}
	if len(problems) > 0 {
		t.Fatalf("load corpus %s: problems %v", dir, problems)
	}
	byID := make(map[string]*corpus.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	return byID
}

// bundledDocs returns the bundled story by document id.
func bundledDocs(t *testing.T) map[string]*corpus.Document {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatalf("bundled corpus: %v", err)
	}
	byID := make(map[string]*corpus.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	return byID
}

// chunkCount is how many chunks the index makes of docs.
func chunkCount(docs map[string]*corpus.Document) int {
	n := 0
	for _, d := range docs {
		n += len(corpus.Chunks(d, corpus.DefaultChunkOptions))
	}
	return n
}

// copyCorpus copies a corpus folder to a temporary folder that the test may
// change.
func copyCorpus(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// openEngine opens an engine and fails the test on error.
func openEngine(t *testing.T, opts Options) (*Engine, SyncStats) {
	t.Helper()
	e, st, err := Open(context.Background(), opts, nil)
	if err != nil {
		t.Fatalf("Open(%+v): %v", opts, err)
	}
	return e, st
}

// countingEmbedder wraps an embedder and counts the texts it embeds.
type countingEmbedder struct {
	*Embedder
	texts atomic.Int64
}

func newCountingEmbedder(base *Embedder) *countingEmbedder {
	c := &countingEmbedder{}
	c.Embedder = &Embedder{
		ID: base.ID,
		Embed: func(ctx context.Context, texts []string) ([][]float32, error) {
			c.texts.Add(int64(len(texts)))
			return base.Embed(ctx, texts)
		},
		Query: base.Query,
	}
	return c
}

// checkCitations verifies every citation of an answer against the engine and
// against the documents as re-read from the corpus: its quote must be the
// document's text at its offsets, and its metadata the document's.
func checkCitations(t *testing.T, e *Engine, docs map[string]*corpus.Document, a Answer) {
	t.Helper()
	for i, c := range a.Citations {
		if c.N != i+1 {
			t.Errorf("citation %d: got N %d, want %d", i, c.N, i+1)
		}
		if !e.InCorpus(c.Doc, c.Quote) {
			t.Errorf("citation [%d]: Engine.InCorpus(%q, %q) = false, want true", c.N, c.Doc, c.Quote)
		}
		d, ok := docs[c.Doc]
		if !ok {
			t.Errorf("citation [%d]: doc %q is not in the corpus", c.N, c.Doc)
			continue
		}
		if c.Start < 0 || c.End > len(d.Text) || c.Start >= c.End {
			t.Errorf("citation [%d]: offsets [%d, %d) outside the %d-byte text of %s", c.N, c.Start, c.End, len(d.Text), c.Doc)
			continue
		}
		if got := d.Text[c.Start:c.End]; got != c.Quote {
			t.Errorf("citation [%d]: text[%d:%d] of %s is %q, want the quote %q", c.N, c.Start, c.End, c.Doc, got, c.Quote)
		}
		if c.Title != d.Title {
			t.Errorf("citation [%d]: got title %q, want %q", c.N, c.Title, d.Title)
		}
		if c.Published != d.PublishedDate() {
			t.Errorf("citation [%d]: got published %q, want %q", c.N, c.Published, d.PublishedDate())
		}
		if c.URL != d.URL {
			t.Errorf("citation [%d]: got URL %q, want %q", c.N, c.URL, d.URL)
		}
	}
}

// sized is an embedder that keeps its name ("served/model") whatever the
// dimension of its vectors, as a server does when the model behind a name
// changes.
func sized(dim int) *Embedder {
	vec := func(s string) []float32 {
		v := make([]float32, dim)
		v[len(s)%dim] = 1
		return v
	}
	return &Embedder{
		ID: "served/model",
		Embed: func(_ context.Context, texts []string) ([][]float32, error) {
			out := make([][]float32, len(texts))
			for i, s := range texts {
				out[i] = vec(s)
			}
			return out, nil
		},
		Query: func(_ context.Context, q string, _ func(string) float64) ([]float32, error) { return vec(q), nil },
	}
}
