package rag

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/philippgille/chromem-go"
)

// storeFormat changes when the on-disk layout or what it holds does (3: the
// stems of the lexicon and the local embedder come from internal/lang, which
// lemmatises irregular verbs); an index of another format is rebuilt.
const storeFormat = 3

// The index folder holds these files. They are written to a sibling folder
// first and swapped in with renames, so a crash mid-save leaves the previous
// index whole.
const (
	manifestFile = "manifest.json"
	tablesFile   = "tables.gob"  // documents, chunk references, lexicon
	vectorsFile  = "vectors.f32" // chunk vectors, raw little-endian float32 in slot order
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
	Stamp                                    corpus.Stamp
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
	// The tables (CPU-bound gob) and the vectors (disk-bound) are read at
	// once; the manifest says how many vectors to expect.
	var vecs []float32
	vecErr := make(chan error, 1)
	go func() {
		var err error
		vecs, err = mapVectors(filepath.Join(dir, vectorsFile), m.Chunks, m.Dim)
		vecErr <- err
	}()
	var t tables
	if err := readGob(filepath.Join(dir, tablesFile), &t); err != nil {
		<-vecErr
		return nil, fmt.Errorf("read tables: %w", err)
	}
	if err := <-vecErr; err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	if m.Chunks != len(t.Chunks) || t.Lex == nil || len(t.Lex.Lengths) != len(t.Chunks) {
		return nil, errors.New("index files disagree on the number of chunks")
	}
	ix := newEmptyIndex(dir, e, log)
	ix.dim, ix.chunks, ix.lex = m.Dim, t.Chunks, t.Lex
	ix.lex.init()
	ix.docs = make([]*corpus.Document, len(t.Docs))
	ix.byID = make(map[string]int, len(t.Docs))
	for i, sd := range t.Docs {
		ix.docs[i] = &corpus.Document{ID: sd.ID, Title: sd.Title, Published: sd.Published, URL: sd.URL, Source: sd.Source,
			Path: sd.Path, Text: sd.Text, Sentences: sd.Sentences, Hash: sd.Hash, Stamp: sd.Stamp}
		ix.byID[sd.ID] = i
	}
	cdocs := make([]chromem.Document, len(ix.chunks))
	for i, c := range ix.chunks {
		if c.Doc < 0 || c.Doc >= len(ix.docs) || c.Span.End > len(ix.docs[c.Doc].Text) || c.First < 0 || c.Last > len(ix.docs[c.Doc].Sentences) {
			return nil, errors.New("index tables are inconsistent")
		}
		d := ix.docs[c.Doc]
		ch := corpus.Chunk{ID: c.ID, Sentences: d.Sentences[c.First:c.Last], Text: d.Slice(c.Span)}
		cdocs[i] = chromem.Document{ID: c.ID, Metadata: chunkMetadata(d, ch), Embedding: vecs[i*m.Dim : (i+1)*m.Dim : (i+1)*m.Dim], Content: ch.Text}
		ix.vectors[c.ID] = cdocs[i].Embedding
	}
	// AddDocuments starts a goroutine per document; in batches, 100,000
	// chunks do not make 100,000 goroutine stacks at once.
	for start := 0; start < len(cdocs); start += 1024 {
		if err := ix.coll.AddDocuments(context.Background(), cdocs[start:min(start+1024, len(cdocs))], runtime.NumCPU()); err != nil {
			return nil, fmt.Errorf("load vectors: %w", err)
		}
	}
	return ix, nil
}

// writeVectors writes the vectors of the index's chunks, in slot order.
func (ix *Index) writeVectors(w *bufio.Writer) error {
	buf := make([]byte, 4*ix.dim)
	for _, c := range ix.chunks {
		v := ix.vectors[c.ID]
		if len(v) != ix.dim {
			return fmt.Errorf("chunk %s has a %d-dimensional vector, the index %d", c.ID, len(v), ix.dim)
		}
		for i, x := range v {
			binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(x))
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// readVectors reads n vectors of dim floats into one slab. Raw floats read at
// disk speed; chromem-go's export (one gob stream) took 4.5 s to write and
// as long to read at 100,000 chunks, its persistent DB (one gob file per
// chunk) 13 s and 8 s (docs/PERFORMANCE.md). The rest of each chunk is
// rebuilt from the tables.
func readVectors(path string, n, dim int) ([]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if info.Size() != int64(n)*int64(dim)*4 {
		return nil, fmt.Errorf("%d bytes, want %d chunks of %d floats", info.Size(), n, dim)
	}
	vecs := make([]float32, n*dim)
	buf := make([]byte, 1<<20)
	for off := 0; off < len(vecs); {
		m := min(len(buf)/4, len(vecs)-off)
		if _, err := io.ReadFull(f, buf[:4*m]); err != nil {
			return nil, err
		}
		for i := range m {
			vecs[off+i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
		}
		off += m
	}
	return vecs, nil
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
			Hash: d.Hash, Published: d.Published, Sentences: d.Sentences, Stamp: d.Stamp}
	}
	// The two large files are written at once: encoding the tables is CPU
	// work, the vectors mostly disk.
	vecErr := make(chan error, 1)
	go func() { vecErr <- writeFile(filepath.Join(tmp, vectorsFile), ix.writeVectors) }()
	if err := writeFile(filepath.Join(tmp, tablesFile), t.encode); err != nil {
		<-vecErr
		return fmt.Errorf("save index tables: %w", err)
	}
	if err := <-vecErr; err != nil {
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

func readGob(path string, t *tables) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return t.decode(bufio.NewReaderSize(f, 1<<20))
}

// tablesHead opens the tables file: the counts of what follows, and the
// lexicon's small parts.
type tablesHead struct {
	Docs, Chunks, Postings int
	Terms                  map[string]int32
	Offsets, Lengths       []int32
}

// tablesBatch bounds the elements of one gob message of the tables file.
// Gob builds a message in memory before writing it and reads it whole; one
// message of 50 MB (100,000 chunks) cost a second of buffer growth each way.
const tablesBatch = 1 << 16

// encode writes the tables as a head and batches of documents, chunks and
// postings.
func (t *tables) encode(w *bufio.Writer) error {
	enc := gob.NewEncoder(w)
	lx := t.Lex
	head := tablesHead{Docs: len(t.Docs), Chunks: len(t.Chunks), Postings: len(lx.Chunks), Terms: lx.Terms, Offsets: lx.Offsets, Lengths: lx.Lengths}
	if err := enc.Encode(&head); err != nil {
		return err
	}
	if err := encodeBatches(enc, t.Docs, tablesBatch/64); err != nil {
		return err
	}
	if err := encodeBatches(enc, t.Chunks, tablesBatch); err != nil {
		return err
	}
	if err := encodeBatches(enc, lx.Chunks, 16*tablesBatch); err != nil {
		return err
	}
	return encodeBatches(enc, lx.TFs, 16*tablesBatch)
}

// decode reads what encode wrote.
func (t *tables) decode(r io.Reader) error {
	dec := gob.NewDecoder(r)
	var head tablesHead
	if err := dec.Decode(&head); err != nil {
		return err
	}
	t.Lex = &lexicon{Terms: head.Terms, Offsets: head.Offsets, Lengths: head.Lengths}
	var err error
	if t.Docs, err = decodeBatches[storedDoc](dec, head.Docs); err != nil {
		return err
	}
	if t.Chunks, err = decodeBatches[chunkRef](dec, head.Chunks); err != nil {
		return err
	}
	if t.Lex.Chunks, err = decodeBatches[int32](dec, head.Postings); err != nil {
		return err
	}
	t.Lex.TFs, err = decodeBatches[uint16](dec, head.Postings)
	return err
}

func encodeBatches[T any](enc *gob.Encoder, s []T, size int) error {
	for i := 0; i < len(s); i += size {
		if err := enc.Encode(s[i:min(i+size, len(s))]); err != nil {
			return err
		}
	}
	return nil
}

func decodeBatches[T any](dec *gob.Decoder, n int) ([]T, error) {
	if n < 0 {
		return nil, errors.New("negative count")
	}
	out := make([]T, 0, min(n, 1<<24))
	for len(out) < n {
		var b []T
		if err := dec.Decode(&b); err != nil {
			return nil, err
		}
		if len(b) == 0 || len(out)+len(b) > n {
			return nil, errors.New("batch sizes disagree with the head")
		}
		out = append(out, b...)
	}
	return out, nil
}
