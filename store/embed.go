package store

import (
	"context"
	"errors"
	"fmt"
)

// EmbedOutcome says what EmbedOnce did.
type EmbedOutcome int

// EmbedOnce's outcomes.
const (
	// Embedded: this instance embedded the article and saved it.
	Embedded EmbedOutcome = iota
	// AlreadyStored: the article is stored at this hash already (another
	// instance embedded it): load it with Article instead of embedding.
	AlreadyStored
	// Busy: another instance is embedding it right now; its save will be
	// announced on Changes.
	Busy
)

// Embedding is what EmbedOnce needs of a store.
type Embedding interface {
	Articles
	Locker
}

// EmbedOnce makes sure only one instance embeds an article: it takes the
// lock "embed:<guild>/<id>", checks whether the article is already stored
// with hash, and only then calls embed and saves what it returns (which
// must have key and hash). Replicas that sync the same corpus at once call
// it for each new or changed article.
func EmbedOnce(ctx context.Context, st Embedding, key ArticleKey, hash string, embed func(context.Context) (Article, error)) (EmbedOutcome, error) {
	unlock, ok, err := st.TryLock(ctx, "embed:"+key.GuildID+"/"+key.ID)
	if err != nil {
		return 0, fmt.Errorf("embed once: %w", err)
	}
	if !ok {
		return Busy, nil
	}
	defer unlock()
	stored, err := st.ArticleHash(ctx, key)
	switch {
	case err == nil && stored == hash:
		return AlreadyStored, nil
	case err != nil && !errors.Is(err, ErrNotFound):
		return 0, fmt.Errorf("embed once: %w", err)
	}
	a, err := embed(ctx)
	if err != nil {
		return 0, fmt.Errorf("embed %q: %w", key.ID, err)
	}
	if a.Key() != key || a.Hash != hash {
		return 0, fmt.Errorf("embed %q: %w: embedded article is %+v at %q, want %+v at %q", key.ID, ErrInvalid, a.Key(), a.Hash, key, hash)
	}
	if err := st.SaveArticle(ctx, a); err != nil {
		return 0, fmt.Errorf("embed once: %w", err)
	}
	return Embedded, nil
}
