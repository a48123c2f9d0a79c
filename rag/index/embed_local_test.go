package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
)

func norm(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func cosine(a, b []float32) float64 {
	return float64(dot(a, b)) / (norm(a) * norm(b))
}

func TestLocalEmbedderID(t *testing.T) {
	e := NewLocalEmbedder()
	if !strings.HasPrefix(e.ID, "local") {
		t.Errorf("got ID %q, want a name starting with local", e.ID)
	}
	if want := "/512"; !strings.HasSuffix(e.ID, want) {
		t.Errorf("got ID %q, want it to end with the dimension %q", e.ID, want)
	}
}

func TestLocalEmbedderVectors(t *testing.T) {
	texts := map[string]string{
		"sentence":         "Iran has acknowledged for the first time it handed over military drones to Russia.",
		"empty":            "",
		"whitespace":       " \n\t ",
		"punctuation only": "?!… — “”",
		"stopwords only":   "what is the of and",
		"single letter":    "x",
		"non-latin":        "Тегеран поставил дроны",
		"long":             strings.Repeat("the tram line opened on Friday ", 200),
	}
	e := NewLocalEmbedder()
	ctx := context.Background()
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			vecs, err := e.Embed(ctx, []string{text, text})
			if err != nil {
				t.Fatalf("Embed: %v", err)
			}
			if len(vecs) != 2 {
				t.Fatalf("got %d vectors, want 2", len(vecs))
			}
			v := vecs[0]
			if len(v) != LocalDim {
				t.Errorf("got dimension %d, want %d", len(v), LocalDim)
			}
			if n := norm(v); math.Abs(n-1) > 1e-5 {
				t.Errorf("got norm %v, want 1", n)
			}
			for i, x := range v {
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					t.Fatalf("component %d is %v", i, x)
				}
			}
			if !slices.Equal(v, vecs[1]) {
				t.Error("the same text embedded twice in one batch gave different vectors")
			}
			again, err := e.Embed(ctx, []string{text})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(v, again[0]) {
				t.Error("the same text embedded in two calls gave different vectors")
			}
			q, err := e.Query(ctx, text, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(v, q) {
				t.Error("Query without IDF differs from Embed of the same text")
			}
		})
	}
}

func TestLocalEmbedderEmptyBatch(t *testing.T) {
	vecs, err := NewLocalEmbedder().Embed(context.Background(), nil)
	if err != nil || len(vecs) != 0 {
		t.Errorf("Embed(nil): got %d vectors, error %v; want 0, nil", len(vecs), err)
	}
}

func TestLocalEmbedderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewLocalEmbedder().Embed(ctx, []string{"a", "b"}); err == nil {
		t.Error("Embed with a cancelled context: got no error, want one")
	}
}

func TestLocalEmbedderSimilarity(t *testing.T) {
	tests := []struct {
		name, query, near, far string
	}{
		{"shared stem", "drone shipments", "shipped drones", "the mayor opened a tram line"},
		{"inflection", "Iran denied the claims", "Iran denies claiming", "beekeepers collected honey"},
		{"misspelling", "Amirabdollahian remarks", "Amirabdolahian said", "a chess player sacrificed a rook"},
		{"word order", "power plants targeted", "targeted power plants", "the council budget grew"},
	}
	e := NewLocalEmbedder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vecs, err := e.Embed(context.Background(), []string{tt.query, tt.near, tt.far})
			if err != nil {
				t.Fatal(err)
			}
			near, far := cosine(vecs[0], vecs[1]), cosine(vecs[0], vecs[2])
			if near <= far {
				t.Errorf("cos(%q, %q) = %.3f, cos(%q, %q) = %.3f; want the first larger", tt.query, tt.near, near, tt.query, tt.far, far)
			}
		})
	}
}

// TestLocalEmbedderIDF checks that weighing the question by the corpus IDF
// moves the ranking towards the chunk with the rare word: without weights
// the chunk that repeats the common word wins.
func TestLocalEmbedderIDF(t *testing.T) {
	chunks := []string{
		"The council met. The council voted. The council adjourned the council session.",
		"A runaway okapi visited the harbour market on Sunday morning.",
		"The council budget was debated for hours.",
		"The council elected a new chair.",
	}
	const query = "council okapi"
	e := NewLocalEmbedder()
	ctx := context.Background()
	vecs, err := e.Embed(ctx, chunks)
	if err != nil {
		t.Fatal(err)
	}
	lx := buildLexicon(chunks)
	if lx.idf("okapi") <= lx.idf("council") {
		t.Fatalf("idf(okapi) = %v, idf(council) = %v; want the rare word weighed more", lx.idf("okapi"), lx.idf("council"))
	}
	best := func(idf func(string) float64) int {
		q, err := e.Query(ctx, query, idf)
		if err != nil {
			t.Fatal(err)
		}
		if n := norm(q); math.Abs(n-1) > 1e-5 {
			t.Errorf("query vector: got norm %v, want 1", n)
		}
		bi, bs := -1, -2.0
		for i, v := range vecs {
			if s := cosine(q, v); s > bs {
				bi, bs = i, s
			}
		}
		return bi
	}
	if got := best(nil); got != 0 {
		t.Errorf("without IDF: got chunk %d first, want chunk 0 (the common word repeated); the test no longer shows the effect of IDF", got)
	}
	if got := best(lx.idf); got != 1 {
		t.Errorf("with IDF: got chunk %d first, want chunk 1 (the rare word)", got)
	}
}
