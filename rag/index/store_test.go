package index

import (
	"context"
	"log/slog"
	"reflect"
	"testing"

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
