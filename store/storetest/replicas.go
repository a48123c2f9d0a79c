package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

// next waits for the next change that is not a resync; the suite's only
// time limit, generous, so a broken feed fails instead of hanging.
func next(t *testing.T, ch <-chan store.Change) store.Change {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case c, ok := <-ch:
			if !ok {
				t.Fatal("change feed closed")
			}
			if c.Kind != store.ChangeResync {
				return c
			}
		case <-timeout:
			t.Fatal("no change announced within 30s")
		}
	}
}

func testChanges(t *testing.T, e env) {
	s := e.store(t)
	sub, cancel := context.WithCancel(ctx(t))
	ch, err := s.Subscribe(sub)
	must(t, err)
	must(t, s.SaveArticle(ctx(t), article("g1", "a", "h1")))
	must(t, s.DeleteArticle(ctx(t), store.ArticleKey{GuildID: "g1", ID: "a"}))
	if c := next(t, ch); c != (store.Change{Kind: store.ChangeSaved, GuildID: "g1", ID: "a", Hash: "h1"}) {
		t.Errorf("got %+v, want the save of g1/a at h1", c)
	}
	if c := next(t, ch); c != (store.Change{Kind: store.ChangeDeleted, GuildID: "g1", ID: "a"}) {
		t.Errorf("got %+v, want the deletion of g1/a", c)
	}
	cancel()
	for range ch { // closed once the subscription's context ends
	}
}

func testLocker(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	unlock, ok, err := a.TryLock(ctx(t), "embed:g1/a")
	must(t, err)
	if !ok {
		t.Fatal("first TryLock: not taken, want it taken")
	}
	for name, s := range map[string]store.Store{"same store": a, "other store": b} {
		_, ok, err := s.TryLock(ctx(t), "embed:g1/a")
		must(t, err)
		if ok {
			t.Errorf("%s: took a held lock", name)
		}
	}
	u2, ok, err := b.TryLock(ctx(t), "embed:g1/b")
	must(t, err)
	if !ok {
		t.Error("another name: not taken, want it free")
	} else {
		u2()
	}
	unlock()
	u3, ok, err := b.TryLock(ctx(t), "embed:g1/a")
	must(t, err)
	if !ok {
		t.Fatal("after unlock: not taken, want it free")
	}
	u3()
}

func testReplicas(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	must(t, a.AddPin(ctx(t), pin("g1", "m1", e.clock.Now())))
	must(t, a.RecordVote(ctx(t), vote("u1", true, "")))
	key := store.ConversationKey{GuildID: "g1", ID: "thread"}
	must(t, a.AppendTurn(ctx(t), key, store.Turn{Question: "first", Answer: "x"}))
	must(t, b.AppendTurn(ctx(t), key, store.Turn{Question: "second", Answer: "y"}))
	must(t, a.SaveArticle(ctx(t), article("g1", "doc", "h1")))
	must(t, b.PutSource(ctx(t), store.Source{GuildID: "g1", ID: "s", Kind: store.KindArticle}))

	pins, err := b.LatestPins(ctx(t), "g1", 5)
	must(t, err)
	if messages(pins) != "m1" {
		t.Errorf("other store's pins: got %q, want m1", messages(pins))
	}
	vs, err := b.Votes(ctx(t), "g1", "c1", "answer1")
	must(t, err)
	if len(vs) != 1 {
		t.Errorf("other store's votes: got %d, want 1", len(vs))
	}
	c, err := a.Conversation(ctx(t), key)
	must(t, err)
	if questions(c) != "first,second" {
		t.Errorf("conversation across stores: got %q, want first,second", questions(c))
	}
	got, err := b.Article(ctx(t), store.ArticleKey{GuildID: "g1", ID: "doc"})
	must(t, err)
	sameArticle(t, got, article("g1", "doc", "h1"))
	if _, err := a.Source(ctx(t), store.SourceKey{GuildID: "g1", ID: "s"}); err != nil {
		t.Errorf("other store's source: %v", err)
	}
}

func testSharedChanges(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	ch, err := b.Subscribe(ctx(t))
	must(t, err)
	must(t, a.SaveArticle(ctx(t), article("g1", "new", "h9")))
	if c := next(t, ch); c.Kind != store.ChangeSaved || c.GuildID != "g1" || c.ID != "new" || c.Hash != "h9" {
		t.Errorf("other store heard %+v, want the save of g1/new at h9", c)
	}
	must(t, a.DeleteArticle(ctx(t), store.ArticleKey{GuildID: "g1", ID: "new"}))
	if c := next(t, ch); c.Kind != store.ChangeDeleted || c.ID != "new" {
		t.Errorf("other store heard %+v, want the deletion of g1/new", c)
	}
}
