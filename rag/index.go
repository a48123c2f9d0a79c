package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/philippgille/chromem-go"
)

const collectionName = "chunks"

// chunkRef locates a chunk: its document and its sentences.
type chunkRef struct {
	ID    string
	Doc   int // index into Index.docs
	Span  corpus.Span
	First int // index of its first sentence in the document
	Last  int // index after its last sentence
}

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
	// vectors are the chunks' vectors by chunk id, the same slices the
	// collection holds: saving reads them here, as chromem-go only hands
	// out copies.
	vectors map[string][]float32
	dim     int
	docs    []*corpus.Document
	byID    map[string]int
	chunks  []chunkRef
	lex     *lexicon
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
}

// Changed reports whether the sync changed the index.
func (s SyncStats) Changed() bool {
	return s.Added+s.Updated+s.Removed > 0
}

func newEmptyIndex(dir string, e *Embedder, log *slog.Logger) *Index {
	db := chromem.NewDB()
	coll, _ := db.GetOrCreateCollection(collectionName, nil, nil)
	return &Index{dir: dir, embedder: e, log: log, db: db, coll: coll, vectors: map[string][]float32{}, byID: map[string]int{}, lex: buildLexicon(nil)}
}

// Sync brings the index in line with docs: it embeds the chunks of new and
// changed documents (by content hash), drops those of removed ones, and
// leaves the rest untouched. Documents listed in unreadable (ids of files that
// could not be read this time) keep their indexed version. A change of
// embedder rebuilds the whole index rather than mixing vectors.
func (ix *Index) Sync(ctx context.Context, docs []*corpus.Document, unreadable map[string]bool, progress Progress) (SyncStats, error) {
	var st SyncStats
	next := make([]*corpus.Document, 0, len(docs))
	seen := make(map[string]bool, len(docs))
	var changed []*corpus.Document
	for _, d := range docs {
		seen[d.ID] = true
		next = append(next, d)
		old, ok := ix.byID[d.ID]
		switch {
		case !ok:
			st.Added++
			changed = append(changed, d)
		case ix.docs[old].Hash != d.Hash:
			st.Updated++
			changed = append(changed, d)
		}
	}
	staleDocs := make(map[string]bool)
	for _, d := range ix.docs {
		switch {
		case !seen[d.ID] && unreadable[d.ID]:
			st.Kept++
			next = append(next, d)
		case !seen[d.ID]:
			st.Removed++
			staleDocs[d.ID] = true
		}
	}
	for _, d := range changed {
		staleDocs[d.ID] = true
	}
	var stale []string
	for _, c := range ix.chunks {
		if staleDocs[ix.docs[c.Doc].ID] {
			stale = append(stale, c.ID)
		}
	}
	if len(stale) > 0 {
		if err := ix.coll.Delete(ctx, nil, nil, stale...); err != nil {
			return st, fmt.Errorf("remove stale chunks: %w", err)
		}
		for _, id := range stale {
			delete(ix.vectors, id)
		}
	}
	embedded, err := ix.add(ctx, changed, progress)
	if errors.Is(err, errDimensionChanged) && len(ix.docs) > 0 {
		// The model behind the embedder's name changed: start over rather
		// than mix vectors of two models.
		ix.log.Warn("embedding dimension changed; rebuilding the index", "err", err)
		all := docs
		for _, d := range ix.docs {
			if !seen[d.ID] && unreadable[d.ID] {
				all = append(all, d) // re-embedded from its indexed text
			}
		}
		kept := len(all) - len(docs)
		*ix = *newEmptyIndex(ix.dir, ix.embedder, ix.log)
		st, err := ix.Sync(ctx, all, unreadable, progress)
		st.Added -= kept
		st.Kept += kept
		return st, err
	}
	if err != nil {
		return st, err
	}
	st.Embedded = embedded
	if len(changed) == 0 && len(stale) == 0 && sameDocs(ix.docs, next) {
		// Nothing changed: the chunk tables and lexicon still hold, and
		// rebuilding them would cost as much as a restart's every other step.
		// The indexed documents stay too, since the chunks share their text;
		// only where a file was read from, and its stamp, may have moved.
		for i, d := range next {
			if old := ix.docs[i]; old.Path != d.Path || old.Stamp != d.Stamp {
				moved := *old
				moved.Path, moved.Stamp = d.Path, d.Stamp
				ix.docs[i] = &moved
				st.Touched++
			}
		}
	} else {
		ix.rebuildTables(next)
	}
	st.Documents, st.Chunks = len(ix.docs), len(ix.chunks)
	return st, nil
}

// add chunks, embeds and stores docs, reporting progress per batch.
func (ix *Index) add(ctx context.Context, docs []*corpus.Document, progress Progress) (int, error) {
	var chunks []corpus.Chunk
	owner := make([]*corpus.Document, 0)
	for _, d := range docs {
		for _, c := range corpus.Chunks(d, corpus.DefaultChunkOptions) {
			chunks = append(chunks, c)
			owner = append(owner, d)
		}
	}
	if len(chunks) == 0 {
		return 0, nil
	}
	const batch = 1024
	for start := 0; start < len(chunks); start += batch {
		end := min(start+batch, len(chunks))
		texts := make([]string, end-start)
		for i := range texts {
			texts[i] = chunks[start+i].Text
		}
		vecs, err := ix.embedder.Embed(ctx, texts)
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
			c, d := chunks[start+i], owner[start+i]
			normalize(v) // as chromem-go would, so that both hold the same slice
			cdocs[i] = chromem.Document{ID: c.ID, Metadata: chunkMetadata(d, c), Embedding: v, Content: c.Text}
			ix.vectors[c.ID] = v
		}
		if err := ix.coll.AddDocuments(ctx, cdocs, runtime.NumCPU()); err != nil {
			return start, fmt.Errorf("store chunks: %w", err)
		}
		if progress != nil {
			progress(end, len(chunks))
		}
	}
	return len(chunks), nil
}

// chunkMetadata is what chromem-go keeps with each chunk, so that a chunk
// found by a raw chromem query can be cited on its own.
func chunkMetadata(d *corpus.Document, c corpus.Chunk) map[string]string {
	var sb strings.Builder
	for i, s := range c.Sentences {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(s.Start))
		sb.WriteByte('-')
		sb.WriteString(strconv.Itoa(s.End))
	}
	m := map[string]string{
		"doc":       d.ID,
		"title":     d.Title,
		"sentences": sb.String(),
	}
	if p := d.PublishedDate(); p != "" {
		m["published"] = p
	}
	if d.URL != "" {
		m["url"] = d.URL
	}
	return m
}

// rebuildTables recomputes the document and chunk tables and the lexicon
// from docs. Chunks are ordered by document, then position.
func (ix *Index) rebuildTables(docs []*corpus.Document) {
	ix.docs = docs
	ix.byID = make(map[string]int, len(docs))
	ix.chunks = ix.chunks[:0]
	var texts []string
	for di, d := range docs {
		ix.byID[d.ID] = di
		for _, c := range corpus.Chunks(d, corpus.DefaultChunkOptions) {
			first := d.SentenceAt(c.Span.Start)
			ix.chunks = append(ix.chunks, chunkRef{ID: c.ID, Doc: di, Span: c.Span, First: first, Last: first + len(c.Sentences)})
			texts = append(texts, c.Text)
		}
	}
	ix.lex = buildLexicon(texts)
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
