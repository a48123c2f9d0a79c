package index

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/philippgille/chromem-go"
)

// storeFormat changes when the on-disk layout or what it holds does (3: the
// stems of the lexicon and the local embedder come from internal/lang, which
// lemmatises irregular verbs; 4: the manifest holds checksums; 5: the
// lexicon's postings are packed varints; 6: the documents' strings and
// sentences are each one run for the whole corpus; 7: the lexicon's terms
// are one sorted string); an index of another format is rebuilt.
const storeFormat = 7

// vectorBlock is how many chunks' vectors share one checksum: a damaged
// block costs re-embedding the documents of at most this many chunks, and
// the manifest holds one number per block.
const vectorBlock = 256

// castagnoli is the CRC-32C table; the checksums guard against damage on
// disk, not tampering, and CRC-32C runs at memory speed.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

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
	// TablesCRC is the CRC-32C of the tables file; VectorsCRC that of each
	// block of vectorBlock chunks' vectors in the vectors file.
	TablesCRC  uint32   `json:"tables_crc32c"`
	VectorsCRC []uint32 `json:"vectors_crc32c"`
}

// errCorrupt marks index files that fail their checksums or disagree with
// each other.
var errCorrupt = errors.New("index files damaged")

// errSwapped means the index folder was replaced while it was being opened;
// opening again finds the new one whole.
var errSwapped = errors.New("index folder replaced while opening it")

// loadAttempts bounds how often a load starts again because a save swapped
// the folder meanwhile; a swap is two renames, so one more try nearly always
// finds the new folder.
const loadAttempts = 5

// tables are the documents, chunks and lexicon of an index, as saved and
// loaded.
type tables struct {
	Docs   []*corpus.Document
	Chunks []chunkRef
	Lex    *lexicon
}

// storedDoc is a document in the tables file. Its strings are the lengths
// of its parts of one string that holds every document's strings and then
// every chunk's id, in order; its sentences are a count of one slice that
// holds every document's. Loaded, each document's strings and sentences
// are slices of those two: two allocations for the whole corpus, not eight
// per document, none rounded up to an allocation size. (The price: a
// document a later sync drops keeps its bytes in memory until the process
// restarts, as the others share their allocation.)
type storedDoc struct {
	Lens      [docStrings]uint32 // ID, Title, URL, Source, Path, Text, Hash
	Sentences uint32
	Published time.Time
	Stamp     corpus.Stamp
}

// docStrings is how many strings a document has.
const docStrings = 7

// docFields returns the addresses of d's strings, in storedDoc's order.
func docFields(d *corpus.Document) [docStrings]*string {
	return [docStrings]*string{&d.ID, &d.Title, &d.URL, &d.Source, &d.Path, &d.Text, &d.Hash}
}

// storedChunk is a chunk in the tables file, its id a length in the
// string of all strings, after the documents'.
type storedChunk struct {
	IDLen                        uint32
	Doc, Start, End, First, Last int32
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

// loadIndex loads the index stored in dir. It only reads, so any number of
// processes may load while one saves: the files are opened through one
// handle on the folder, so they all come from the same save, and a load
// that a save's swap overtakes starts again.
func loadIndex(dir string, e *Embedder, log *slog.Logger) (*Index, error) {
	var err error
	for attempt := range loadAttempts {
		var ix *Index
		ix, err = loadIndexOnce(dir, e, log)
		if !errors.Is(err, errSwapped) {
			return ix, err
		}
		time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
	}
	return nil, err
}

// indexFiles are the files of one saved index, open.
type indexFiles struct {
	manifest, tables, vectors *os.File
}

func (f *indexFiles) Close() {
	for _, file := range []*os.File{f.manifest, f.tables, f.vectors} {
		if file != nil {
			file.Close()
		}
	}
}

// openIndexFiles opens the three files of the index in dir, or of the copy a
// save leaves in dir.old between its two renames (or after a crash there).
func openIndexFiles(dir string) (*indexFiles, error) {
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		root, err = os.OpenRoot(dir + ".old")
		if errors.Is(err, fs.ErrNotExist) {
			if _, again := os.Stat(dir); again == nil {
				return nil, errSwapped // the new folder is in place now
			}
		}
	}
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var f indexFiles
	for _, o := range []struct {
		name string
		file **os.File
	}{{manifestFile, &f.manifest}, {tablesFile, &f.tables}, {vectorsFile, &f.vectors}} {
		if *o.file, err = root.Open(o.name); err != nil {
			f.Close()
			if errors.Is(err, fs.ErrNotExist) {
				// A save removes the old folder's files after its swap; the
				// new folder is whole by then. (A file truly missing is
				// reported as missing after the last attempt.)
				return nil, fmt.Errorf("%w: %w", errSwapped, err)
			}
			return nil, err
		}
	}
	return &f, nil
}

func loadIndexOnce(dir string, e *Embedder, log *slog.Logger) (*Index, error) {
	files, err := openIndexFiles(dir)
	if err != nil {
		return nil, err
	}
	defer files.Close()
	var m manifest
	data, err := io.ReadAll(files.manifest)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	if m.Format != storeFormat || m.Embedder != e.ID {
		return nil, fmt.Errorf("%w (format %d, embedder %q; now format %d, embedder %q)", errEmbedderChanged, m.Format, m.Embedder, storeFormat, e.ID)
	}
	if m.Chunks < 0 || m.Dim < 0 || len(m.VectorsCRC) != (m.Chunks+vectorBlock-1)/vectorBlock {
		return nil, fmt.Errorf("%w: the manifest's counts disagree", errCorrupt)
	}
	// The tables (CPU-bound gob) and the vectors (disk-bound) are read at
	// once; the manifest says how many vectors to expect.
	var vecs []float32
	var vecCRCs []uint32
	vecErr := make(chan error, 1)
	go func() {
		var err error
		vecs, vecCRCs, err = mapVectors(files.vectors, m.Chunks, m.Dim)
		vecErr <- err
	}()
	var t tables
	if err := readTables(files.tables, m.TablesCRC, &t); err != nil {
		<-vecErr
		return nil, fmt.Errorf("read tables: %w", err)
	}
	if err := <-vecErr; err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	if m.Chunks != len(t.Chunks) {
		return nil, fmt.Errorf("%w: index files disagree on the number of chunks", errCorrupt)
	}
	if err := t.Lex.check(len(t.Chunks)); err != nil {
		return nil, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	ix := newEmptyIndex(dir, e, log)
	ix.saved = m.Saved
	ix.dim, ix.docs, ix.chunks, ix.lex = m.Dim, t.Docs, t.Chunks, t.Lex
	ix.lex.init()
	ix.byID = make(map[string]int, len(t.Docs))
	for i, d := range t.Docs {
		ix.byID[d.ID] = i
	}
	for i, c := range ix.chunks {
		if c.Doc < 0 || int(c.Doc) >= len(ix.docs) || c.Start < 0 || c.Start > c.End || int(c.End) > len(ix.docs[c.Doc].Text) ||
			c.First < 0 || c.First > c.Last || int(c.Last) > len(ix.docs[c.Doc].Sentences) {
			return nil, fmt.Errorf("%w: index tables are inconsistent", errCorrupt)
		}
		if vecCRCs[i/vectorBlock] != m.VectorsCRC[i/vectorBlock] {
			// The document is indexed as if its content had changed, so the
			// sync that follows every load re-reads and re-embeds it.
			if d := ix.docs[c.Doc]; d.Hash != "" {
				log.Warn("index vectors failed their checksum; re-embedding the document", "dir", dir, "doc", d.ID, "block", i/vectorBlock)
				d.Hash, d.Stamp = "", corpus.Stamp{}
			}
		}
	}
	ix.slab = vecs
	// AddDocuments starts a goroutine per document; in batches, 100,000
	// chunks do not make 100,000 goroutine stacks at once (nor 100,000
	// documents of garbage, as chromem-go keeps copies).
	cdocs := make([]chromem.Document, 0, min(len(ix.chunks), 1024))
	for start := 0; start < len(ix.chunks); start += 1024 {
		cdocs = cdocs[:0]
		for i := start; i < min(start+1024, len(ix.chunks)); i++ {
			c := ix.chunks[i]
			cdocs = append(cdocs, chromem.Document{ID: c.ID, Embedding: ix.vec(i), Content: ix.docs[c.Doc].Slice(c.span())})
		}
		if err := ix.coll.AddDocuments(context.Background(), cdocs, runtime.NumCPU()); err != nil {
			return nil, fmt.Errorf("load vectors: %w", err)
		}
	}
	return ix, nil
}

// writeVectors writes the vectors of the index's chunks, in slot order, and
// returns the checksum of each block.
func (ix *Index) writeVectors(w *bufio.Writer) ([]uint32, error) {
	buf := make([]byte, 4*ix.dim)
	crcs := make([]uint32, (len(ix.chunks)+vectorBlock-1)/vectorBlock)
	for i, c := range ix.chunks {
		v := ix.vec(i)
		if len(v) != ix.dim {
			return nil, fmt.Errorf("chunk %s has a %d-dimensional vector, the index %d", c.ID, len(v), ix.dim)
		}
		for i, x := range v {
			binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(x))
		}
		crcs[i/vectorBlock] = crc32.Update(crcs[i/vectorBlock], castagnoli, buf)
		if _, err := w.Write(buf); err != nil {
			return nil, err
		}
	}
	return crcs, nil
}

// blockCRCs returns the checksum of each block of raw vectors.
func blockCRCs(raw []byte, n, dim int) []uint32 {
	crcs := make([]uint32, (n+vectorBlock-1)/vectorBlock)
	size := vectorBlock * dim * 4
	for b := range crcs {
		crcs[b] = crc32.Checksum(raw[b*size:min((b+1)*size, len(raw))], castagnoli)
	}
	return crcs
}

// readVectors reads n vectors of dim floats into one slab, with the checksum
// of each block. Raw floats read at disk speed; chromem-go's export (one gob
// stream) took 4.5 s to write and as long to read at 100,000 chunks, its
// persistent DB (one gob file per chunk) 13 s and 8 s (docs/PERFORMANCE.md).
// The rest of each chunk is rebuilt from the tables.
func readVectors(f *os.File, n, dim int) ([]float32, []uint32, error) {
	if info, err := f.Stat(); err != nil {
		return nil, nil, err
	} else if info.Size() != int64(n)*int64(dim)*4 {
		return nil, nil, fmt.Errorf("%w: %d bytes, want %d chunks of %d floats", errCorrupt, info.Size(), n, dim)
	}
	vecs := make([]float32, n*dim)
	crcs := make([]uint32, (n+vectorBlock-1)/vectorBlock)
	perRead := max(1, (1<<20)/max(1, 4*dim)) // whole vectors per read
	buf := make([]byte, 4*dim*perRead)
	for off, chunk := 0, 0; off < len(vecs); {
		m := min(dim*perRead, len(vecs)-off)
		if _, err := io.ReadFull(f, buf[:4*m]); err != nil {
			return nil, nil, err
		}
		for i := range m {
			vecs[off+i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
		}
		for c := range m / dim {
			b := (chunk + c) / vectorBlock
			crcs[b] = crc32.Update(crcs[b], castagnoli, buf[4*c*dim:4*(c+1)*dim])
		}
		chunk += m / dim
		off += m
	}
	return vecs, crcs, nil
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
	t := tables{Docs: ix.docs, Chunks: ix.chunks, Lex: ix.lex}
	// The two large files are written at once: encoding the tables is CPU
	// work, the vectors mostly disk.
	var vecCRCs []uint32
	vecErr := make(chan error, 1)
	go func() {
		vecErr <- writeFile(filepath.Join(tmp, vectorsFile), nil, func(w *bufio.Writer) error {
			var err error
			vecCRCs, err = ix.writeVectors(w)
			return err
		})
	}()
	tablesCRC := crc32.New(castagnoli)
	if err := writeFile(filepath.Join(tmp, tablesFile), tablesCRC, t.encode); err != nil {
		<-vecErr
		return fmt.Errorf("save index tables: %w", err)
	}
	if err := <-vecErr; err != nil {
		return fmt.Errorf("save index vectors: %w", err)
	}
	m := manifest{Format: storeFormat, Embedder: ix.embedder.ID, Dim: ix.dim, Documents: len(ix.docs), Chunks: len(ix.chunks), Saved: time.Now().UTC(),
		TablesCRC: tablesCRC.Sum32(), VectorsCRC: vecCRCs}
	if err := writeFile(filepath.Join(tmp, manifestFile), nil, func(w *bufio.Writer) error {
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
	ix.saved = m.Saved
	return os.RemoveAll(old)
}

// Outdated reports whether the index stored in ix's folder was saved since
// ix was loaded from it or saved to it: by another process, as the writers'
// lock makes saves take turns.
func (ix *Index) Outdated() bool {
	saved, err := storedSaved(ix.dir)
	return err == nil && !saved.Equal(ix.saved)
}

// Reload loads the index stored in ix's folder anew.
func (ix *Index) Reload() *Index { return openIndex(ix.dir, ix.embedder, ix.log) }

// storedSaved reads when the index in dir was saved.
func storedSaved(dir string) (time.Time, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return time.Time{}, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return time.Time{}, err
	}
	return m.Saved, nil
}

// RecoverSwap puts back the index a save left in dir.old when it stopped
// between its two renames (loading reads dir.old meanwhile). Only a writer,
// holding the data folder's lock, may call it.
func RecoverSwap(dir string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(dir + ".old"); err != nil {
		return nil
	}
	return os.Rename(dir+".old", dir)
}

// writeFile writes a file through a buffer and syncs it to disk; h, when
// set, sees every byte written.
func writeFile(path string, h hash.Hash32, write func(*bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	var out io.Writer = f
	if h != nil {
		out = io.MultiWriter(f, h)
	}
	w := bufio.NewWriterSize(out, 1<<20)
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

// readTables checks the tables file against its checksum, then decodes
// it: damaged bytes are never decoded (a flipped byte in an article's text
// would otherwise be quoted as the article's words).
func readTables(f *os.File, want uint32, t *tables) error {
	h := crc32.New(castagnoli)
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if h.Sum32() != want {
		return fmt.Errorf("%w: %s fails its checksum", errCorrupt, tablesFile)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return t.decode(bufio.NewReaderSize(f, 1<<20))
}

// tablesHead opens the tables file: the counts of what follows, and the
// lexicon's small parts.
type tablesHead struct {
	Docs, Chunks int
	// Strings is the length of the string of all strings, Sentences how
	// many sentences all documents have, Postings the lexicon's in bytes.
	Strings, Sentences, Postings int
	Terms                        string
	DFs, Lengths                 []int32
	TermEnds, Offsets            []uint32
}

// tablesBatch bounds the elements of one gob message of the tables file.
// Gob builds a message in memory before writing it and reads it whole; one
// message of 50 MB (100,000 chunks) cost a second of buffer growth each way.
const tablesBatch = 1 << 16

// encode writes the tables as a head and batches of documents, chunks,
// sentences, the string of all strings and postings.
func (t *tables) encode(w *bufio.Writer) error {
	enc := gob.NewEncoder(w)
	lx := t.Lex
	head := tablesHead{Docs: len(t.Docs), Chunks: len(t.Chunks), Postings: len(lx.Postings), Terms: lx.Terms, TermEnds: lx.TermEnds, DFs: lx.DFs, Offsets: lx.Offsets, Lengths: lx.Lengths}
	docs := make([]storedDoc, len(t.Docs))
	for i, d := range t.Docs {
		if uint64(len(d.Sentences)) > math.MaxUint32 {
			return fmt.Errorf("document %s: %d sentences", d.ID, len(d.Sentences))
		}
		docs[i] = storedDoc{Sentences: uint32(len(d.Sentences)), Published: d.Published, Stamp: d.Stamp}
		for f, s := range docFields(d) {
			if uint64(len(*s)) > math.MaxUint32 {
				return fmt.Errorf("document %s: a string of %d bytes", d.ID, len(*s))
			}
			docs[i].Lens[f] = uint32(len(*s))
			head.Strings += len(*s)
		}
		head.Sentences += len(d.Sentences)
	}
	chunks := make([]storedChunk, len(t.Chunks))
	for i, c := range t.Chunks {
		chunks[i] = storedChunk{IDLen: uint32(len(c.ID)), Doc: c.Doc, Start: c.Start, End: c.End, First: c.First, Last: c.Last}
		head.Strings += len(c.ID)
	}
	if err := enc.Encode(&head); err != nil {
		return err
	}
	if err := encodeBatches(enc, docs, tablesBatch/8); err != nil {
		return err
	}
	if err := encodeBatches(enc, chunks, tablesBatch); err != nil {
		return err
	}
	var spans []corpus.Span
	for _, d := range t.Docs {
		for len(spans)+len(d.Sentences) > tablesBatch && len(spans) > 0 {
			if err := enc.Encode(spans); err != nil {
				return err
			}
			spans = spans[:0]
		}
		spans = append(spans, d.Sentences...)
	}
	if len(spans) > 0 {
		if err := enc.Encode(spans); err != nil {
			return err
		}
	}
	var buf []byte
	flush := func(limit int) error {
		if len(buf) <= limit {
			return nil
		}
		err := enc.Encode(buf)
		buf = buf[:0]
		return err
	}
	for _, d := range t.Docs {
		for _, s := range docFields(d) {
			buf = append(buf, *s...)
			if err := flush(16 * tablesBatch); err != nil {
				return err
			}
		}
	}
	for _, c := range t.Chunks {
		buf = append(buf, c.ID...)
		if err := flush(16 * tablesBatch); err != nil {
			return err
		}
	}
	if err := flush(0); err != nil {
		return err
	}
	return encodeBatches(enc, lx.Postings, 16*tablesBatch)
}

// decode reads what encode wrote.
func (t *tables) decode(r io.Reader) error {
	dec := gob.NewDecoder(r)
	var head tablesHead
	if err := dec.Decode(&head); err != nil {
		return err
	}
	if head.Strings < 0 || head.Sentences < 0 {
		return errors.New("table sizes out of range")
	}
	t.Lex = &lexicon{Terms: head.Terms, TermEnds: head.TermEnds, DFs: head.DFs, Offsets: head.Offsets, Lengths: head.Lengths}
	docs, err := decodeBatches[storedDoc](dec, head.Docs)
	if err != nil {
		return err
	}
	chunks, err := decodeBatches[storedChunk](dec, head.Chunks)
	if err != nil {
		return err
	}
	spans, err := decodeBatches[corpus.Span](dec, head.Sentences)
	if err != nil {
		return err
	}
	// The string of all strings is built in place: strings.Builder hands
	// its bytes over as the string without a copy.
	var all strings.Builder
	all.Grow(min(head.Strings, 1<<30)) // more than that grows as it comes
	for all.Len() < head.Strings {
		var b []byte
		if err := dec.Decode(&b); err != nil {
			return err
		}
		if len(b) == 0 || all.Len()+len(b) > head.Strings {
			return errors.New("batch sizes disagree with the head")
		}
		all.Write(b)
	}
	str, off := all.String(), 0
	next := func(n uint32) (string, bool) {
		if uint64(off)+uint64(n) > uint64(len(str)) {
			return "", false
		}
		s := str[off : off+int(n)]
		off += int(n)
		return s, true
	}
	t.Docs = make([]*corpus.Document, len(docs))
	store := make([]corpus.Document, len(docs))
	sent := 0
	for i, sd := range docs {
		d := &store[i]
		for f, s := range docFields(d) {
			var ok bool
			if *s, ok = next(sd.Lens[f]); !ok {
				return errors.New("document strings overrun the tables")
			}
		}
		if uint64(sent)+uint64(sd.Sentences) > uint64(len(spans)) {
			return errors.New("document sentences overrun the tables")
		}
		d.Sentences = spans[sent : sent+int(sd.Sentences) : sent+int(sd.Sentences)]
		sent += int(sd.Sentences)
		d.Published, d.Stamp = sd.Published, sd.Stamp
		t.Docs[i] = d
	}
	t.Chunks = make([]chunkRef, len(chunks))
	for i, sc := range chunks {
		id, ok := next(sc.IDLen)
		if !ok {
			return errors.New("chunk ids overrun the tables")
		}
		t.Chunks[i] = chunkRef{ID: id, Doc: sc.Doc, Start: sc.Start, End: sc.End, First: sc.First, Last: sc.Last}
	}
	if off != len(str) || sent != len(spans) {
		return errors.New("tables hold more strings or sentences than their documents and chunks")
	}
	t.Lex.Postings, err = decodeBatches[byte](dec, head.Postings)
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
