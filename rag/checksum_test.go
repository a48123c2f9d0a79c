package rag

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flipByte changes one byte of a file, as a failing disk would.
func flipByte(t *testing.T, path string, off int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if off < 0 {
		off += int64(len(data))
	}
	data[off] ^= 0x20
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// logBuffer is a logger whose output a test reads.
func logBuffer() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewTextHandler(&buf, nil)), &buf
}

// TestIndexFlippedTextByte damages an article's text inside the stored
// tables. Served as it is, the damaged sentence would be quoted as the
// article's words; the checksum catches it, the index is rebuilt from the
// corpus, and the answer quotes the corpus text.
func TestIndexFlippedTextByte(t *testing.T) {
	data := t.TempDir()
	docs := loadCorpus(t, testCorpus)
	all := chunkCount(docs)
	openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})

	tablesPath := filepath.Join(data, "index", tablesFile)
	raw, err := os.ReadFile(tablesPath)
	if err != nil {
		t.Fatal(err)
	}
	off := bytes.Index(raw, []byte("twenty thousand passengers"))
	if off < 0 {
		t.Fatal("the stored tables do not hold the article text")
	}
	flipByte(t, tablesPath, int64(off)) // "Twenty thousand…"

	log, logs := logBuffer()
	e, st := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data, Logger: log})
	checkStats(t, "open after the flip", st, SyncStats{Documents: 3, Chunks: all, Added: 3, Embedded: all})
	if !strings.Contains(logs.String(), "checksum") {
		t.Errorf("the log does not say why the index was rebuilt:\n%s", logs)
	}
	a := askCites(t, e, tramPassengers, "port-alder-tram.md")
	checkCitations(t, e, docs, a)
	for _, c := range a.Citations {
		if strings.Contains(c.Quote, "Twenty thousand") {
			t.Errorf("got the damaged text quoted: %q", c.Quote)
		}
	}
	_, st = openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
	checkStats(t, "reopen after the rebuild", st, SyncStats{Documents: 3, Chunks: all})
}

// TestIndexFlippedVectorByte damages one vector in a corpus of two vector
// blocks: only the documents of the damaged block are embedded again, and
// the index answers as before.
func TestIndexFlippedVectorByte(t *testing.T) {
	dir := t.TempDir()
	const n = vectorBlock + 40 // one short document, one chunk each
	for i := range n {
		body := fmt.Sprintf("---\ntitle: Notice %03d\n---\nThe harbour board posted notice number %d about berth %d on pier %d.\n", i, i, i%17, i%5)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("notice-%03d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := loadCorpus(t, dir)
	if chunkCount(docs) != n {
		t.Fatalf("got %d chunks, want one per document", chunkCount(docs))
	}
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})

	flipByte(t, filepath.Join(data, "index", vectorsFile), -3) // the last vector, in the second block
	log, logs := logBuffer()
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data, Logger: log})
	checkStats(t, "open after the flip", st, SyncStats{Documents: n, Chunks: n, Updated: n - vectorBlock, Embedded: n - vectorBlock})
	if !strings.Contains(logs.String(), "checksum") || !strings.Contains(logs.String(), fmt.Sprintf("notice-%03d.md", n-1)) {
		t.Errorf("the log does not name the re-embedded document:\n%s", logs)
	}
	askCites(t, e, fmt.Sprintf("What did notice number %d say?", n-1), fmt.Sprintf("notice-%03d.md", n-1))
	_, st = openEngine(t, Options{CorpusDir: dir, DataDir: data})
	checkStats(t, "reopen", st, SyncStats{Documents: n, Chunks: n})
}

// BenchmarkVectorChecksums is what verifying the vectors adds to loading an
// index of 100,000 chunks of the local embedder's 512 dimensions (195 MB).
func BenchmarkVectorChecksums(b *testing.B) {
	const n, dim = 100_000, LocalDim
	raw := make([]byte, n*dim*4)
	for i := range raw {
		raw[i] = byte(i * 7)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		blockCRCs(raw, n, dim)
	}
}
