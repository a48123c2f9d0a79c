package index

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// TestStoreRoundTrip saves an index and loads it back: same tables, same
// lexicon, same vectors, same retrieval.
func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir() + "/index"
	log := slog.New(slog.DiscardHandler)
	ix := newEmptyIndex(dir, NewLocalEmbedder(), log)
	if _, err := ix.Sync(ctx, docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.save(); err != nil {
		t.Fatal(err)
	}
	got, err := loadIndex(dir, ix.embedder, log)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if !reflect.DeepEqual(got.chunks, ix.chunks) {
		t.Errorf("chunks: got %v, want %v", got.chunks, ix.chunks)
	}
	if !reflect.DeepEqual(got.lex, ix.lex) {
		t.Errorf("lexicon differs after loading")
	}
	if len(got.docs) != len(ix.docs) {
		t.Fatalf("got %d documents, want %d", len(got.docs), len(ix.docs))
	}
	for i, d := range ix.docs {
		if g := got.docs[i]; !reflect.DeepEqual(*g, *d) {
			t.Errorf("document %d: got %+v, want %+v", i, *g, *d)
		}
	}
	for _, c := range ix.chunks {
		want, _ := ix.coll.GetByID(ctx, c.ID)
		have, err := got.coll.GetByID(ctx, c.ID)
		if err != nil {
			t.Fatalf("chunk %s: %v", c.ID, err)
		}
		if !reflect.DeepEqual(have, want) {
			t.Errorf("chunk %s: got %+v, want %+v", c.ID, have, want)
		}
	}
	q := "Did Iran admit sending missiles?"
	a, _ := ix.Retrieve(ctx, q, DefaultK)
	b, _ := got.Retrieve(ctx, q, DefaultK)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("retrieval: got %v, want %v", b, a)
	}
	st, err := got.Sync(ctx, docs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Embedded != 0 || st.Changed() {
		t.Errorf("sync of an unchanged corpus: got %+v, want nothing embedded or changed", st)
	}
}

// TestOlderFormat loads an index saved by store format 4, whose lexicon
// held its postings unpacked: it is refused as another format, so the
// corpus is indexed again; and with its manifest claiming the current
// format, its tables are refused as damaged rather than misread.
func TestOlderFormat(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	for _, claim := range []struct {
		name   string
		format int
		want   error
	}{{"as saved", 4, errEmbedderChanged}, {"claiming the current format", storeFormat, nil}} {
		t.Run(claim.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			if err := os.CopyFS(dir, os.DirFS("testdata/format4")); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, manifestFile)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var m manifest
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			if m.Format != 4 || m.Chunks != 1 {
				t.Fatalf("fixture: got format %d with %d chunks, want format 4 with 1", m.Format, m.Chunks)
			}
			m.Format = claim.format
			if raw, err = json.Marshal(m); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			ix, err := loadIndex(dir, NewLocalEmbedder(), log)
			if err == nil {
				t.Fatalf("got an index of %d chunks, want the older format refused", ix.Len())
			}
			if claim.want != nil && !errors.Is(err, claim.want) {
				t.Errorf("got %v, want %v", err, claim.want)
			}
			if got := openIndex(dir, NewLocalEmbedder(), log); got.Len() != 0 {
				t.Errorf("open: got %d chunks, want an empty index to rebuild", got.Len())
			}
		})
	}
}

// TestStoreRoundTripEdges saves and loads documents with empty strings and
// no sentences, and an index of no documents at all.
func TestStoreRoundTripEdges(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	full := corpus.NewDocument("a.md", "A title", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "https://example.org/a", "Example",
		"The harbour board met on Monday. It approved the budget.")
	full.Path, full.Stamp = "/corpus/a.md", corpus.Stamp{Size: 57, ModTime: 1234}
	bare := corpus.NewDocument("b.md", "", time.Time{}, "", "", "One sentence without a title.")
	for _, tt := range []struct {
		name string
		docs []*corpus.Document
	}{{"empty strings", []*corpus.Document{full, bare}}, {"no documents", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			ix := newEmptyIndex(dir, NewLocalEmbedder(), log)
			if _, err := ix.Sync(ctx, tt.docs, nil, nil); err != nil {
				t.Fatal(err)
			}
			if err := ix.save(); err != nil {
				t.Fatal(err)
			}
			got, err := loadIndex(dir, ix.embedder, log)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if len(got.docs) != len(tt.docs) || len(got.chunks) != len(ix.chunks) || len(ix.chunks) > 0 && !reflect.DeepEqual(got.chunks, ix.chunks) {
				t.Fatalf("got %d documents and chunks %v, want %d and %v", len(got.docs), got.chunks, len(tt.docs), ix.chunks)
			}
			for i, d := range tt.docs {
				if g := got.docs[i]; !reflect.DeepEqual(*g, *d) {
					t.Errorf("document %d: got %+v, want %+v", i, *g, *d)
				}
			}
			if err := got.CheckConsistency(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}
