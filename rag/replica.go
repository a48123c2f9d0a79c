package rag

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/index"
	"github.com/newsbot/storybot/store"
)

// Replicas.
//
// With Options.Store set (PostgreSQL when DATABASE_URL is), the engine is a
// replica: its index lives in memory only and is built at start from the
// store's articles, their chunks and vectors as saved, so nothing is
// re-embedded. Its own corpus (the bundled story or CORPUS_DIR) is merged
// in: an article the store lacks, or holds at another hash, is embedded
// through store.EmbedOnce, so when replicas start together one embeds it
// and the others load what it saved. FollowStore keeps the index in line with
// the store: an article saved or deleted through any replica reaches every
// other within the time its Sync takes.
//
// A start reads the store's articles in one walk before the corpus: a
// corpus file whose stored version was read from a file of the same id,
// size and modification time is taken from the store rather than read and
// cleaned again, and the index takes each stored chunk's vector and word
// stems (saved by whichever replica embedded it) rather than embed and
// tokenise it.
//
// The store's articles of the shared corpus (guild "") are the index's;
// articles a replica's corpus lacks stay (they came from another replica
// or were added as sources), and an article deleted from the store leaves
// every index.

// Store is what a replica needs of the shared state.
type Store interface {
	store.Embedding
	store.Changes
}

// busyWait bounds how long a replica waits for another to finish embedding
// an article before embedding it itself (without saving it).
const busyWait = 2 * time.Minute

// busyPoll is how often a waiting replica looks whether the article is in.
const busyPoll = 250 * time.Millisecond

// vectorCache holds the vectors of chunk texts loaded from the store, and
// their content stems when stored, for the index's embedder to hand out
// instead of embedding (and the lexicon tokenising) them again.
type vectorCache struct {
	mu   sync.Mutex
	vecs map[string]cachedChunk
}

// cachedChunk is a chunk text's vector and content stems (nil: not known).
type cachedChunk struct {
	vec   []float32
	stems []string
}

func (c *vectorCache) put(text string, v []float32, stems []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.vecs == nil {
		c.vecs = make(map[string]cachedChunk)
	}
	c.vecs[text] = cachedChunk{v, stems}
}

// take returns the vector and stems of text. They stay cached (documents
// may share a chunk's text) until reset, after the sync in progress.
func (c *vectorCache) take(text string) (cachedChunk, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.vecs[text]
	return v, ok
}

func (c *vectorCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vecs = nil
}

// cachedEmbedder embeds with inner what c does not hold, and hands the
// index the stems c holds.
func cachedEmbedder(inner *Embedder, c *vectorCache) *Embedder {
	return index.WithStems(inner, func(ctx context.Context, texts []string) ([][]float32, [][]string, error) {
		out := make([][]float32, len(texts))
		stems := make([][]string, len(texts))
		var miss []string
		var at []int
		for i, t := range texts {
			if cc, ok := c.take(t); ok {
				out[i], stems[i] = cc.vec, cc.stems
				continue
			}
			miss = append(miss, t)
			at = append(at, i)
		}
		if len(miss) == 0 {
			return out, stems, nil
		}
		vecs, st, err := inner.EmbedStems(ctx, miss)
		if err != nil {
			return nil, nil, err
		}
		for j, v := range vecs {
			out[at[j]] = v
			if j < len(st) {
				stems[at[j]] = st[j]
			}
		}
		return out, stems, nil
	})
}

// replicate merges the store's articles into docs (the engine's own
// corpus, as read) and readies the vectors of every document the index
// must add: from the store, or embedded once for all replicas. It returns
// the documents the index is to hold. e.mu is held.
func (e *Engine) replicate(ctx context.Context, docs []*corpus.Document, unreadable map[string]bool) ([]*corpus.Document, error) {
	st := e.opts.Store
	defer func() { e.fetched = nil }() // a start's walk serves its first sync only
	hashes, err := st.ArticleHashes(ctx, e.storeGuild())
	if err != nil {
		return nil, fmt.Errorf("replicate: %w", err)
	}
	e.cache.reset()
	needs := func(id, hash string) bool {
		d, ok := e.ix.Document(id)
		return !ok || d.Hash != hash
	}
	local := make(map[string]bool, len(docs))
	for _, d := range docs {
		local[d.ID] = true
	}
	// A file this engine's corpus held at the last sync and no longer
	// does was removed here: it leaves the store, unless another replica
	// saved another version of it since (or it is only unreadable now).
	for id := range e.localIDs {
		if local[id] || unreadable[id] {
			continue
		}
		if d, ok := e.ix.Document(id); ok && hashes[id] == d.Hash {
			err := st.DeleteArticle(ctx, store.ArticleKey{GuildID: e.storeGuild(), ID: id})
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return nil, fmt.Errorf("replicate: remove %q: %w", id, err)
			}
			delete(hashes, id)
		}
	}
	e.localIDs = local
	// The store's articles this corpus lacks: kept as indexed when the
	// index has them at the stored hash, else loaded with their vectors.
	var fetch []string
	out := append([]*corpus.Document(nil), docs...)
	for id, hash := range hashes {
		if local[id] {
			continue
		}
		if d, ok := e.ix.Document(id); ok && d.Hash == hash {
			out = append(out, d)
			continue
		}
		fetch = append(fetch, id)
	}
	loaded, err := e.loadArticles(ctx, fetch, hashes)
	if err != nil {
		return nil, err
	}
	out = append(out, loaded...)
	// The corpus's own documents: what the index must add comes from the
	// store when it holds that version, else it is embedded once.
	for _, d := range docs {
		if !needs(d.ID, d.Hash) {
			continue
		}
		if hashes[d.ID] == d.Hash {
			if ok, err := e.loadVectors(ctx, d); err != nil || ok {
				if err != nil {
					return nil, err
				}
				continue
			}
		}
		if err := e.embedOnce(ctx, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// storeGuild is the guild of the engine's articles in the store: the
// shared corpus's ("") for the root engine, a server's own for its engine.
func (e *Engine) storeGuild() string { return e.guild }

// embedsOnce reports whether a server's engine shares its own articles'
// vectors through the store: their files reach every replica (the sources
// package mirrors them), and each is embedded by one replica only.
func (e *Engine) embedsOnce() bool { return e.opts.Store != nil && e.guild != "" }

// embedOwn puts in the cache the vectors of the server's own new and
// changed articles: from the store when a replica saved them at this
// version, else embedded here and saved (or awaited from the replica
// embedding them now). An own article gone from the folder leaves the
// store (forget).
func (e *Engine) embedOwn(ctx context.Context, docs []*corpus.Document, unreadable map[string]bool) error {
	e.cache.reset()
	prefix := "sources/" + GuildDirName(e.guild) + "/"
	own := make(map[string]bool)
	for _, d := range docs {
		if !strings.HasPrefix(d.ID, prefix) {
			continue
		}
		own[d.ID] = true
		if old, ok := e.ix.Document(d.ID); ok && old.Hash == d.Hash {
			continue
		}
		ok, err := e.loadVectors(ctx, d)
		if err != nil {
			return err
		}
		if !ok {
			if err := e.embedOnce(ctx, d); err != nil {
				return err
			}
		}
	}
	for id := range e.localIDs {
		if !own[id] && !unreadable[id] {
			if err := e.forget(ctx, id); err != nil {
				return err
			}
		}
	}
	e.localIDs = own
	return nil
}

// forget removes a server's own article, gone from its folder, from the
// store, unless the store holds another version of it (another replica's).
func (e *Engine) forget(ctx context.Context, id string) error {
	d, ok := e.ix.Document(id)
	if !ok {
		return nil
	}
	key := store.ArticleKey{GuildID: e.guild, ID: id}
	if h, err := e.opts.Store.ArticleHash(ctx, key); err != nil || h != d.Hash {
		return nil
	}
	if err := e.opts.Store.DeleteArticle(ctx, key); err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("remove %q: %w", id, err)
	}
	return nil
}

// forgetOwn removes from the store the server's own articles this engine
// held, when the server has no sources left.
func (e *Engine) forgetOwn(ctx context.Context) error {
	if !e.embedsOnce() {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	for id := range e.localIDs {
		errs = append(errs, e.forget(ctx, id))
	}
	e.localIDs = nil
	return errors.Join(errs...)
}

// replica reports whether the engine's index is the store's: the root
// engine's, when a store is set. A server's own engine (guild.go) keeps
// its index under the data folder as without a store, taking the shared
// corpus's vectors from the root's index.
func (e *Engine) replica() bool { return e.opts.Store != nil && e.guild == "" }

// prefetch reads the store's articles of the engine's guild in one walk,
// for a replica's start, and returns the reuse function its corpus is read
// with: a corpus file whose stored version was read from a file of the same
// id, size and modification time (as a local index's reuser judges) is
// not read and cleaned again, and its vectors, like the store's other
// articles, come from the same walk (loadArticles, loadVectors) rather
// than a query each.
func (e *Engine) prefetch(ctx context.Context) (func(string, corpus.Stamp) *corpus.Document, error) {
	e.fetched = make(map[string]store.Article)
	err := e.opts.Store.EachArticle(ctx, func(a store.Article) error {
		if a.GuildID == e.storeGuild() {
			e.fetched[a.ID] = a
		}
		return nil
	})
	if err != nil {
		e.fetched = nil
		return nil, fmt.Errorf("read the store's articles: %w", err)
	}
	return func(id string, stamp corpus.Stamp) *corpus.Document {
		a, ok := e.fetched[id]
		if !ok || stamp == (corpus.Stamp{}) || stamp != (corpus.Stamp{Size: a.StampSize, ModTime: a.StampModTime}) {
			return nil
		}
		return documentOf(a)
	}, nil
}

// fetchedAt returns the article id as prefetch read it, when the store
// still holds that version (hash).
func (e *Engine) fetchedAt(id, hash string) (store.Article, bool) {
	a, ok := e.fetched[id]
	return a, ok && a.Hash == hash
}

// loadArticles loads the named articles of the store (hashes holds their
// versions) as documents and caches their vectors: those prefetched from
// the walk that read them; of many others, it reads them all in one walk.
func (e *Engine) loadArticles(ctx context.Context, ids []string, hashes map[string]string) ([]*corpus.Document, error) {
	var out []*corpus.Document
	add := func(a store.Article) {
		d, _ := e.cacheArticle(a) // without cached vectors, the index embeds it
		// Its file, if any, was read by another replica: quotes are checked
		// against the stored text (which must match its hash), never a file
		// that happens to have that path here.
		d.Path, d.Stamp = "", corpus.Stamp{}
		out = append(out, d)
	}
	rest := ids[:0:0]
	for _, id := range ids {
		if a, ok := e.fetchedAt(id, hashes[id]); ok {
			add(a)
			continue
		}
		rest = append(rest, id)
	}
	ids = rest
	if len(ids) == 0 {
		return out, nil
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	if len(ids) > len(hashes)/4 {
		err := e.opts.Store.EachArticle(ctx, func(a store.Article) error {
			if a.GuildID == e.storeGuild() && want[a.ID] {
				add(a)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load articles: %w", err)
		}
		return out, nil
	}
	for _, id := range ids {
		a, err := e.opts.Store.Article(ctx, store.ArticleKey{GuildID: e.storeGuild(), ID: id})
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted since
		}
		if err != nil {
			return nil, fmt.Errorf("load article %q: %w", id, err)
		}
		add(a)
	}
	return out, nil
}

// loadVectors caches the stored vectors of d's version; false when the
// store no longer holds it, or holds another embedder's vectors.
func (e *Engine) loadVectors(ctx context.Context, d *corpus.Document) (bool, error) {
	if a, ok := e.fetchedAt(d.ID, d.Hash); ok {
		return e.cacheVectors(a, d), nil
	}
	a, err := e.opts.Store.Article(ctx, store.ArticleKey{GuildID: e.storeGuild(), ID: d.ID})
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load article %q: %w", d.ID, err)
	}
	if a.Hash != d.Hash {
		return false, nil
	}
	return e.cacheVectors(a, d), nil
}

// cacheArticle turns a stored article into a document and caches its
// chunks' vectors (cacheVectors).
func (e *Engine) cacheArticle(a store.Article) (*corpus.Document, bool) {
	d := documentOf(a)
	return d, e.cacheVectors(a, d)
}

// cacheVectors caches the vectors of a's chunks by their text, d being a as
// a document; false when they cannot serve this index (another embedder),
// so the index embeds the document itself. The index finds a chunk's
// vector by its text: a chunk the chunker now makes otherwise than the
// stored ones is embedded, the others are not, and the document need not
// be chunked here to tell.
func (e *Engine) cacheVectors(a store.Article, d *corpus.Document) bool {
	if a.Embedder != e.ix.Embedder().ID {
		e.log.Warn("stored article embedded by another embedder; embedding it here", "doc", a.ID, "stored", a.Embedder, "here", e.ix.Embedder().ID)
		return false
	}
	stemmed := a.Stemmer == index.StemmerID
	for _, c := range a.Chunks {
		if c.Start < 0 || c.End < c.Start || c.End > len(d.Text) {
			e.log.Warn("stored chunk outside its article's text; embedding the article here", "doc", a.ID)
			return false
		}
	}
	for _, c := range a.Chunks {
		var stems []string
		if stemmed {
			stems = c.Stems
		}
		e.cache.put(d.Text[c.Start:c.End], c.Vector, stems)
	}
	return true
}

// embedOnce embeds d and saves it unless another replica does or did; its
// vectors end in the cache either way (or the index embeds d itself when
// the other replica takes too long).
func (e *Engine) embedOnce(ctx context.Context, d *corpus.Document) error {
	key := store.ArticleKey{GuildID: e.storeGuild(), ID: d.ID}
	inner := e.opts.Embedder
	outcome, err := store.EmbedOnce(ctx, e.opts.Store, key, d.Hash, func(ctx context.Context) (store.Article, error) {
		chunks := corpus.Chunks(d, corpus.DefaultChunkOptions)
		a := articleOf(d, e.storeGuild(), inner.ID)
		// The stems are saved too, so that no replica's start tokenises
		// the chunks again: the local embedder finds them as it embeds;
		// beside another, tokenising costs little next to its call.
		a.Stemmer = index.StemmerID
		for start := 0; start < len(chunks); start += index.EmbedBatch {
			end := min(start+index.EmbedBatch, len(chunks))
			texts := make([]string, end-start)
			for i := range texts {
				texts[i] = chunks[start+i].Text
			}
			vecs, stems, err := inner.EmbedStems(ctx, texts)
			if err != nil {
				return store.Article{}, err
			}
			for i, v := range vecs {
				index.Normalize(v)
				c := chunks[start+i]
				var st []string
				if i < len(stems) && stems[i] != nil {
					st = stems[i]
				} else {
					st = lang.ContentStems(c.Text)
				}
				st = storable(st)
				first := d.SentenceAt(c.Span.Start)
				a.Chunks = append(a.Chunks, store.Chunk{Start: c.Span.Start, End: c.Span.End, First: first, Last: first + len(c.Sentences), Vector: v, Stems: st})
				a.Dim = len(v)
				e.cache.put(c.Text, v, st)
			}
		}
		return a, nil
	})
	if err != nil {
		return fmt.Errorf("replicate %q: %w", d.ID, err)
	}
	switch outcome {
	case store.AlreadyStored:
		_, err := e.loadVectors(ctx, d)
		return err
	case store.Busy:
		return e.awaitOther(ctx, d)
	}
	return nil
}

// storable is stems when the store can keep them (each one word), else nil:
// the chunk is then tokenised at a start, as without stored stems.
func storable(stems []string) []string {
	if store.CheckStems(stems) != nil {
		return nil
	}
	return stems
}

// awaitOther waits for the replica embedding d to save it, then loads its
// vectors; past busyWait the index embeds d itself.
func (e *Engine) awaitOther(ctx context.Context, d *corpus.Document) error {
	key := store.ArticleKey{GuildID: e.storeGuild(), ID: d.ID}
	deadline := time.Now().Add(busyWait)
	for time.Now().Before(deadline) {
		h, err := e.opts.Store.ArticleHash(ctx, key)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("replicate %q: %w", d.ID, err)
		}
		if h == d.Hash {
			_, err := e.loadVectors(ctx, d)
			return err
		}
		t := time.NewTimer(busyPoll)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	e.log.Warn("another replica is still embedding an article; embedding it here too", "doc", d.ID)
	return nil
}

// FollowStore keeps a replica's index in line with the store until ctx ends: an
// article saved or deleted through any replica is synced in (the changes
// that arrive together in one sync). What changed between Open and its
// subscription is synced first, so nothing is missed. It returns nil when
// ctx ends, at once when the engine has no store.
func (e *Engine) FollowStore(ctx context.Context) error {
	if !e.replica() {
		return nil
	}
	ch, err := e.opts.Store.Subscribe(ctx)
	if err != nil {
		return fmt.Errorf("follow the store: %w", err)
	}
	// What changed between Open and the subscription is synced first.
	if _, err := e.Sync(ctx, nil); err != nil && ctx.Err() == nil {
		e.log.Error("sync with the store", "err", err)
	}
	for {
		var c store.Change
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case c, ok = <-ch:
			if !ok {
				return nil
			}
		}
		pending := e.matters(c)
		for drained := false; !drained; {
			select {
			case c, ok = <-ch:
				if !ok {
					return nil
				}
				pending = pending || e.matters(c)
			default:
				drained = true
			}
		}
		if !pending {
			continue
		}
		st, err := e.Sync(ctx, nil)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			e.log.Error("sync after a change in the store", "err", err)
		default:
			e.log.Info("synced a change from the store", "documents", st.Documents, "added", st.Added, "updated", st.Updated, "removed", st.Removed, "embedded", st.Embedded)
		}
	}
}

// matters reports whether c changes what the index holds.
func (e *Engine) matters(c store.Change) bool {
	if c.Kind == store.ChangeResync {
		return true
	}
	if c.Kind == store.ChangeSource {
		return false // a source's file: sources.Manager.FollowStore writes it in its folder, then syncs
	}
	if c.GuildID != e.storeGuild() {
		return false
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.ix.Document(c.ID)
	switch c.Kind {
	case store.ChangeDeleted:
		return ok
	default:
		return !ok || d.Hash != c.Hash
	}
}

// AddDocument saves d in the store (embedding it once for all replicas)
// and adds it to the index; every replica following the store adds it too.
// Without a store it is an error: a local engine's corpus is its folder.
func (e *Engine) AddDocument(ctx context.Context, d *corpus.Document) error {
	if !e.replica() {
		return errors.New("add document: no shared store (DATABASE_URL)")
	}
	e.mu.Lock()
	err := e.embedOnce(ctx, d)
	e.mu.Unlock()
	if err != nil {
		return fmt.Errorf("add document: %w", err)
	}
	if _, err := e.Sync(ctx, nil); err != nil {
		return fmt.Errorf("add document: %w", err)
	}
	return nil
}

// articleOf is d as a stored article of guild, without its chunks.
func articleOf(d *corpus.Document, guild, embedder string) store.Article {
	a := store.Article{
		GuildID: guild, ID: d.ID, Title: d.Title, Published: d.Published, URL: d.URL, Source: d.Source,
		Text: d.Text, Hash: d.Hash, Path: d.Path, StampSize: d.Stamp.Size, StampModTime: d.Stamp.ModTime,
		Embedder: embedder, Chunks: []store.Chunk{},
	}
	a.Sentences = make([]store.Span, len(d.Sentences))
	for i, s := range d.Sentences {
		a.Sentences[i] = store.Span{Start: s.Start, End: s.End}
	}
	return a
}

// documentOf is a stored article as a document.
func documentOf(a store.Article) *corpus.Document {
	d := &corpus.Document{
		ID: a.ID, Title: a.Title, Published: publishedAsHashed(a), URL: a.URL, Source: a.Source, Path: a.Path,
		Text: a.Text, Hash: a.Hash, Stamp: corpus.Stamp{Size: a.StampSize, ModTime: a.StampModTime},
	}
	d.Sentences = make([]corpus.Span, len(a.Sentences))
	for i, s := range a.Sentences {
		d.Sentences[i] = corpus.Span{Start: s.Start, End: s.End}
	}
	return d
}

// Zones that give a stored instant each calendar date it can have had.
var (
	eastmost = time.FixedZone("UTC+14", 14*3600)
	westmost = time.FixedZone("UTC-12", -12*3600)
)

// publishedAsHashed is a's published instant in a zone where its date is
// the one a's hash was made with: a database keeps the instant, not the
// zone the article gave, and the date (part of the hash, and shown in
// citations) may differ by a day between zones. UTC when none matches.
func publishedAsHashed(a store.Article) time.Time {
	t := a.Published.UTC()
	if t.IsZero() {
		return a.Published
	}
	tried := make([]string, 0, 3)
	for _, z := range []*time.Location{time.UTC, eastmost, westmost} {
		in := t.In(z)
		if date := in.Format(corpus.DateLayout); !slices.Contains(tried, date) {
			tried = append(tried, date)
			if corpus.Hash(a.ID, a.Title, in, a.URL, a.Source, a.Text) == a.Hash {
				return in
			}
		}
	}
	return t
}
