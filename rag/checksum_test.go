package rag

import (
	"bytes"
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
	t.Parallel()
	data := t.TempDir()
	docs := loadCorpus(t, testCorpus)
	all := chunkCount(docs)
	openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})

	tablesPath := filepath.Join(data, "index", "tables.gob")
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
