package storetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

func testSources(t *testing.T, e env) {
	s := e.store(t)
	t0 := e.clock.Now()
	a := store.Source{GuildID: "g1", ID: "a1", Kind: store.KindArticle, URL: "https://example.com/a", Title: "A",
		Published: time.Date(2022, 11, 5, 0, 0, 0, 0, time.UTC), Chunks: 12, ETag: `"v1"`, LastModified: "Sat, 05 Nov 2022 10:00:00 GMT"}
	must(t, s.PutSource(ctx(t), a))
	e.clock.Advance(time.Minute)
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "a2", Kind: store.KindArticle, URL: "https://example.com/b"}))
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "", ID: "shared", Kind: store.KindArticle, URL: "https://example.com/s"}))

	got, err := s.Source(ctx(t), store.SourceKey{GuildID: "g1", ID: "a1"})
	must(t, err)
	if got.URL != a.URL || got.Chunks != 12 || got.ETag != `"v1"` || got.LastModified != a.LastModified || !got.Published.Equal(a.Published) || !got.Added.Equal(t0) {
		t.Errorf("got %+v, want %+v added %v", got, a, t0)
	}
	// Replacing keeps when it was added.
	e.clock.Advance(time.Hour)
	a.Error, a.Chunks = "fetch: 404", 0
	must(t, s.PutSource(ctx(t), a))
	got, err = s.Source(ctx(t), store.SourceKey{GuildID: "g1", ID: "a1"})
	must(t, err)
	if got.Error != "fetch: 404" || !got.Added.Equal(t0) {
		t.Errorf("after replace: got error %q added %v, want the new error and added %v", got.Error, got.Added, t0)
	}
	list, err := s.ListSources(ctx(t), "g1")
	must(t, err)
	if len(list) != 2 || list[0].ID != "a1" || list[1].ID != "a2" {
		t.Errorf("ListSources(g1): got %+v, want a1, a2 (oldest first)", list)
	}
	shared, err := s.ListSources(ctx(t), "")
	must(t, err)
	if len(shared) != 1 || shared[0].ID != "shared" {
		t.Errorf("ListSources(shared corpus): got %+v, want only the shared source", shared)
	}
	must(t, s.RemoveSource(ctx(t), store.SourceKey{GuildID: "g1", ID: "a1"}))
	if _, err := s.Source(ctx(t), store.SourceKey{GuildID: "g1", ID: "a1"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed source: got %v, want ErrNotFound", err)
	}
	if err := s.RemoveSource(ctx(t), store.SourceKey{GuildID: "g1", ID: "a1"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removing twice: got %v, want ErrNotFound", err)
	}
	if err := s.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "x", Kind: store.KindFeed, State: json.RawMessage("{torn")}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("state that is not JSON: got %v, want ErrInvalid", err)
	}
	if err := s.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "x", Kind: "podcast"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("unknown kind: got %v, want ErrInvalid", err)
	}
}

func testFeeds(t *testing.T, e env) {
	s := e.store(t)
	f1 := store.SourceKey{GuildID: "g1", ID: "feed1"}
	state := json.RawMessage(`{"url": "https://example.com/rss", "seen": ["guid:1", "url:https://example.com/1"], "failures": 2}`)
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "feed1", Kind: store.KindFeed, URL: "https://example.com/rss",
		Failures: 2, BackoffUntil: e.clock.Now().Add(time.Hour), State: state}))
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "art", Kind: store.KindArticle, Feed: "feed1"}))
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "g2", ID: "feed2", Kind: store.KindFeed, URL: "https://example.org/atom"}))
	feeds, err := s.Feeds(ctx(t))
	must(t, err)
	var ids []string
	for _, f := range feeds {
		ids = append(ids, f.GuildID+"/"+f.ID)
		if f.ID == "feed1" && (f.Failures != 2 || !f.BackoffUntil.Equal(e.clock.Now().Add(time.Hour)) || !sameJSON(f.State, state)) {
			t.Errorf("feed1: got %+v, want its backoff state and its fetcher's state %s", f, state)
		}
	}
	if !slices.Equal(ids, []string{"g1/feed1", "g2/feed2"}) {
		t.Errorf("Feeds: got %v, want both guilds' feeds and no article", ids)
	}
	fresh, err := s.MarkSeen(ctx(t), f1, []string{"guid1", "https://example.com/1", "guid2"})
	must(t, err)
	if !slices.Equal(fresh, []string{"guid1", "https://example.com/1", "guid2"}) {
		t.Errorf("first poll: got %v, want every key new", fresh)
	}
	fresh, err = s.MarkSeen(ctx(t), f1, []string{"guid2", "guid3", "guid3", "guid1"})
	must(t, err)
	if !slices.Equal(fresh, []string{"guid3"}) {
		t.Errorf("second poll: got %v, want only guid3", fresh)
	}
	other, err := s.MarkSeen(ctx(t), store.SourceKey{GuildID: "g2", ID: "feed1"}, []string{"guid1"})
	must(t, err)
	if len(other) != 1 {
		t.Errorf("another guild's feed of the same id: got %v, want guid1 new there", other)
	}
	must(t, s.RemoveSource(ctx(t), f1))
	fresh, err = s.MarkSeen(ctx(t), f1, []string{"guid1"})
	must(t, err)
	if len(fresh) != 1 {
		t.Errorf("after removing the feed: got %v, want its keys forgotten", fresh)
	}
}

// sameJSON compares JSON by meaning: a database may reformat it.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

func testSourceFiles(t *testing.T, e env) {
	s := e.store(t)
	ch, err := s.Subscribe(ctx(t))
	must(t, err)
	key := store.SourceKey{GuildID: "g1", ID: "a1"}
	v1, v2 := []byte("<html><p>First version.</p></html>"), []byte("<html><p>Corrected version.</p></html>")
	must(t, s.PutSourceFile(ctx(t), key, v1))
	if c := next(t, ch); c != (store.Change{Kind: store.ChangeSource, GuildID: "g1", ID: "a1", Hash: store.FileHash(v1)}) {
		t.Errorf("after PutSourceFile: heard %+v, want ChangeSource of g1/a1 at its hash", c)
	}
	hashes, err := s.SourceFileHashes(ctx(t))
	must(t, err)
	if _, ok := hashes[key]; ok {
		t.Errorf("a file before its source is listed: %v", hashes)
	}
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "a1", Kind: store.KindArticle, URL: "https://example.com/a"}))
	must(t, s.PutSource(ctx(t), store.Source{GuildID: "", ID: "a1", Kind: store.KindArticle, URL: "https://example.com/s"}))
	must(t, s.PutSourceFile(ctx(t), store.SourceKey{GuildID: "", ID: "a1"}, v2))
	must(t, s.PutSourceFile(ctx(t), key, v2))
	hashes, err = s.SourceFileHashes(ctx(t))
	must(t, err)
	want := map[store.SourceKey]string{key: store.FileHash(v2), {GuildID: "", ID: "a1"}: store.FileHash(v2)}
	if !reflect.DeepEqual(hashes, want) {
		t.Errorf("SourceFileHashes: got %v, want %v", hashes, want)
	}
	got, err := s.SourceFile(ctx(t), key)
	must(t, err)
	if string(got) != string(v2) {
		t.Errorf("SourceFile: got %q, want the replacement %q", got, v2)
	}
	for range 2 { // the shared corpus's file, then the replacement
		if c := next(t, ch); c.Kind != store.ChangeSource || c.Hash != store.FileHash(v2) {
			t.Errorf("after replacing: heard %+v, want ChangeSource at the new hash", c)
		}
	}
	must(t, s.RemoveSource(ctx(t), key))
	if c := next(t, ch); c != (store.Change{Kind: store.ChangeSource, GuildID: "g1", ID: "a1"}) {
		t.Errorf("after RemoveSource: heard %+v, want ChangeSource of g1/a1 without a hash", c)
	}
	if _, err := s.SourceFile(ctx(t), key); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("file of a removed source: got %v, want ErrNotFound", err)
	}
	hashes, err = s.SourceFileHashes(ctx(t))
	must(t, err)
	if len(hashes) != 1 {
		t.Errorf("SourceFileHashes after removing g1/a1: got %v, want only the shared corpus's", hashes)
	}
	if err := s.PutSourceFile(ctx(t), key, make([]byte, store.MaxSourceFileBytes+1)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("over-long file: got %v, want ErrInvalid", err)
	}
	if err := s.PutSourceFile(ctx(t), store.SourceKey{GuildID: "g1"}, v1); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("file without a source id: got %v, want ErrInvalid", err)
	}
}

func testSharedSourceFiles(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	ch, err := b.Subscribe(ctx(t))
	must(t, err)
	key := store.SourceKey{GuildID: "111", ID: "a9"}
	data := []byte("<html><p>Shared.</p></html>")
	must(t, a.PutSource(ctx(t), store.Source{GuildID: "111", ID: "a9", Kind: store.KindArticle}))
	must(t, a.PutSourceFile(ctx(t), key, data))
	if c := next(t, ch); c.Kind != store.ChangeSource || c.GuildID != "111" || c.ID != "a9" || c.Hash != store.FileHash(data) {
		t.Errorf("other store heard %+v, want the file of 111/a9", c)
	}
	if got, err := b.SourceFile(ctx(t), key); err != nil || string(got) != string(data) {
		t.Errorf("other store reads %q, %v; want the file", got, err)
	}
	must(t, a.RemoveSource(ctx(t), key))
	if c := next(t, ch); c.Kind != store.ChangeSource || c.ID != "a9" || c.Hash != "" {
		t.Errorf("other store heard %+v, want the removal of 111/a9", c)
	}
}
