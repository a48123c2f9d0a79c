package store

import (
	"context"
	"strings"
	"time"
)

// Span is a half-open byte range [Start, End) of an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Chunk is one embedded chunk of an article: its byte span, the half-open
// range [First, Last) of the article's sentences it covers, its vector, and
// the word stems the lexical index counts in it (made by the stemmer the
// article's Stemmer names; nil when not known), so a replica's start need
// not tokenise every chunk again. A stem is a word: no spaces.
type Chunk struct {
	Start, End  int
	First, Last int
	Vector      []float32
	Stems       []string
}

// Article is one indexed document with what its index needs to be rebuilt
// without re-embedding: the cleaned text, its sentences and its chunks with
// their vectors, made by the embedder named in Embedder.
type Article struct {
	GuildID   string
	ID        string
	Title     string
	Published time.Time
	URL       string
	Source    string
	Text      string
	Hash      string
	Sentences []Span
	// Path is the file the article was read from ("" for one fetched or
	// bundled); StampSize and StampModTime (Unix nanoseconds) identify
	// that file's version, as corpus.Stamp does.
	Path         string
	StampSize    int64
	StampModTime int64
	Embedder     string
	Dim          int
	// Stemmer names what made the chunks' Stems ("" when none has any): a
	// reader with another stemmer ignores them.
	Stemmer string
	Chunks  []Chunk
	// Saved is when the article was saved (set by the store).
	Saved time.Time
}

// ArticleKey names an article.
type ArticleKey struct {
	GuildID, ID string
}

// Key returns the article's key.
func (a Article) Key() ArticleKey { return ArticleKey{a.GuildID, a.ID} }

// Articles keeps articles with chunks and vectors, for replicas.
type Articles interface {
	// SaveArticle stores a (replacing the article with its key) and
	// announces it to every subscriber of Changes.
	SaveArticle(ctx context.Context, a Article) error
	// DeleteArticle removes an article and announces it; ErrNotFound when
	// there is none.
	DeleteArticle(ctx context.Context, key ArticleKey) error
	// Article returns one article; ErrNotFound when there is none.
	Article(ctx context.Context, key ArticleKey) (Article, error)
	// ArticleHash returns one article's hash without reading the rest;
	// ErrNotFound when there is none.
	ArticleHash(ctx context.Context, key ArticleKey) (string, error)
	// ArticleHashes returns id → hash of guildID's articles, to tell what a
	// sync must embed.
	ArticleHashes(ctx context.Context, guildID string) (map[string]string, error)
	// EachArticle calls fn with every article of every guild, one at a
	// time, so a replica builds its index without holding them all twice;
	// each call gets fresh slices fn may keep. fn's error stops the walk.
	EachArticle(ctx context.Context, fn func(a Article) error) error
}

// ChangeKind says what happened to an article.
type ChangeKind string

// Change kinds.
const (
	ChangeSaved   ChangeKind = "saved"
	ChangeDeleted ChangeKind = "deleted"
	// ChangeResync: announcements may have been missed (the connection
	// to the database was lost); reload what matters.
	ChangeResync ChangeKind = "resync"
	// ChangeSource: a source's file (SourceFiles) was stored, Hash being
	// its FileHash, or removed, Hash being empty. The ID is the source's,
	// not an article's.
	ChangeSource ChangeKind = "source"
)

// Change announces an article saved or deleted (or a source file stored
// or removed) through any instance, this one included: a subscriber
// compares Hash with what it holds.
type Change struct {
	Kind    ChangeKind `json:"kind"`
	GuildID string     `json:"guild"`
	ID      string     `json:"id"`
	Hash    string     `json:"hash,omitempty"`
}

// Changes is the change feed.
type Changes interface {
	// Subscribe returns a channel of changes made from now on, closed when
	// ctx ends. A subscriber that falls far behind gets ChangeResync
	// instead of the changes it missed.
	Subscribe(ctx context.Context) (<-chan Change, error)
}

// Locker lets one instance at a time do a job, such as embedding an
// article ("embed:<guild>/<id>").
type Locker interface {
	// TryLock takes the named lock if no instance holds it; ok is false
	// when another does. unlock releases it; a crashed holder's lock is
	// released by the database (or with the process, for files).
	TryLock(ctx context.Context, name string) (unlock func(), ok bool, err error)
}

// CheckArticle reports whether a may be stored.
func CheckArticle(a Article) error {
	if err := CheckID("guild id", a.GuildID); err != nil {
		return err
	}
	if err := checkRequiredID("article id", a.ID); err != nil {
		return err
	}
	if err := checkText("text", a.Text, MaxTextBytes); err != nil {
		return err
	}
	for _, f := range []string{a.Title, a.URL, a.Source, a.Hash, a.Embedder, a.Path, a.Stemmer} {
		if err := checkText("article field", f, maxFieldBytes); err != nil {
			return err
		}
	}
	if a.Dim < 0 || a.Dim > maxVectorDim {
		return invalid("vector dimension %d out of range", a.Dim)
	}
	if len(a.Chunks) > maxChunks {
		return invalid("more than %d chunks", maxChunks)
	}
	for _, s := range a.Sentences {
		if s.Start < 0 || s.End < s.Start || s.End > len(a.Text) {
			return invalid("sentence span %d-%d outside the text", s.Start, s.End)
		}
	}
	for _, c := range a.Chunks {
		if c.Start < 0 || c.End < c.Start || c.End > len(a.Text) {
			return invalid("chunk span %d-%d outside the text", c.Start, c.End)
		}
		if c.First < 0 || c.Last < c.First || c.Last > len(a.Sentences) {
			return invalid("chunk sentences %d-%d out of range", c.First, c.Last)
		}
		if len(c.Vector) != a.Dim {
			return invalid("chunk vector has %d dimensions, article says %d", len(c.Vector), a.Dim)
		}
		if len(c.Stems) > c.End-c.Start {
			return invalid("%d stems in a chunk of %d bytes", len(c.Stems), c.End-c.Start)
		}
		if err := CheckStems(c.Stems); err != nil {
			return err
		}
	}
	return nil
}

// CheckStems reports whether a chunk's stems may be stored: each one word.
func CheckStems(stems []string) error {
	for _, st := range stems {
		if st == "" || len(st) > maxFieldBytes || strings.ContainsAny(st, " \t\n\r") {
			return invalid("chunk stem %.40q is not one word", st)
		}
	}
	return nil
}
