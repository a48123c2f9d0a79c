package rag

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestRetrieveParaphrase(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	tests := []struct {
		question string
		wantDoc  string
	}{
		{"How much honey did the beekeepers gather?", "tessin-honey.md"},
		{"Who won the chess tournament?", "northern-lights-chess.md"},
		{"How often do the trams run?", "port-alder-tram.md"},
		{"What did the frost do to the flowers?", "tessin-honey.md"},
		{"How many players took part in the tournament?", "northern-lights-chess.md"},
		{"Were local shop owners unhappy about the construction work?", "port-alder-tram.md"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			hits, err := e.Retrieve(context.Background(), tt.question, 3)
			if err != nil {
				t.Fatalf("Retrieve: %v", err)
			}
			if len(hits) == 0 {
				t.Fatal("got no hits, want 3")
			}
			if got := hits[0].Doc; got != tt.wantDoc {
				t.Errorf("got first hit from %s, want %s", got, tt.wantDoc)
			}
			for i, h := range hits {
				if h.Score < 0 || h.Score > 1 {
					t.Errorf("hit %d: got score %v, want in [0, 1]", i, h.Score)
				}
				if i > 0 && h.Score > hits[i-1].Score {
					t.Errorf("hits not best first: hit %d score %v > hit %d score %v", i, h.Score, i-1, hits[i-1].Score)
				}
			}
		})
	}
}

func TestRetrieveK(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		corpusDir string
		k         int
		wantHits  int
	}{
		{"one-chunk corpus, k above the count", "testdata/onechunk", 10, 1},
		{"one-chunk corpus, k of one", "testdata/onechunk", 1, 1},
		{"k far above the chunk count", testCorpus, 50, 4},
		{"k of zero", testCorpus, 0, 0},
		{"negative k", testCorpus, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, st := openEngine(t, Options{CorpusDir: tt.corpusDir, DataDir: t.TempDir()})
			if tt.wantHits > st.Chunks {
				t.Fatalf("corpus has %d chunks; the test wants %d hits", st.Chunks, tt.wantHits)
			}
			hits, err := e.Retrieve(context.Background(), "Who repainted the lighthouse and how many players came?", tt.k)
			if err != nil {
				t.Fatalf("Retrieve(k=%d): %v", tt.k, err)
			}
			if len(hits) != tt.wantHits {
				t.Errorf("Retrieve(k=%d): got %d hits, want %d", tt.k, len(hits), tt.wantHits)
			}
			seen := make(map[string]bool)
			for _, h := range hits {
				key := fmt.Sprint(h.Doc, h.Span)
				if seen[key] {
					t.Errorf("passage %s returned twice", key)
				}
				seen[key] = true
				if h.Text != h.Document.Text[h.Span.Start:h.Span.End] || len(h.Sentences) == 0 {
					t.Errorf("passage %s: its text or sentences are not its document's", key)
				}
			}
		})
	}
}

// TestAskOneChunkCorpus asks through the engine, which retrieves more chunks
// than a one-chunk corpus holds.
func TestAskOneChunkCorpus(t *testing.T) {
	t.Parallel()
	dir := "testdata/onechunk"
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})
	if st.Chunks != 1 {
		t.Fatalf("got %d chunks, want a one-chunk corpus", st.Chunks)
	}
	a, err := e.Ask(context.Background(), "Who repainted the Skerry Point lighthouse?")
	if err != nil {
		t.Fatalf("Ask: %v", err)
	}
	if a.Abstained || len(a.Citations) == 0 {
		t.Fatalf("got abstained %v with %d citations, want an answer", a.Abstained, len(a.Citations))
	}
	checkCitations(t, e, loadCorpus(t, dir), a)
}

// TestRetrieveQueryEmbedderDown checks that retrieval goes on with the
// lexical signal when the question cannot be embedded.
func TestRetrieveQueryEmbedderDown(t *testing.T) {
	t.Parallel()
	local := NewLocalEmbedder()
	down := &Embedder{
		ID:    local.ID,
		Embed: local.Embed,
		Query: func(context.Context, string, func(string) float64) ([]float32, error) {
			return nil, errors.New("embedding service unavailable")
		},
	}
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir(), Embedder: down})
	hits, err := e.Retrieve(context.Background(), "How much honey did the beekeepers gather?", 3)
	if err != nil {
		t.Fatalf("Retrieve: %v", err)
	}
	if len(hits) == 0 {
		t.Fatal("got no hits, want lexical hits")
	}
	if got, want := hits[0].Doc, "tessin-honey.md"; got != want {
		t.Errorf("got first hit from %s, want %s", got, want)
	}
	for _, h := range hits {
		if h.Cosine != 0 {
			t.Errorf("got cosine %v without a query vector, want 0", h.Cosine)
		}
	}
	a, err := e.Ask(context.Background(), "How much honey did the beekeepers gather?")
	if err != nil || a.Abstained {
		t.Errorf("Ask: got abstained %v, error %v; want an answer", a.Abstained, err)
	}
}

// TestRetrieveVectorSignal checks that the vector search alone can bring a
// chunk first: the question shares no word with the corpus, and the
// embedder maps it onto one chunk's vector.
func TestRetrieveVectorSignal(t *testing.T) {
	t.Parallel()
	local := NewLocalEmbedder()
	docs := loadCorpus(t, testCorpus)
	target := docs["tessin-honey.md"]
	targetText := target.Text[target.Sentences[0].Start:]
	oracle := &Embedder{
		ID:    local.ID,
		Embed: local.Embed,
		Query: func(ctx context.Context, _ string, _ func(string) float64) ([]float32, error) {
			vs, err := local.Embed(ctx, []string{targetText})
			if err != nil {
				return nil, err
			}
			return vs[0], nil
		},
	}
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir(), Embedder: oracle})
	hits, err := e.Retrieve(context.Background(), "zyxxy qwortle?", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 {
		t.Fatal("got no hits, want the vector search's")
	}
	if got := hits[0].Doc; got != target.ID {
		t.Errorf("got first hit from %s, want %s", got, target.ID)
	}
	if hits[0].BM25 != 0 || hits[0].Cosine < 0.9 {
		t.Errorf("got first hit BM25 %v cosine %v, want 0 and about 1", hits[0].BM25, hits[0].Cosine)
	}
}
