package index

import (
	"context"
	"log/slog"
	"reflect"
	"testing"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
)

// TestSyncReusesTheEmbeddersStems checks that the lexicon a sync builds
// from the stems the local embedder found is the one stemming every chunk
// again gives, on a first sync and on one that changes a document.
func TestSyncReusesTheEmbeddersStems(t *testing.T) {
	ctx := context.Background()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	ix := newEmptyIndex(t.TempDir()+"/index", NewLocalEmbedder(), slog.New(slog.DiscardHandler))
	check := func(step string) {
		t.Helper()
		var texts []string
		for _, c := range ix.chunks {
			texts = append(texts, ix.docs[c.Doc].Slice(c.span()))
		}
		if want := buildLexicon(texts); !reflect.DeepEqual(postingsOf(ix.lex), postingsOf(want)) || !reflect.DeepEqual(ix.lex.Lengths, want.Lengths) {
			t.Errorf("%s: the lexicon differs from one built by stemming every chunk", step)
		}
		if ix.fresh != nil {
			t.Errorf("%s: the sync's fresh chunks are still held", step)
		}
	}
	if _, err := ix.Sync(ctx, docs, nil, nil); err != nil {
		t.Fatal(err)
	}
	check("first sync")

	changed := *docs[0]
	changed.Text += "\nA later paragraph, added by an editor, names the Secretary of State."
	changed.Sentences = append(changed.Sentences, corpus.Span{Start: len(docs[0].Text) + 1, End: len(changed.Text)})
	changed.Hash = "changed"
	next := append([]*corpus.Document{&changed}, docs[1:]...)
	st, err := ix.Sync(ctx, next, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Updated != 1 {
		t.Fatalf("second sync: got %+v, want one document updated", st)
	}
	check("second sync")
}

// TestEmbedStemsAreContentStems checks that the stems the local embedder
// returns with its vectors are lang.ContentStems, and its vectors Embed's.
func TestEmbedStemsAreContentStems(t *testing.T) {
	ctx := context.Background()
	e := NewLocalEmbedder()
	texts := []string{"The senators were voting on Tuesday's budget.", "", "Ça coûte 3,5 millions d'euros — à Zürich."}
	vecs, stems, err := e.embedStems(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(vecs, want) {
		t.Error("embedStems's vectors differ from Embed's")
	}
	for i, s := range texts {
		if got, want := stems[i], lang.ContentStems(s); !reflect.DeepEqual(got, want) {
			t.Errorf("stems of %q: got %q, want %q", s, got, want)
		}
	}
}

// postingsOf returns each stem's postings as chunk slot → term frequency:
// the lexicon's content, whatever ids its terms were given.
func postingsOf(lx *lexicon) map[string]map[int32]uint16 {
	out := make(map[string]map[int32]uint16, len(lx.TermEnds))
	for id := range lx.TermEnds {
		s := lx.termAt(id)
		ps := make(map[int32]uint16)
		b, slot := lx.postings(int32(id)), int32(-1)
		for i := 0; i < len(b); {
			gap, tf, next := posting(b, i)
			slot, i = slot+gap, next
			ps[slot] = tf
		}
		out[s] = ps
	}
	return out
}
