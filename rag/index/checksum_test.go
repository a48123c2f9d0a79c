package index

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// TestFlippedVectorByte damages one vector of an index of two checksum
// blocks: loading marks only the documents of the damaged block, the sync
// that follows re-embeds just those, and the log names them.
func TestFlippedVectorByte(t *testing.T) {
	ctx := context.Background()
	const n = vectorBlock + 40 // one short document, one chunk each
	var docs []*corpus.Document
	for i := range n {
		docs = append(docs, corpus.NewDocument(fmt.Sprintf("notice-%03d.md", i), fmt.Sprintf("Notice %03d", i), time.Time{}, "", "",
			fmt.Sprintf("The harbour board posted notice number %d about berth %d on pier %d.", i, i%17, i%5)))
	}
	dir := filepath.Join(t.TempDir(), "index")
	ix := newEmptyIndex(dir, NewLocalEmbedder(), slog.New(slog.DiscardHandler))
	if _, err := ix.Sync(ctx, docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	if len(ix.chunks) != n {
		t.Fatalf("got %d chunks, want one per document", len(ix.chunks))
	}
	if err := ix.save(); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(dir, vectorsFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-3] ^= 0x20 // the last vector, in the second block
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	got, err := loadIndex(dir, ix.embedder, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if !strings.Contains(logs.String(), "checksum") || !strings.Contains(logs.String(), fmt.Sprintf("notice-%03d.md", n-1)) {
		t.Errorf("the log does not name a re-embedded document:\n%s", logs.String())
	}
	st, err := got.Sync(ctx, docs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != n-vectorBlock || st.Embedded != n-vectorBlock || st.Added != 0 || st.Removed != 0 {
		t.Errorf("got %+v, want the %d documents of the damaged block re-embedded, no others", st, n-vectorBlock)
	}
	for i, c := range got.chunks {
		if v, w := got.vec(i), ix.vec(i); fmt.Sprint(v) != fmt.Sprint(w) {
			t.Fatalf("chunk %s: vector differs from the one first embedded", c.ID)
		}
	}
}

// TestFlippedTablesByte damages the tables: they are not decoded, and the
// load fails as corrupt, so the index is rebuilt from the corpus.
func TestFlippedTablesByte(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	ix := newEmptyIndex(dir, NewLocalEmbedder(), slog.New(slog.DiscardHandler))
	if _, err := ix.Sync(context.Background(), docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.save(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, tablesFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)/2] ^= 0x01
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadIndex(dir, ix.embedder, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("got %v, want the tables refused for their checksum", err)
	}
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
