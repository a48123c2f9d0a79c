package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// SourceKind is what a source is.
type SourceKind string

// Source kinds.
const (
	KindArticle SourceKind = "article"
	KindFeed    SourceKind = "feed"
)

// Source is an article added by URL or file, or a followed feed, of one
// guild (the empty guild: the shared corpus). Its first fields are DESIGN's
// sources JSON; the rest is the state conditional requests and backoff
// need.
type Source struct {
	GuildID   string     `json:"guild_id"`
	ID        string     `json:"id"`
	Kind      SourceKind `json:"kind"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Published time.Time  `json:"published,omitzero"`
	Chunks    int        `json:"chunks"`
	Added     time.Time  `json:"added"`
	Error     string     `json:"error"`

	// ETag and LastModified are the validators of the last successful
	// fetch, sent back as If-None-Match and If-Modified-Since.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Checked is when the source was last fetched or polled.
	Checked time.Time `json:"checked,omitzero"`
	// Failures counts consecutive failed fetches; BackoffUntil is when the
	// next may be tried.
	Failures     int       `json:"failures,omitempty"`
	BackoffUntil time.Time `json:"backoff_until,omitzero"`
	// Feed is the id of the feed an article came from ("" when added by
	// hand).
	Feed string `json:"feed,omitempty"`
	// State is the fetcher's own state of the source as JSON (corpus/web's
	// Feed, say), kept as it is; at most MaxStateBytes.
	State json.RawMessage `json:"state,omitempty"`
}

// MaxStateBytes bounds Source.State.
const MaxStateBytes = 1 << 20

// SourceKey names a source.
type SourceKey struct {
	GuildID, ID string
}

// Sources keeps sources and feed state.
type Sources interface {
	// PutSource inserts or replaces the source with s's guild and id (its
	// Added defaults to now on insert and is kept on replace).
	PutSource(ctx context.Context, s Source) error
	// Source returns one source; ErrNotFound when there is none.
	Source(ctx context.Context, key SourceKey) (Source, error)
	// ListSources returns guildID's sources, oldest added first.
	ListSources(ctx context.Context, guildID string) ([]Source, error)
	// RemoveSource deletes a source and, for a feed, the keys it has seen;
	// ErrNotFound when there is none.
	RemoveSource(ctx context.Context, key SourceKey) error
	// Feeds returns the feeds of every guild, for the poller.
	Feeds(ctx context.Context) ([]Source, error)
	// MarkSeen records item keys (GUIDs, URLs) as seen by a feed and
	// returns those not seen before, in the order given, so an item is
	// fetched once even when two replicas poll at once. A feed remembers
	// its last MaxSeenKeys keys.
	MarkSeen(ctx context.Context, feed SourceKey, keys []string) ([]string, error)
}

// SourceFiles keeps the article file of each added article (the extracted
// page as the sources folder holds it), so that every replica can write
// its own folder from the store: one replica fetches, all answer.
type SourceFiles interface {
	// PutSourceFile stores the file of the article source key, replacing
	// it, and announces ChangeSource with the file's hash to every
	// subscriber of Changes. RemoveSource removes it (and announces
	// ChangeSource without a hash).
	PutSourceFile(ctx context.Context, key SourceKey, data []byte) error
	// SourceFile returns one source's file; ErrNotFound when there is none.
	SourceFile(ctx context.Context, key SourceKey) ([]byte, error)
	// SourceFileHashes returns the hash (FileHash) of the stored file of
	// every source of every guild that has one (a file stored before its
	// source is not listed until the source is), to tell which files a
	// folder lacks or holds stale.
	SourceFileHashes(ctx context.Context) (map[SourceKey]string, error)
}

// MaxSourceFileBytes bounds a source file.
const MaxSourceFileBytes = 16 << 20

// FileHash is the hash of a source file as SourceFileHashes and
// ChangeSource give it: SHA-256, in hex.
func FileHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// CheckSourceFile reports whether data may be stored as key's file.
func CheckSourceFile(key SourceKey, data []byte) error {
	if err := CheckID("guild id", key.GuildID); err != nil {
		return err
	}
	if err := checkRequiredID("source id", key.ID); err != nil {
		return err
	}
	if len(data) > MaxSourceFileBytes {
		return invalid("source file longer than %d bytes", MaxSourceFileBytes)
	}
	return nil
}

// CheckSource reports whether s may be stored.
func CheckSource(s Source) error {
	if err := CheckID("guild id", s.GuildID); err != nil {
		return err
	}
	if err := checkRequiredID("source id", s.ID); err != nil {
		return err
	}
	switch s.Kind {
	case KindArticle, KindFeed:
	default:
		return invalid("unknown source kind %q", s.Kind)
	}
	for _, f := range []string{s.URL, s.Title, s.Error, s.ETag, s.LastModified} {
		if err := checkText("source field", f, maxFieldBytes); err != nil {
			return err
		}
	}
	if len(s.State) > MaxStateBytes {
		return invalid("source state longer than %d bytes", MaxStateBytes)
	}
	if len(s.State) > 0 && !json.Valid(s.State) {
		return invalid("source state is not JSON")
	}
	return CheckID("feed id", s.Feed)
}

// CheckSeenKeys reports whether keys may be stored.
func CheckSeenKeys(keys []string) error {
	if len(keys) > MaxSeenKeys {
		return invalid("more than %d keys at once", MaxSeenKeys)
	}
	for _, k := range keys {
		if k == "" {
			return invalid("empty item key")
		}
		if err := checkText("item key", k, maxFieldBytes); err != nil {
			return err
		}
	}
	return nil
}
