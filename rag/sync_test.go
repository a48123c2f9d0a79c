package rag

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// askCites asks q and fails unless some citation comes from doc.
func askCites(t *testing.T, e *Engine, q, doc string) Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), q)
	if err != nil {
		t.Fatalf("Ask(%q): %v", q, err)
	}
	for _, c := range a.Citations {
		if c.Doc == doc {
			if !e.InCorpus(c.Doc, c.Quote) {
				t.Errorf("Ask(%q): citation %q is not in %s", q, c.Quote, c.Doc)
			}
			return a
		}
	}
	t.Fatalf("Ask(%q): got abstained %v, citations %+v; want a citation of %s", q, a.Abstained, a.Citations, doc)
	return a
}

func checkStats(t *testing.T, step string, got, want SyncStats) {
	t.Helper()
	got.Problems, want.Problems = nil, nil
	got.Timings, want.Timings = Timings{}, Timings{} // how long, not what
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: got stats %+v, want %+v", step, got, want)
	}
}

// TestSyncIncremental walks a corpus folder through the changes a user makes
// and checks that each sync embeds only what changed. The steps build on
// each other.
func TestSyncIncremental(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	emb := newCountingEmbedder(NewLocalEmbedder())
	opts := Options{CorpusDir: dir, DataDir: data, Embedder: emb.Embedder}
	docs := loadCorpus(t, dir)
	all := chunkCount(docs)
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	open := func() (*Engine, SyncStats) {
		t.Helper()
		emb.texts.Store(0)
		e, st := openEngine(t, opts)
		if got := emb.texts.Load(); got != int64(st.Embedded) {
			t.Errorf("embedder saw %d texts, stats say %d embedded", got, st.Embedded)
		}
		return e, st
	}

	e, st := open()
	checkStats(t, "first open", st, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all})

	e, st = open()
	checkStats(t, "reopen unchanged", st, SyncStats{Documents: 3, Chunks: all})

	st, err := e.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkStats(t, "sync unchanged", st, SyncStats{Documents: 3, Chunks: all})

	// Edit one document: only its chunks are embedded again.
	honey, err := os.ReadFile(filepath.Join(dir, "tessin-honey.md"))
	if err != nil {
		t.Fatal(err)
	}
	write("tessin-honey.md", string(honey)+"A new sentence says the cooperative hired eleven seasonal beekeepers from Bellinzona.\n")
	edited := loadCorpus(t, dir)
	honeyChunks := len(corpus.Chunks(edited["tessin-honey.md"], corpus.DefaultChunkOptions))
	all = chunkCount(edited)
	e, st = open()
	checkStats(t, "edit one", st, SyncStats{Documents: 3, Chunks: all, Updated: 1, Embedded: honeyChunks})
	askCites(t, e, "How many seasonal beekeepers did the cooperative hire?", "tessin-honey.md")

	// Delete one document: nothing is embedded, its chunks are gone.
	chessChunks := len(corpus.Chunks(edited["northern-lights-chess.md"], corpus.DefaultChunkOptions))
	if err := os.Remove(filepath.Join(dir, "northern-lights-chess.md")); err != nil {
		t.Fatal(err)
	}
	all -= chessChunks
	e, st = open()
	checkStats(t, "delete one", st, SyncStats{Documents: 2, Chunks: all, Removed: 1})
	checkIndex(t, e, all)
	a, err := e.Ask(context.Background(), "Who won the Northern Lights chess open?")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range a.Citations {
		if c.Doc == "northern-lights-chess.md" {
			t.Errorf("after delete: got a citation of the deleted document: %+v", c)
		}
	}
	for _, d := range e.Documents() {
		if d.ID == "northern-lights-chess.md" {
			t.Error("after delete: the deleted document is still listed")
		}
	}

	// Add one document.
	lighthouse, err := os.ReadFile("testdata/onechunk/lighthouse.md")
	if err != nil {
		t.Fatal(err)
	}
	write("lighthouse.md", string(lighthouse))
	all++
	e, st = open()
	checkStats(t, "add one", st, SyncStats{Documents: 3, Chunks: all, Added: 1, Embedded: 1})
	askCites(t, e, "Who repainted the Skerry Point lighthouse?", "lighthouse.md")
	checkIndex(t, e, all)
}

// TestSyncUnreadableFileKept breaks a file that was indexed: the sync reports
// it and keeps the indexed version, which still answers, also after a
// restart.
func TestSyncUnreadableFileKept(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	docs := loadCorpus(t, dir)
	all := chunkCount(docs)
	openEngine(t, Options{CorpusDir: dir, DataDir: data})

	const broken = "port-alder-tram.md"
	const question = "How many passengers a day does the council expect?"
	if err := os.WriteFile(filepath.Join(dir, broken), []byte("---\ntitle: Trams\n---\nThe council expects \xff\xfe passengers.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"first sync after the break", "restart"} {
		e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
		checkStats(t, step, st, SyncStats{Documents: 3, Chunks: all, Kept: 1})
		if len(st.Problems) != 1 {
			t.Fatalf("%s: got problems %v, want one", step, st.Problems)
		}
		var fe *corpus.FileError
		if !errors.As(st.Problems[0], &fe) {
			t.Fatalf("%s: got problem %T %v, want a *corpus.FileError", step, st.Problems[0], st.Problems[0])
		}
		if fe.ID != broken || !errors.Is(fe, corpus.ErrInvalid) || !strings.Contains(fe.Error(), "UTF-8") {
			t.Errorf("%s: got problem id %q: %v; want %s, invalid, naming UTF-8", step, fe.ID, fe, broken)
		}
		a := askCites(t, e, question, broken)
		checkCitations(t, e, docs, a)
	}

	// Mending the file with its old content changes nothing.
	orig, err := os.ReadFile(filepath.Join(testCorpus, broken))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, broken), orig, 0o644); err != nil {
		t.Fatal(err)
	}
	_, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	checkStats(t, "mended", st, SyncStats{Documents: 3, Chunks: all})
	if len(st.Problems) != 0 {
		t.Errorf("mended: got problems %v, want none", st.Problems)
	}
}

// TestSyncUnreadableNewFile checks that a broken file never indexed is
// reported and is not counted as kept.
func TestSyncUnreadableNewFile(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	if err := os.WriteFile(filepath.Join(dir, "binary.txt"), []byte("abc\x00def"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, st := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})
	all := chunkCount(loadCorpusSkipping(t, dir))
	checkStats(t, "open", st, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all})
	if len(st.Problems) != 1 {
		t.Errorf("got problems %v, want one for binary.txt", st.Problems)
	}
}

func loadCorpusSkipping(t *testing.T, dir string) map[string]*corpus.Document {
	t.Helper()
	docs, _, err := corpus.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]*corpus.Document)
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

// TestIndexSurvivesRestart checks that a new engine on the same data folder
// embeds nothing and answers exactly as the first one did.
func TestIndexSurvivesRestart(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	questions := []string{
		"How much honey did the beekeepers collect?",
		"Who won the Northern Lights chess open?",
		"What is the top speed of the Blue Heron trams?",
	}
	first, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
	emb := newCountingEmbedder(NewLocalEmbedder())
	second, st := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data, Embedder: emb.Embedder})
	if st.Embedded != 0 || emb.texts.Load() != 0 {
		t.Errorf("restart: got %d embedded (%d texts seen), want 0", st.Embedded, emb.texts.Load())
	}
	if !reflect.DeepEqual(first.Documents(), second.Documents()) {
		t.Error("restart: documents differ from those indexed")
	}
	for _, q := range questions {
		a1, err1 := first.Ask(context.Background(), q)
		a2, err2 := second.Ask(context.Background(), q)
		if err1 != nil || err2 != nil {
			t.Fatalf("Ask(%q): errors %v, %v", q, err1, err2)
		}
		if !reflect.DeepEqual(a1, a2) {
			t.Errorf("Ask(%q) after restart:\ngot  %+v\nwant %+v", q, a2, a1)
		}
	}
	for _, f := range []string{"manifest.json", "tables.gob", "vectors.f32"} {
		if _, err := os.Stat(filepath.Join(data, "index", f)); err != nil {
			t.Errorf("index file: %v", err)
		}
	}
}

// TestIndexInterruptedSave recovers the previous index when a save stopped
// between its two renames.
func TestIndexInterruptedSave(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
	if err := os.Rename(filepath.Join(data, "index"), filepath.Join(data, "index.old")); err != nil {
		t.Fatal(err)
	}
	_, st := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
	if st.Embedded != 0 {
		t.Errorf("got %d embedded, want 0: the previous index was not recovered", st.Embedded)
	}
}

func TestIndexCorrupt(t *testing.T) {
	t.Parallel()
	all := chunkCount(loadCorpus(t, testCorpus))
	tests := []struct {
		name    string
		corrupt func(t *testing.T, dir string)
	}{
		{"truncated vectors", func(t *testing.T, dir string) { truncate(t, filepath.Join(dir, "vectors.f32")) }},
		{"truncated tables", func(t *testing.T, dir string) { truncate(t, filepath.Join(dir, "tables.gob")) }},
		{"garbage manifest", func(t *testing.T, dir string) { overwrite(t, filepath.Join(dir, "manifest.json"), "\x00{garbage") }},
		{"empty manifest", func(t *testing.T, dir string) { overwrite(t, filepath.Join(dir, "manifest.json"), "") }},
		{"vectors missing", func(t *testing.T, dir string) { remove(t, filepath.Join(dir, "vectors.f32")) }},
		{"tables missing", func(t *testing.T, dir string) { remove(t, filepath.Join(dir, "tables.gob")) }},
		{"garbage vectors", func(t *testing.T, dir string) { overwrite(t, filepath.Join(dir, "vectors.f32"), "not a gob") }},
		{"tables from another corpus", func(t *testing.T, dir string) {
			other := t.TempDir()
			openEngine(t, Options{CorpusDir: "testdata/onechunk", DataDir: other})
			data, err := os.ReadFile(filepath.Join(other, "index", "tables.gob"))
			if err != nil {
				t.Fatal(err)
			}
			overwrite(t, filepath.Join(dir, "tables.gob"), string(data))
		}},
		{"manifest of an older format", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m *manifest) { m.Format-- })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := t.TempDir()
			openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
			tt.corrupt(t, filepath.Join(data, "index"))
			e, st := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
			checkStats(t, "open after corruption", st, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all})
			askCites(t, e, "How much honey did the beekeepers collect?", "tessin-honey.md")
			// The rebuilt index was saved whole.
			_, st = openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
			checkStats(t, "reopen after rebuild", st, SyncStats{Documents: 3, Chunks: all})
		})
	}
}

func truncate(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func overwrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func readManifest(t *testing.T, dir string) manifest {
	t.Helper()
	var m manifest
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func editManifest(t *testing.T, dir string, edit func(*manifest)) {
	t.Helper()
	m := readManifest(t, dir)
	edit(&m)
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	overwrite(t, filepath.Join(dir, "manifest.json"), string(data))
}

// fixedEmbedder returns 8-dimensional unit vectors that depend only on a
// text's length: another embedder whose vectors must never be mixed with the
// local embedder's.
func fixedEmbedder() *Embedder {
	vec := func(s string) []float32 {
		v := make([]float32, 8)
		v[len(s)%8] = 1
		return v
	}
	return &Embedder{
		ID: "other/8",
		Embed: func(_ context.Context, texts []string) ([][]float32, error) {
			out := make([][]float32, len(texts))
			for i, s := range texts {
				out[i] = vec(s)
			}
			return out, nil
		},
		Query: func(_ context.Context, q string, _ func(string) float64) ([]float32, error) {
			return vec(q), nil
		},
	}
}

// TestIndexEmbedderChange checks that an index built by one embedder is
// rebuilt whole by another, and back.
func TestIndexEmbedderChange(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	all := chunkCount(loadCorpus(t, testCorpus))
	steps := []struct {
		name     string
		embedder *Embedder
		wantDim  int
		want     SyncStats
	}{
		{"local", NewLocalEmbedder(), LocalDim, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all}},
		{"other", fixedEmbedder(), 8, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all}},
		{"other again", fixedEmbedder(), 8, SyncStats{Documents: 3, Chunks: all}},
		{"local again", NewLocalEmbedder(), LocalDim, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all}},
	}
	for _, s := range steps {
		e, st := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data, Embedder: s.embedder})
		checkStats(t, s.name, st, s.want)
		if got := e.Embedder(); got != s.embedder.ID {
			t.Errorf("%s: got embedder %q, want %q", s.name, got, s.embedder.ID)
		}
		m := readManifest(t, filepath.Join(data, "index"))
		if m.Embedder != s.embedder.ID || m.Dim != s.wantDim || m.Chunks != all || m.Documents != 3 {
			t.Errorf("%s: got manifest %+v, want embedder %q, dim %d, %d chunks, 3 documents", s.name, m, s.embedder.ID, s.wantDim, all)
		}
		checkIndex(t, e, all)
		if got := e.ix.Dim(); got != s.wantDim {
			t.Errorf("%s: got %d-dimensional vectors, want %d", s.name, got, s.wantDim)
		}
		if _, err := e.Ask(context.Background(), "How much honey did the beekeepers collect?"); err != nil {
			t.Errorf("%s: Ask: %v", s.name, err)
		}
	}
}

// TestSyncCancelledThenRecovers cancels a sync that has a changed document
// to embed: the engine still answers from the corpus text, and the next
// sync completes the change.
func TestSyncCancelledThenRecovers(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})
	honey := filepath.Join(dir, "tessin-honey.md")
	b, err := os.ReadFile(honey)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(honey, append(b, "The cooperative hired eleven seasonal beekeepers from Bellinzona.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Sync(ctx, nil); err == nil {
		t.Fatal("Sync with a cancelled context: got no error, want one")
	}
	a, err := e.Ask(context.Background(), "How much honey did the beekeepers collect?")
	if err != nil {
		t.Fatalf("Ask after a cancelled sync: %v", err)
	}
	for _, c := range a.Citations {
		if !e.InCorpus(c.Doc, c.Quote) {
			t.Errorf("after a cancelled sync: citation %q is not in %s", c.Quote, c.Doc)
		}
	}
	st, err := e.Sync(context.Background(), nil)
	if err != nil {
		t.Fatalf("Sync: %v", err)
	}
	all := chunkCount(loadCorpus(t, dir))
	if st.Updated != 1 || st.Chunks != all {
		t.Errorf("sync after the cancelled one: got %+v, want 1 updated and %d chunks", st, all)
	}
	checkIndex(t, e, all)
	askCites(t, e, "How many seasonal beekeepers did the cooperative hire?", "tessin-honey.md")
}

// TestChunkIDs checks that chunk ids map back to their slots, also for a
// file whose name holds the '#' that separates the chunk number.
func TestChunkIDs(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	if err := os.Rename(filepath.Join(dir, "tessin-honey.md"), filepath.Join(dir, "issue#5 honey.md")); err != nil {
		t.Fatal(err)
	}
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})
	checkIndex(t, e, chunkCount(loadCorpus(t, dir)))
	askCites(t, e, "How much honey did the beekeepers collect?", "issue#5 honey.md")
}

// TestDimensionRebuildKeepsUnreadable changes the embedder's vector size
// while one file is unreadable: the rebuild must not drop the indexed
// version of that file silently.
func TestDimensionRebuildKeepsUnreadable(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data, Embedder: sized(8)})
	if err := os.WriteFile(filepath.Join(dir, "port-alder-tram.md"), []byte("broken \xff\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	honey := filepath.Join(dir, "tessin-honey.md")
	b, err := os.ReadFile(honey)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(honey, append(b, "One more sentence about the harvest.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data, Embedder: sized(16)})
	kept := false
	for _, d := range e.Documents() {
		if d.ID == "port-alder-tram.md" {
			kept = true
		}
	}
	if !kept || st.Kept != 1 {
		t.Fatalf("regression: after a rebuild for a new vector size, the unreadable port-alder-tram.md is kept %v (stats %+v): index.go Sync restarts with unreadable=nil and an empty index, so the kept document vanishes without being reported", kept, st)
	}
}

// TestRestartReadsOnlyChangedFiles checks that a file whose size and
// modification time are unchanged since the index was saved is not read
// again, and that a touched file is read but, its content unchanged, not
// re-embedded.
func TestRestartReadsOnlyChangedFiles(t *testing.T) {
	t.Parallel()
	dir, data := copyCorpus(t, filepath.Join("testdata", "corpus")), t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})
	path := filepath.Join(dir, "tessin-honey.md")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// Same size and time, bytes that would not load: the indexed version is
	// used, which shows the file was not read.
	garbled := append([]byte{0xff}, original[1:]...)
	if err := os.WriteFile(path, garbled, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	_, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if len(st.Problems) != 0 || st.Embedded != 0 || st.Touched != 0 {
		t.Errorf("unchanged stamps: got stats %+v, want the file not read", st)
	}

	// The original bytes with a new time: read again, nothing to embed, the
	// new stamp saved so the next start skips it.
	if err := os.WriteFile(path, original, 0o644); err != nil {
		t.Fatal(err)
	}
	later := info.ModTime().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	_, st = openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if st.Touched != 1 || st.Embedded != 0 || st.Updated != 0 {
		t.Errorf("touched file: got stats %+v, want Touched 1 and nothing embedded", st)
	}
	_, st = openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if st.Touched != 0 || st.Embedded != 0 {
		t.Errorf("after the touch was saved: got stats %+v, want nothing to do", st)
	}
}

// manifest is the part of the stored index's manifest.json the tests read
// and edit.
type manifest struct {
	Format    int    `json:"format"`
	Embedder  string `json:"embedder"`
	Dim       int    `json:"dim"`
	Documents int    `json:"documents"`
	Chunks    int    `json:"chunks"`
	Saved     string `json:"saved"`
}

// checkIndex fails the test unless the engine's index holds chunks chunks
// and its parts agree.
func checkIndex(t *testing.T, e *Engine, chunks int) {
	t.Helper()
	if got := e.ix.Len(); got != chunks {
		t.Errorf("index holds %d chunks, want %d", got, chunks)
	}
	if err := e.ix.CheckConsistency(context.Background()); err != nil {
		t.Error(err)
	}
}
