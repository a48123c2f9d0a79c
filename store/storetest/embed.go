package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/newsbot/storybot/store"
)

func testEmbedOnce(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	key := store.ArticleKey{GuildID: "g1", ID: "new.md"}
	calls := 0
	embed := func(hash string) func(context.Context) (store.Article, error) {
		return func(context.Context) (store.Article, error) {
			calls++
			return article(key.GuildID, key.ID, hash), nil
		}
	}
	var during store.EmbedOutcome
	out, err := store.EmbedOnce(ctx(t), a, key, "h1", func(c context.Context) (store.Article, error) {
		// While this replica embeds, the other one must not.
		var err error
		during, err = store.EmbedOnce(c, b, key, "h1", embed("h1"))
		must(t, err)
		return embed("h1")(c)
	})
	must(t, err)
	if out != store.Embedded || during != store.Busy {
		t.Errorf("got %v for the embedder and %v for the other replica meanwhile, want Embedded and Busy", out, during)
	}
	out, err = store.EmbedOnce(ctx(t), b, key, "h1", embed("h1"))
	must(t, err)
	if out != store.AlreadyStored {
		t.Errorf("other replica afterwards: got %v, want AlreadyStored", out)
	}
	if calls != 1 {
		t.Errorf("embedded %d times, want once", calls)
	}
	if h, err := b.ArticleHash(ctx(t), key); err != nil || h != "h1" {
		t.Errorf("ArticleHash: got %q, %v; want h1", h, err)
	}
	out, err = store.EmbedOnce(ctx(t), b, key, "h2", embed("h2"))
	must(t, err)
	if out != store.Embedded || calls != 2 {
		t.Errorf("changed article: got %v after %d embeddings, want Embedded, 2", out, calls)
	}
	if _, err := a.ArticleHash(ctx(t), store.ArticleKey{GuildID: "g1", ID: "none"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("hash of a missing article: got %v, want ErrNotFound", err)
	}
	if _, err := store.EmbedOnce(ctx(t), a, store.ArticleKey{GuildID: "g1", ID: "x"}, "h", embed("h")); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("embed returning another article: got %v, want ErrInvalid", err)
	}
}
