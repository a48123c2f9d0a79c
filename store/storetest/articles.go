package storetest

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

// article builds an article whose chunks carry distinct vectors, including
// values a lossy encoding would change.
func article(guild, id, hash string) store.Article {
	text := "First sentence here. Second one follows. A third closes it."
	a := store.Article{GuildID: guild, ID: id, Title: "Title " + id, Published: time.Date(2022, 11, 5, 0, 0, 0, 0, time.UTC),
		URL: "https://example.com/" + id, Source: "Example", Text: text, Hash: hash,
		Path: "/corpus/" + id, StampSize: int64(len(text)), StampModTime: 1_700_000_000_123_456_789,
		Sentences: []store.Span{{Start: 0, End: 20}, {Start: 21, End: 40}, {Start: 41, End: len(text)}},
		Embedder:  "local-v1", Dim: 4, Stemmer: "stems-v1"}
	// The second chunk's stems are not known.
	a.Chunks = []store.Chunk{
		{Start: 0, End: 40, First: 0, Last: 2, Vector: []float32{0.1, -0.2, float32(math.Pi), 1e-30}, Stems: []string{"first", "sentenc", "second", "follow", "ünïcode"}},
		{Start: 21, End: len(text), First: 1, Last: 3, Vector: []float32{-1, 0, math.MaxFloat32, math.SmallestNonzeroFloat32}},
	}
	return a
}

func sameArticle(t *testing.T, got, want store.Article) {
	t.Helper()
	got.Saved = time.Time{}
	if !got.Published.Equal(want.Published) {
		t.Errorf("published: got %v, want %v", got.Published, want.Published)
	}
	got.Published = want.Published
	if !reflect.DeepEqual(got, want) {
		t.Errorf("article:\n got %+v\nwant %+v", got, want)
	}
}

func testArticles(t *testing.T, e env) {
	s := e.store(t)
	a := article("g1", "world/iran.md", "h1")
	must(t, s.SaveArticle(ctx(t), a))
	got, err := s.Article(ctx(t), a.Key())
	must(t, err)
	if got.Saved.IsZero() {
		t.Error("saved article has no Saved time")
	}
	sameArticle(t, got, a)

	b := article("g1", "world/iran.md", "h2")
	b.Text = "Corrected text. Quite different."
	b.Sentences = []store.Span{{Start: 0, End: 15}, {Start: 16, End: len(b.Text)}}
	b.Chunks = b.Chunks[:1]
	b.Chunks[0].Start, b.Chunks[0].End, b.Chunks[0].First, b.Chunks[0].Last = 0, len(b.Text), 0, 2
	must(t, s.SaveArticle(ctx(t), b))
	got, err = s.Article(ctx(t), a.Key())
	must(t, err)
	sameArticle(t, got, b)

	must(t, s.SaveArticle(ctx(t), article("g2", "world/iran.md", "other")))
	must(t, s.SaveArticle(ctx(t), article("", "bundled.md", "hb")))
	hashes, err := s.ArticleHashes(ctx(t), "g1")
	must(t, err)
	if !reflect.DeepEqual(hashes, map[string]string{"world/iran.md": "h2"}) {
		t.Errorf("ArticleHashes(g1): got %v, want only g1's article at h2", hashes)
	}
	hashes, err = s.ArticleHashes(ctx(t), "")
	must(t, err)
	if !reflect.DeepEqual(hashes, map[string]string{"bundled.md": "hb"}) {
		t.Errorf("ArticleHashes(shared): got %v, want only the shared article", hashes)
	}
	if _, err := s.Article(ctx(t), store.ArticleKey{GuildID: "g3", ID: "world/iran.md"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another guild's article: got %v, want ErrNotFound", err)
	}
	bad := article("g1", "bad", "h")
	bad.Chunks[0].Vector = bad.Chunks[0].Vector[:3]
	if err := s.SaveArticle(ctx(t), bad); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("vector of the wrong dimension: got %v, want ErrInvalid", err)
	}
	bad = article("g1", "bad", "h")
	bad.Chunks[0].End = len(bad.Text) + 1
	if err := s.SaveArticle(ctx(t), bad); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("chunk outside the text: got %v, want ErrInvalid", err)
	}
	for _, stem := range []string{"two words", "line\nbreak", ""} {
		bad = article("g1", "bad", "h")
		bad.Chunks[1].Stems = []string{"fine", stem}
		if err := s.SaveArticle(ctx(t), bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("stem %q: got %v, want ErrInvalid", stem, err)
		}
	}

	// Only the second chunk's stems known: the first's stay unknown.
	c := article("g1", "later.md", "h")
	c.Chunks[0].Stems, c.Chunks[1].Stems = nil, []string{"second", "third"}
	must(t, s.SaveArticle(ctx(t), c))
	got, err = s.Article(ctx(t), c.Key())
	must(t, err)
	sameArticle(t, got, c)
}

func testEachArticle(t *testing.T, e env) {
	s := e.store(t)
	want := map[string]bool{}
	for g := 0; g < 3; g++ {
		for i := 0; i < 4; i++ {
			a := article(fmt.Sprint("g", g), fmt.Sprint("doc", i), "h")
			must(t, s.SaveArticle(ctx(t), a))
			want[a.GuildID+"/"+a.ID] = true
		}
	}
	must(t, s.DeleteArticle(ctx(t), store.ArticleKey{GuildID: "g1", ID: "doc2"}))
	delete(want, "g1/doc2")
	if err := s.DeleteArticle(ctx(t), store.ArticleKey{GuildID: "g1", ID: "doc2"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice: got %v, want ErrNotFound", err)
	}
	var got []string
	must(t, s.EachArticle(ctx(t), func(a store.Article) error {
		got = append(got, a.GuildID+"/"+a.ID)
		if len(a.Chunks) != 2 || len(a.Chunks[1].Vector) != 4 || a.Chunks[1].Vector[0] != -1 {
			t.Errorf("%s/%s: chunks %+v, want both with their vectors", a.GuildID, a.ID, a.Chunks)
		}
		return nil
	}))
	sort.Strings(got)
	if len(got) != len(want) {
		t.Errorf("EachArticle: got %v, want %d articles", got, len(want))
	}
	for _, k := range got {
		if !want[k] {
			t.Errorf("EachArticle gave %s, which is not stored", k)
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := s.EachArticle(ctx(t), func(store.Article) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachArticle with a failing fn: got %v after %d calls, want its error after 1", err, n)
	}
}
