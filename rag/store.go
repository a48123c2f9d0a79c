package rag

import (
	"bufio"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/philippgille/chromem-go"
)

// storeFormat changes when the on-disk layout does; an index of another
// format is rebuilt.
const storeFormat = 1

// The index folder holds these files. They are written to a sibling folder
// first and swapped in with renames, so a crash mid-save leaves the previous
// index whole.
const (
	manifestFile = "manifest.json"
	tablesFile   = "tables.gob"  // documents, chunk references, lexicon
	vectorsFile  = "vectors.gob" // chromem-go export of the chunk collection
)

type manifest struct {
	Format    int       `json:"format"`
	Embedder  string    `json:"embedder"`
	Dim       int       `json:"dim"`
	Documents int       `json:"documents"`
	Chunks    int       `json:"chunks"`
	Saved     time.Time `json:"saved"`
}

type storedDoc struct {
	ID, Title, URL, Source, Path, Text, Hash string
	Published                                time.Time
	Sentences                                []corpus.Span
}

type tables struct {
	Docs   []storedDoc
	Chunks []chunkRef
	Lex    *lexicon
}

// openIndex loads the index stored in dir. A missing index, one built by
// another embedder or format, or a corrupt one yields an empty index (the
// corpus is the source of truth, so the next sync rebuilds it) and says why
// in the log.
func openIndex(dir string, e *Embedder, log *slog.Logger) *Index {
	ix, err := loadIndex(dir, e, log)
	switch {
	case err == nil:
		return ix
	case errors.Is(err, fs.ErrNotExist):
		log.Info("no index yet; building it", "dir", dir)
	case errors.Is(err, errEmbedderChanged):
		log.Warn("rebuilding the index", "dir", dir, "reason", err)
	default:
		log.Warn("index unreadable; rebuilding it", "dir", dir, "err", err)
	}
	return newEmptyIndex(dir, e, log)
}

func loadIndex(dir string, e *Embedder, log *slog.Logger) (*Index, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		// A crash between the two renames of a save leaves only the old copy.
		if _, err := os.Stat(dir + ".old"); err == nil {
			if err := os.Rename(dir+".old", dir); err != nil {
				return nil, err
			}
		}
	}
	var m manifest
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	if m.Format != storeFormat || m.Embedder != e.ID {
		return nil, fmt.Errorf("%w (format %d, embedder %q; now format %d, embedder %q)", errEmbedderChanged, m.Format, m.Embedder, storeFormat, e.ID)
	}
	var t tables
	if err := readGob(filepath.Join(dir, tablesFile), &t); err != nil {
		return nil, fmt.Errorf("read tables: %w", err)
	}
	db := chromem.NewDB()
	f, err := os.Open(filepath.Join(dir, vectorsFile))
	if err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	defer f.Close()
	if err := db.ImportFromReader(f, ""); err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	coll := db.GetCollection(collectionName, nil)
	if coll == nil || coll.Count() != len(t.Chunks) || t.Lex == nil || len(t.Lex.Lengths) != len(t.Chunks) {
		return nil, errors.New("index files disagree on the number of chunks")
	}
	ix := &Index{dir: dir, embedder: e, log: log, db: db, coll: coll, dim: m.Dim, chunks: t.Chunks, lex: t.Lex}
	ix.lex.init()
	ix.docs = make([]*corpus.Document, len(t.Docs))
	ix.byID = make(map[string]int, len(t.Docs))
	for i, sd := range t.Docs {
		ix.docs[i] = &corpus.Document{ID: sd.ID, Title: sd.Title, Published: sd.Published, URL: sd.URL, Source: sd.Source,
			Path: sd.Path, Text: sd.Text, Sentences: sd.Sentences, Hash: sd.Hash}
		ix.byID[sd.ID] = i
	}
	for _, c := range ix.chunks {
		if c.Doc < 0 || c.Doc >= len(ix.docs) || c.Span.End > len(ix.docs[c.Doc].Text) {
			return nil, errors.New("index tables are inconsistent")
		}
	}
	return ix, nil
}

// save writes the index to its folder, replacing the previous one whole.
func (ix *Index) save() error {
	tmp := ix.dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	t := tables{Chunks: ix.chunks, Lex: ix.lex, Docs: make([]storedDoc, len(ix.docs))}
	for i, d := range ix.docs {
		t.Docs[i] = storedDoc{ID: d.ID, Title: d.Title, URL: d.URL, Source: d.Source, Path: d.Path, Text: d.Text,
			Hash: d.Hash, Published: d.Published, Sentences: d.Sentences}
	}
	if err := writeFile(filepath.Join(tmp, tablesFile), func(w *bufio.Writer) error { return gob.NewEncoder(w).Encode(&t) }); err != nil {
		return fmt.Errorf("save index tables: %w", err)
	}
	if err := writeFile(filepath.Join(tmp, vectorsFile), func(w *bufio.Writer) error {
		return ix.db.ExportToWriter(w, false, "", collectionName)
	}); err != nil {
		return fmt.Errorf("save index vectors: %w", err)
	}
	m := manifest{Format: storeFormat, Embedder: ix.embedder.ID, Dim: ix.dim, Documents: len(ix.docs), Chunks: len(ix.chunks), Saved: time.Now().UTC()}
	if err := writeFile(filepath.Join(tmp, manifestFile), func(w *bufio.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return fmt.Errorf("save index manifest: %w", err)
	}
	old := ix.dir + ".old"
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	if err := os.Rename(ix.dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("save index: %w", err)
	}
	if err := os.Rename(tmp, ix.dir); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	return os.RemoveAll(old)
}

// writeFile writes a file through a buffer and syncs it to disk.
func writeFile(path string, write func(*bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readGob(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(v)
}
