package rag

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

const embedModel = "test-embed"

// fakeEmbeddings is an OpenAI-compatible embeddings endpoint. It checks each
// request and answers with the local embedding of each input, listed in
// reverse order so that the client must map vectors by their index.
type fakeEmbeddings struct {
	t *testing.T
	// mangle, when set, edits the response before it is sent; status, when
	// set, is sent instead of a response.
	mangle func(data []map[string]any) []map[string]any
	status int

	mu      sync.Mutex
	batches [][]string
}

func (f *fakeEmbeddings) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := f.t
	if r.Method != http.MethodPost {
		t.Errorf("got method %s, want POST", r.Method)
	}
	if r.URL.Path != "/v1/embeddings" {
		t.Errorf("got path %s, want /v1/embeddings", r.URL.Path)
	}
	if got, want := r.Header.Get("Authorization"), "Bearer "+testKey; got != want {
		t.Errorf("got Authorization %q, want %q", got, want)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("read body: %v", err)
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		t.Errorf("body is not an embeddings request: %v: %s", err, body)
	}
	if req.Model != embedModel {
		t.Errorf("got model %q, want %q", req.Model, embedModel)
	}
	for _, in := range req.Input {
		if strings.Contains(in, "\n") {
			t.Errorf("input %q holds a newline", in)
		}
	}
	f.mu.Lock()
	f.batches = append(f.batches, req.Input)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if f.status != 0 {
		w.WriteHeader(f.status)
		io.WriteString(w, apiError(t))
		return
	}
	// Errorf, not Fatalf: this runs in the server's goroutine.
	fixture, err := os.ReadFile("testdata/openai/embeddings.json")
	if err != nil {
		t.Error(err)
		return
	}
	var resp map[string]any
	if err := json.Unmarshal(fixture, &resp); err != nil {
		t.Error(err)
		return
	}
	data := make([]map[string]any, 0, len(req.Input))
	for i := len(req.Input) - 1; i >= 0; i-- {
		data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": localVector(req.Input[i])})
	}
	if f.mangle != nil {
		data = f.mangle(data)
	}
	resp["data"] = data
	out, err := json.Marshal(resp)
	if err != nil {
		t.Error(err)
	}
	w.Write(out)
}

func (f *fakeEmbeddings) batchSizes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var sizes []int
	for _, b := range f.batches {
		sizes = append(sizes, len(b))
	}
	return sizes
}

func TestOpenAIEmbedderBatches(t *testing.T) {
	t.Parallel()
	fake := &fakeEmbeddings{t: t}
	e := NewOpenAIEmbedder(openAIClient(t, fake), embedModel)
	if got, want := e.ID, "openai/"+embedModel; got != want {
		t.Errorf("got ID %q, want %q", got, want)
	}
	texts := make([]string, 130)
	for i := range texts {
		texts[i] = fmt.Sprintf("Chunk number %d of the corpus\nwith a second line about topic %d.", i, i*7)
	}
	vecs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatalf("Embed: %v", err)
	}
	if got, want := fake.batchSizes(), []int{64, 64, 2}; !slices.Equal(got, want) {
		t.Errorf("got batches of %v, want %v", got, want)
	}
	if len(vecs) != len(texts) {
		t.Fatalf("got %d vectors, want %d", len(vecs), len(texts))
	}
	for i, text := range texts {
		want := localVector(strings.ReplaceAll(text, "\n", " "))
		if !slices.Equal(vecs[i], want) {
			t.Fatalf("vector %d is not the embedding of text %d", i, i)
		}
	}
	q, err := e.Query(context.Background(), "what about topic 14?", func(string) float64 { return 1 })
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	if want := localVector("what about topic 14?"); !slices.Equal(q, want) {
		t.Error("query vector is not the embedding of the question")
	}
}

func TestOpenAIEmbedderErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fake *fakeEmbeddings
		bug  string // known bug: skip instead of failing
	}{
		{"HTTP 500", &fakeEmbeddings{status: http.StatusInternalServerError}, ""},
		{"HTTP 401", &fakeEmbeddings{status: http.StatusUnauthorized}, ""},
		{"a vector missing", &fakeEmbeddings{mangle: func(d []map[string]any) []map[string]any { return d[1:] }}, ""},
		{"index out of range", &fakeEmbeddings{mangle: func(d []map[string]any) []map[string]any {
			d[0]["index"] = 99
			return d
		}}, ""},
		{"negative index", &fakeEmbeddings{mangle: func(d []map[string]any) []map[string]any {
			d[0]["index"] = -1
			return d
		}}, ""},
		{"empty vector", &fakeEmbeddings{mangle: func(d []map[string]any) []map[string]any {
			d[0]["embedding"] = []float32{}
			return d
		}}, ""},
		{"the same index twice", &fakeEmbeddings{mangle: func(d []map[string]any) []map[string]any {
			d[0]["index"] = d[1]["index"]
			return d
		}}, "embed_openai.go maps vectors by index without checking that every index is filled once: a repeated index leaves a nil vector and no error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fake.t = t
			e := NewOpenAIEmbedder(openAIClient(t, tt.fake), embedModel)
			vecs, err := e.Embed(context.Background(), []string{"one", "two", "three"})
			if err == nil {
				if tt.bug != "" {
					t.Fatalf("regression: %s (got vectors %v)", tt.bug, vecs)
				}
				t.Fatalf("Embed: got %d vectors, want an error", len(vecs))
			}
		})
	}
}

// TestOpenAIEmbedderIndex builds and reopens an index with the OpenAI
// embedder.
func TestOpenAIEmbedderIndex(t *testing.T) {
	t.Parallel()
	fake := &fakeEmbeddings{t: t}
	client := openAIClient(t, fake)
	data := t.TempDir()
	all := chunkCount(loadCorpus(t, testCorpus))
	opts := Options{CorpusDir: testCorpus, DataDir: data, Embedder: NewOpenAIEmbedder(client, embedModel)}
	e, st := openEngine(t, opts)
	checkStats(t, "first open", st, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all})
	if got, want := e.Embedder(), "openai/"+embedModel; got != want {
		t.Errorf("got embedder %q, want %q", got, want)
	}
	embedded := 0
	for _, n := range fake.batchSizes() {
		embedded += n
	}
	if embedded != all {
		t.Errorf("the API embedded %d texts, want %d", embedded, all)
	}
	requests := len(fake.batchSizes())
	askCites(t, e, "How much honey did the beekeepers collect?", "tessin-honey.md")
	if got := fake.batchSizes(); len(got) != requests+1 || got[len(got)-1] != 1 {
		t.Errorf("asking: got batches %v after %d, want one more request for the question", got, requests)
	}
	m := readManifest(t, filepath.Join(data, "index"))
	if m.Embedder != "openai/"+embedModel || m.Dim != LocalDim {
		t.Errorf("got manifest %+v, want the API's embedder and dimension", m)
	}

	e, st = openEngine(t, opts)
	checkStats(t, "reopen", st, SyncStats{Documents: 3, Chunks: all})
	askCites(t, e, "Who won the Northern Lights chess open?", "northern-lights-chess.md")
}

// TestOpenAIEmbedderDownFallsBack opens an engine while the embeddings API
// fails: the engine indexes with the local embedder and answers.
func TestOpenAIEmbedderDownFallsBack(t *testing.T) {
	t.Parallel()
	fake := &fakeEmbeddings{t: t, status: http.StatusInternalServerError}
	data := t.TempDir()
	all := chunkCount(loadCorpus(t, testCorpus))
	e, st, err := Open(context.Background(), Options{CorpusDir: testCorpus, DataDir: data, Embedder: NewOpenAIEmbedder(openAIClient(t, fake), embedModel)}, nil)
	if err != nil {
		t.Fatalf("Open: got %v, want the local embedder as fallback", err)
	}
	if len(fake.batchSizes()) == 0 {
		t.Error("the embeddings API was never called")
	}
	if got := e.Embedder(); !strings.HasPrefix(got, "local") {
		t.Errorf("got embedder %q, want the local one", got)
	}
	checkStats(t, "open", st, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all})
	a := askCites(t, e, "How much honey did the beekeepers collect?", "tessin-honey.md")
	checkCitations(t, e, loadCorpus(t, testCorpus), a)
}

// TestEmbedderDimensionChange checks that an embedder whose name stays but
// whose vectors change size (another model behind the same name) never
// leaves the index mixing vectors or failing to answer.
func TestEmbedderDimensionChange(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	dir := copyCorpus(t, testCorpus)
	all := chunkCount(loadCorpus(t, dir))
	openEngine(t, Options{CorpusDir: dir, DataDir: data, Embedder: sized(8)})

	t.Run("with a changed document", func(t *testing.T) {
		honey := filepath.Join(dir, "tessin-honey.md")
		b, err := os.ReadFile(honey)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(honey, append(b, "One more sentence about the harvest.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		all = chunkCount(loadCorpus(t, dir))
		e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data, Embedder: sized(16)})
		if st.Embedded != all || st.Chunks != all {
			t.Errorf("got stats %+v, want all %d chunks embedded again", st, all)
		}
		if got := readManifest(t, filepath.Join(data, "index")).Dim; got != 16 {
			t.Errorf("got manifest dimension %d, want 16", got)
		}
		if _, err := e.Ask(context.Background(), "How much honey did the beekeepers collect?"); err != nil {
			t.Errorf("Ask: %v", err)
		}
	})
	t.Run("with nothing changed", func(t *testing.T) {
		e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: data, Embedder: sized(32)})
		if _, err := e.Ask(context.Background(), "How much honey did the beekeepers collect?"); err != nil {
			t.Fatalf("regression: Ask fails when the embedder's vectors changed size but no document did: %v", err)
		}
	})
}

// localVector is the local embedder's vector of s, a vector the fake
// embeddings server can compute for any text.
func localVector(s string) []float32 {
	v, err := NewLocalEmbedder().Embed(context.Background(), []string{s})
	if err != nil {
		panic(err)
	}
	return v[0]
}
