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
