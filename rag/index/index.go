package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/philippgille/chromem-go"
)

const collectionName = "chunks"

// EmbedBatch is how many chunks a sync embeds at a time: large enough that a
// remote API's per-request cost is spread, small enough that progress moves.
const EmbedBatch = 1024

// chunkRef locates a chunk: its document and its sentences. Offsets are
// int32, as a document's text is at most corpus.MaxFileBytes (8 MB), far
// below 2 GB; 40 bytes a chunk instead of 56.
type chunkRef struct {
	ID         string
	Doc        int32 // index into Index.docs
	Start, End int32 // its span of the document's text
	First      int32 // index of its first sentence in the document
	Last       int32 // index after its last sentence
}

// span is the chunk's span of its document's text.
func (c chunkRef) span() corpus.Span { return corpus.Span{Start: int(c.Start), End: int(c.End)} }

// Index is the searchable corpus: documents, their chunks embedded in a
// chromem-go collection, and a lexical index over the same chunks. It is
// rebuilt incrementally by Sync and persisted under a folder.
type Index struct {
	dir      string
	embedder *Embedder
	log      *slog.Logger
	saved    time.Time // the stored version this index was loaded from or saved as

	db   *chromem.DB
	coll *chromem.Collection
	// vecs are the chunks' vectors by slot, the same slices the collection
	// holds: saving and scoring read them here (through vec), as chromem-go
	// only hands out copies. A loaded index leaves vecs nil and reads them
	// from slab, the mapped vectors file in slot order, until a sync moves
	// slots (a slice header a chunk is 2.4 MB at 100,000 chunks). added
	// holds those a sync's add embedded, by chunk id, until rebuildTables
	// gives them slots. (A map by chunk id for all of them cost 8 MB at
	// 100,000 chunks.)
	vecs   [][]float32
	slab   []float32
	added  map[string][]float32
	dim    int
	docs   []*corpus.Document
	byID   map[string]int
	chunks []chunkRef
	lex    *lexicon
	// fresh are the chunks a sync's add just made, by document id, with
	// their content stems when the embedder found them: the tables that
	// follow reuse them rather than chunk and stem those documents again.
	// rebuildTables empties it.
	fresh map[string]freshChunks
}

// freshChunks are one document's chunks as add made them, with the content
// stems of each (nil when not known).
type freshChunks struct {
	chunks []corpus.Chunk
	stems  [][]string
}

// Progress is told how many chunks of a sync have been embedded so far.
type Progress func(done, total int)

// SyncStats says what a sync changed.
type SyncStats struct {
	Documents int // documents in the index after the sync
	Chunks    int // chunks in the index after the sync
	Added     int // documents new to the index
	Updated   int // documents whose content changed
	Removed   int // documents no longer in the corpus
	Kept      int // documents that could not be read this time and kept their indexed version
	Embedded  int // chunks embedded by this sync
	Touched   int // documents whose file moved or was touched, its content unchanged
	// Problems are the corpus files that were skipped, each a
	// *corpus.FileError saying why.
	Problems []error
	// Timings are how long the sync's steps took.
	Timings Timings
}

// Timings are how long the steps of building an index took; a measure of
// the product by the product, which `bot bench` reports stage by stage.
type Timings struct {
	Read   time.Duration // reading and cleaning the corpus files (set by whoever read them)
	Chunk  time.Duration // splitting documents into chunks
	Embed  time.Duration // embedding the chunks
	Store  time.Duration // adding the chunks to chromem-go
	Tables time.Duration // the chunk tables and the lexicon
	Save   time.Duration // writing the index to its folder (set by whoever saved it)
}

// Changed reports whether the sync changed the index.
func (s SyncStats) Changed() bool {
	return s.Added+s.Updated+s.Removed > 0
}

func newEmptyIndex(dir string, e *Embedder, log *slog.Logger) *Index {
	db := chromem.NewDB()
	coll, _ := db.GetOrCreateCollection(collectionName, nil, nil)
	return &Index{dir: dir, embedder: e, log: log, db: db, coll: coll, byID: map[string]int{}, lex: buildLexicon(nil)}
}

// Sync brings the index in line with docs: it embeds the chunks of new and
// changed documents (by content hash), drops those of removed ones, and
// leaves the rest untouched. Documents listed in unreadable (ids of files that
// could not be read this time) keep their indexed version. A change of
// embedder rebuilds the whole index rather than mixing vectors.
func (ix *Index) Sync(ctx context.Context, docs []*corpus.Document, unreadable map[string]bool, progress Progress) (SyncStats, error) {
	plan := ix.plan(docs, unreadable)
	st := plan.stats
	if err := ix.dropChunks(ctx, plan.stale); err != nil {
		return st, err
	}
	embedded, err := ix.add(ctx, plan.changed, progress, &st.Timings)
	if errors.Is(err, errDimensionChanged) && len(ix.docs) > 0 {
		return ix.rebuild(ctx, docs, unreadable, progress, err)
	}
	if err != nil {
		return st, err
	}
	st.Embedded = embedded
	if len(plan.changed) == 0 && len(plan.stale) == 0 && sameDocs(ix.docs, plan.next) {
		// Nothing changed: the chunk tables and lexicon still hold, and
		// rebuilding them would cost as much as a restart's every other step.
		st.Touched = ix.restamp(plan.next)
		ix.fresh, ix.added = nil, nil
	} else {
		t := time.Now()
		ix.rebuildTables(plan.next)
		st.Timings.Tables = time.Since(t)
	}
	st.Documents, st.Chunks = len(ix.docs), len(ix.chunks)
	return st, nil
}

// syncPlan is what a sync must do: the documents the index will hold, those
// to embed, and the chunks to drop.
type syncPlan struct {
	next    []*corpus.Document
	changed []*corpus.Document
	stale   []string // chunk ids
	stats   SyncStats
}

// plan compares docs with the indexed documents.
func (ix *Index) plan(docs []*corpus.Document, unreadable map[string]bool) syncPlan {
	p := syncPlan{next: make([]*corpus.Document, 0, len(docs))}
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		seen[d.ID] = true
		p.next = append(p.next, d)
		old, ok := ix.byID[d.ID]
		switch {
		case !ok:
			p.stats.Added++
			p.changed = append(p.changed, d)
		case ix.docs[old].Hash != d.Hash:
			p.stats.Updated++
			p.changed = append(p.changed, d)
		}
	}
	staleDocs := make(map[string]bool)
	for _, d := range ix.docs {
		switch {
		case !seen[d.ID] && unreadable[d.ID]:
			p.stats.Kept++
			p.next = append(p.next, d)
		case !seen[d.ID]:
			p.stats.Removed++
			staleDocs[d.ID] = true
		}
	}
	for _, d := range p.changed {
		staleDocs[d.ID] = true
	}
	for _, c := range ix.chunks {
		if staleDocs[ix.docs[c.Doc].ID] {
			p.stale = append(p.stale, c.ID)
		}
	}
	return p
}

// dropChunks removes chunks from the collection and their vectors.
func (ix *Index) dropChunks(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := ix.coll.Delete(ctx, nil, nil, ids...); err != nil {
		return fmt.Errorf("remove stale chunks: %w", err)
	}
	return nil
}

// rebuild starts over after the model behind the embedder's name changed
// (cause), rather than mix vectors of two models. Documents that could not be
// read this time are re-embedded from their indexed text.
func (ix *Index) rebuild(ctx context.Context, docs []*corpus.Document, unreadable map[string]bool, progress Progress, cause error) (SyncStats, error) {
	ix.log.Warn("embedding dimension changed; rebuilding the index", "err", cause)
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		seen[d.ID] = true
	}
	all := docs
	for _, d := range ix.docs {
		if !seen[d.ID] && unreadable[d.ID] {
			all = append(all, d)
		}
	}
	kept := len(all) - len(docs)
	*ix = *newEmptyIndex(ix.dir, ix.embedder, ix.log)
	st, err := ix.Sync(ctx, all, unreadable, progress)
	st.Added -= kept
	st.Kept += kept
	return st, err
}

// restamp keeps the indexed documents (the chunks share their text) but
// takes from next where each file was read from and its stamp, which may
// have moved; it returns how many did.
func (ix *Index) restamp(next []*corpus.Document) int {
	touched := 0
	for i, d := range next {
		if old := ix.docs[i]; old.Path != d.Path || old.Stamp != d.Stamp {
			moved := *old
			moved.Path, moved.Stamp = d.Path, d.Stamp
			ix.docs[i] = &moved
			touched++
		}
	}
	return touched
}

// add chunks, embeds and stores docs, reporting progress per batch.
func (ix *Index) add(ctx context.Context, docs []*corpus.Document, progress Progress, tm *Timings) (int, error) {
	t := time.Now()
	var chunks []corpus.Chunk
	perDoc := make([][]corpus.Chunk, len(docs))
	for i, d := range docs {
		perDoc[i] = corpus.Chunks(d, corpus.DefaultChunkOptions)
		chunks = append(chunks, perDoc[i]...)
	}
	ix.fresh = nil
	tm.Chunk += time.Since(t)
	if len(chunks) == 0 {
		return 0, nil
	}
	stems := make([][]string, len(chunks))
	for start := 0; start < len(chunks); start += EmbedBatch {
		end := min(start+EmbedBatch, len(chunks))
		texts := make([]string, end-start)
		for i := range texts {
			texts[i] = chunks[start+i].Text
		}
		t = time.Now()
		var vecs [][]float32
		var err error
		if ix.embedder.embedStems != nil {
			var st [][]string
			vecs, st, err = ix.embedder.embedStems(ctx, texts)
			if err == nil && len(st) == len(texts) {
				copy(stems[start:end], st)
			}
		} else {
			vecs, err = ix.embedder.Embed(ctx, texts)
		}
		tm.Embed += time.Since(t)
		if err != nil {
			return start, fmt.Errorf("embed chunks: %w", err)
		}
		cdocs := make([]chromem.Document, len(texts))
		for i, v := range vecs {
			if ix.dim == 0 {
				ix.dim = len(v)
			}
			if len(v) != ix.dim {
				return start, fmt.Errorf("%w: got a %d-dimensional vector, the index holds %d", errDimensionChanged, len(v), ix.dim)
			}
			c := chunks[start+i]
			normalize(v) // as chromem-go would, so that both hold the same slice
			// No metadata: the tables say where a chunk comes from, and a
			// map per chunk cost 40 MB at 100,000 chunks that nothing read.
			cdocs[i] = chromem.Document{ID: c.ID, Embedding: v, Content: c.Text}
			if ix.added == nil {
				ix.added = make(map[string][]float32)
			}
			ix.added[c.ID] = v
		}
		t = time.Now()
		// The vectors are normalised already, so adding a chunk is a map
		// insert under chromem-go's lock: AddDocuments's goroutine per
		// chunk cost more than the insert it runs.
		err = ctx.Err()
		for i := 0; i < len(cdocs) && err == nil; i++ {
			err = ix.coll.AddDocument(ctx, cdocs[i])
		}
		tm.Store += time.Since(t)
		if err != nil {
			return start, fmt.Errorf("store chunks: %w", err)
		}
		if progress != nil {
			progress(end, len(chunks))
		}
	}
	ix.fresh = make(map[string]freshChunks, len(docs))
	for i, off := 0, 0; i < len(docs); i++ {
		n := len(perDoc[i])
		ix.fresh[docs[i].ID] = freshChunks{chunks: perDoc[i], stems: stems[off : off+n : off+n]}
		off += n
	}
	return len(chunks), nil
}

// rebuildTables recomputes the document and chunk tables and the lexicon
// from docs. Chunks are ordered by document, then position.
func (ix *Index) rebuildTables(docs []*corpus.Document) {
	// The vectors of the chunks kept, by id, before their slots move.
	prev := ix.added
	if prev == nil {
		prev = make(map[string][]float32, len(ix.chunks))
	}
	for slot, c := range ix.chunks {
		if _, ok := prev[c.ID]; !ok {
			if v := ix.vec(slot); v != nil {
				prev[c.ID] = v
			}
		}
	}
	ix.added = nil
	ix.docs = docs
	ix.byID = make(map[string]int, len(docs))
	ix.chunks = ix.chunks[:0]
	var texts []string
	var known [][]string
	for di, d := range docs {
		ix.byID[d.ID] = di
		f, ok := ix.fresh[d.ID]
		if !ok {
			f.chunks = corpus.Chunks(d, corpus.DefaultChunkOptions)
		}
		for i, c := range f.chunks {
			first := d.SentenceAt(c.Span.Start)
			ix.chunks = append(ix.chunks, chunkRef{ID: c.ID, Doc: int32(di), Start: int32(c.Span.Start), End: int32(c.Span.End),
				First: int32(first), Last: int32(first + len(c.Sentences))})
			texts = append(texts, c.Text)
			var st []string
			if f.stems != nil {
				st = f.stems[i]
			}
			known = append(known, st)
		}
	}
	ix.fresh = nil
	ix.vecs, ix.slab = make([][]float32, len(ix.chunks)), nil
	for slot, c := range ix.chunks {
		ix.vecs[slot] = prev[c.ID]
	}
	ix.lex = buildLexiconStems(texts, known)
}

// sameDocs reports whether a and b list the same documents in the same order.
func sameDocs(a, b []*corpus.Document) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Hash != b[i].Hash {
			return false
		}
	}
	return true
}

// reuser returns a function for corpus.LoadDirReusing that hands back the
// indexed document of a file whose stamp has not changed, so that an
// unchanged file is neither read nor cleaned again.
func (ix *Index) reuser() func(id string, stamp corpus.Stamp) *corpus.Document {
	known := make(map[string]*corpus.Document, len(ix.docs))
	for _, d := range ix.docs {
		if d.Stamp != (corpus.Stamp{}) {
			known[d.ID] = d
		}
	}
	return func(id string, stamp corpus.Stamp) *corpus.Document {
		if d, ok := known[id]; ok && d.Stamp == stamp {
			return d
		}
		return nil
	}
}

// errDimensionChanged means the embedder returned vectors of another size
// than the index holds.
var errDimensionChanged = errors.New("embedding dimension changed")

// errEmbedderChanged means the stored index was built by another embedder.
var errEmbedderChanged = errors.New("index was built with another embedder")

// Open loads the index stored in dir, or returns an empty one (to be built by
// Sync) when there is none, it was built by another embedder or format, or it
// is unreadable; the log says which.
func Open(dir string, e *Embedder, log *slog.Logger) *Index { return openIndex(dir, e, log) }

// Save writes the index to its folder, replacing the stored copy whole.
func (ix *Index) Save() error { return ix.save() }

// Embedder returns the embedder the index is built with.
func (ix *Index) Embedder() *Embedder { return ix.embedder }

// Documents returns the indexed documents, in index order. The slice and
// the documents are shared: read only.
func (ix *Index) Documents() []*corpus.Document { return ix.docs }

// Document returns the indexed document with the given id.
func (ix *Index) Document(id string) (*corpus.Document, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return ix.docs[i], true
}

// Weight is the rarity of a word stem in the indexed chunks (its BM25
// inverse document frequency) and whether any chunk uses it at all: the
// question analysis weighs a question's words by it.
func (ix *Index) Weight(stem string) (float64, bool) { return ix.lex.weight(stem) }

// Nearest returns the stem of the indexed chunks one typing slip away from
// stem, for a question's word the corpus never uses ("McConell").
func (ix *Index) Nearest(stem string) (string, bool) { return ix.lex.nearest(stem) }

// Reuser returns a function for corpus.LoadDirReusing that hands back the
// indexed document of a file whose stamp has not changed, so that an
// unchanged file is neither read nor cleaned again.
func (ix *Index) Reuser() func(id string, stamp corpus.Stamp) *corpus.Document { return ix.reuser() }

// CheckConsistency reports whether the parts of the index agree: chromem-go
// holds exactly the chunks of the tables, each with its text and a vector of the index's dimension, and each chunk id maps back to its
// slot. Sync and Open keep them so; an error means a bug or a damaged store.
func (ix *Index) CheckConsistency(ctx context.Context) error {
	if n := ix.coll.Count(); n != len(ix.chunks) {
		return fmt.Errorf("check index: chromem-go holds %d chunks, the tables %d", n, len(ix.chunks))
	}
	if ix.vecs == nil && len(ix.slab) != len(ix.chunks)*ix.dim || ix.vecs != nil && len(ix.vecs) != len(ix.chunks) {
		return fmt.Errorf("check index: %d vectors (%d floats mapped) for %d chunks", len(ix.vecs), len(ix.slab), len(ix.chunks))
	}
	for slot, c := range ix.chunks {
		if v := ix.vec(slot); len(v) != ix.dim {
			return fmt.Errorf("check index: chunk %s has a %d-dimensional vector in the tables, the index %d", c.ID, len(v), ix.dim)
		}
		if got, ok := ix.slotOf(c.ID); !ok || got != slot {
			return fmt.Errorf("check index: chunk id %q maps to slot %d (%v), want %d", c.ID, got, ok, slot)
		}
		doc, err := ix.coll.GetByID(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("check index: chunk %s: %w", c.ID, err)
		}
		d := ix.docs[c.Doc]
		if doc.Content != d.Slice(c.span()) {
			return fmt.Errorf("check index: chunk %s: stored content differs from the document", c.ID)
		}
		if len(doc.Embedding) != ix.dim {
			return fmt.Errorf("check index: chunk %s has a %d-dimensional vector, the index %d", c.ID, len(doc.Embedding), ix.dim)
		}
	}
	return nil
}

// vec returns the vector of the chunk in slot (nil when it has none yet).
func (ix *Index) vec(slot int) []float32 {
	if ix.vecs != nil {
		return ix.vecs[slot]
	}
	if (slot+1)*ix.dim > len(ix.slab) {
		return nil
	}
	return ix.slab[slot*ix.dim : (slot+1)*ix.dim : (slot+1)*ix.dim]
}

// Len returns how many chunks the index holds.
func (ix *Index) Len() int { return len(ix.chunks) }

// Dim returns the dimension of the index's vectors (0 when it is empty).
func (ix *Index) Dim() int { return ix.dim }

// VectorsFor returns, for each text, a copy of the vector of a chunk of
// this index with exactly that text, or nil when none has it: so that
// another index over some of the same documents (a server's own, beside
// the shared corpus) need not embed them again.
func (ix *Index) VectorsFor(texts []string) [][]float32 {
	want := make(map[string][]int, len(texts))
	for i, t := range texts {
		want[t] = append(want[t], i)
	}
	out := make([][]float32, len(texts))
	for slot, c := range ix.chunks {
		d := ix.docs[c.Doc]
		if int(c.End) > len(d.Text) {
			continue
		}
		idx, ok := want[d.Slice(c.span())]
		if !ok {
			continue
		}
		v := ix.vec(slot)
		if v == nil {
			continue
		}
		for _, i := range idx {
			out[i] = append([]float32(nil), v...)
		}
		delete(want, d.Slice(c.span()))
	}
	return out
}
