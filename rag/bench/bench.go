// Package bench measures how the product's costs grow with the corpus:
// ingest, retrieval against chromem-go's own query and a plain loop over
// the same vectors, a whole answer, a restart on a persisted index and the
// memory it takes. `bot bench` runs it; the figures and targets are in
// docs/PERFORMANCE.md.
package bench

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag"
	"github.com/philippgille/chromem-go"
)

// DefaultSizes are the index sizes retrieval is timed at, in chunks.
var DefaultSizes = []int{1_000, 10_000, 100_000}

const (
	// answerK is how many chunks Ask retrieves; chromemK is how many
	// candidates retrieval asks chromem-go for (twice answerK).
	answerK  = 6
	chromemK = 2 * answerK
	// embedBatch is the batch size of the product's ingest.
	embedBatch = 1024
)

// Questions are asked in every timing: the kinds of question the bot gets
// about the bundled story (who, when, what, yes/no, and one it cannot
// answer).
var Questions = []string{
	"Did Iran admit sending missiles?",
	"Did Iran admit giving drones to Russia?",
	"When does Iran say the drone shipments were made?",
	"Who is Hossein Amirabdollahian?",
	"Which news agency carried the foreign minister's remarks?",
	"Which drone model does Ukraine say Russia is using?",
	"What did Dmitry Kuleba propose?",
	"What did the October airstrikes target?",
	"How did the EU and the UK react?",
	"What is the capital of Australia?",
}

// Options configure a run.
type Options struct {
	// CorpusDir is a folder of articles; empty means the bundled story.
	CorpusDir string
	// MaxChunks caps the largest index size.
	MaxChunks int
	// Sizes are the index sizes to time retrieval at (DefaultSizes when
	// empty); those above MaxChunks are dropped.
	Sizes []int
	// WorkDir is a scratch folder for sample corpora and indexes.
	WorkDir string
	// Budget bounds each timing series (default 2s); every series still
	// takes a minimum number of samples.
	Budget time.Duration
	// Restart, when set, runs Child in a new process on the given folders
	// and returns its report and wall time. When nil the restart is timed
	// in this process.
	Restart func(ctx context.Context, corpusDir, dataDir string) (ChildReport, time.Duration, error)
	// Log receives a line per step; nil discards them.
	Log io.Writer
}

// Run benchmarks the product and returns what it measured.
func Run(ctx context.Context, opts Options) (*Report, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Budget <= 0 {
		opts.Budget = 2 * time.Second
	}
	if opts.WorkDir == "" {
		return nil, fmt.Errorf("bench: no work folder")
	}
	src, err := loadSource(opts.CorpusDir)
	if err != nil {
		return nil, fmt.Errorf("load corpus: %w", err)
	}
	sizes := chooseSizes(opts.Sizes, opts.MaxChunks)
	r := &Report{Machine: machine(), Corpus: CorpusInfo{Source: opts.CorpusDir, Documents: len(src.docs), Chunks: src.total}}
	if r.Corpus.Source == "" {
		r.Corpus.Source = "bundled story"
	}

	var largest sample
	for i, size := range sizes {
		last := i == len(sizes)-1
		s, err := src.materialize(filepath.Join(opts.WorkDir, fmt.Sprintf("corpus-%d", size)), size)
		if err != nil {
			return nil, err
		}
		if s.repeated {
			r.Corpus.Repeated = true
		}
		fmt.Fprintf(opts.Log, "bench: %d chunks from %d documents%s\n", s.chunks, s.documents, repeatedNote(s))
		q, ing, err := runSize(ctx, opts, s, filepath.Join(opts.WorkDir, fmt.Sprintf("data-%d", size)), last)
		if err != nil {
			return nil, fmt.Errorf("%d chunks: %w", size, err)
		}
		r.Query = append(r.Query, q)
		if last {
			r.Ingest = ing.Ingest
			largest = s
			r.Restart.Layouts = ing.layouts
		}
		runtime.GC()
	}
	if r.Corpus.Repeated {
		r.Corpus.Note = fmt.Sprintf("documents repeated to reach %d chunks", largest.chunks)
	}

	fmt.Fprintf(opts.Log, "bench: restart on %d chunks\n", largest.chunks)
	dataDir := filepath.Join(opts.WorkDir, fmt.Sprintf("data-%d", sizes[len(sizes)-1]))
	child, wall, err := restart(ctx, opts, largest.dir, dataDir)
	if err != nil {
		return nil, fmt.Errorf("restart: %w", err)
	}
	r.Restart.Chunks = child.Chunks
	r.Restart.OpenMS = child.OpenMS
	r.Restart.FirstAnswerMS = child.FirstAnswerMS
	r.Restart.Reembedded = child.Reembedded
	r.Restart.ProcessMS = ms(wall)
	r.Restart.CPUMS = child.CPUMS
	r.Restart.InProcess = opts.Restart == nil
	r.Memory = child.Memory

	fmt.Fprintf(opts.Log, "bench: answers over the bundled story\n")
	if r.Answer, err = answers(ctx, opts, filepath.Join(opts.WorkDir, "data-answer")); err != nil {
		return nil, fmt.Errorf("answer: %w", err)
	}
	r.Machine.LoadAvg[1] = loadAvg()
	return r, nil
}

// chooseSizes keeps the sizes up to maxChunks, in order, and ends with
// maxChunks itself when it cut a size off.
func chooseSizes(sizes []int, maxChunks int) []int {
	if len(sizes) == 0 {
		sizes = DefaultSizes
	}
	if maxChunks <= 0 {
		maxChunks = slices.Max(sizes)
	}
	var out []int
	capped := false
	for _, s := range sizes {
		if s > 0 && s <= maxChunks {
			out = append(out, s)
		} else if s > maxChunks {
			capped = true
		}
	}
	if capped || len(out) == 0 {
		out = append(out, maxChunks)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func repeatedNote(s sample) string {
	if s.repeated {
		return fmt.Sprintf(" (documents repeated to reach %d chunks)", s.chunks)
	}
	return ""
}

// staged is the ingest pipeline run step by step on a sample, with what it
// built: a chromem-go collection and a slab of the same vectors.
type staged struct {
	db     *chromem.DB
	coll   *chromem.Collection
	docs   []chromem.Document // as added, for the layouts to write again
	slab   slab
	stages []Stage
}

// stage runs the product's ingest steps one at a time on the sample's files
// and times each: read and clean, chunk, embed, add to chromem-go.
func stage(ctx context.Context, dir string) (*staged, error) {
	st := &staged{}
	t := time.Now()
	docs, _, err := corpus.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	st.stages = append(st.stages, Stage{Name: "read and clean", Seconds: time.Since(t).Seconds()})

	t = time.Now()
	var chunks []corpus.Chunk
	var owner []*corpus.Document
	for _, d := range docs {
		for _, c := range corpus.Chunks(d, corpus.DefaultChunkOptions) {
			chunks = append(chunks, c)
			owner = append(owner, d)
		}
	}
	st.stages = append(st.stages, Stage{Name: "chunk", Seconds: time.Since(t).Seconds()})

	emb := rag.NewLocalEmbedder()
	t = time.Now()
	vecs := make([][]float32, 0, len(chunks))
	for start := 0; start < len(chunks); start += embedBatch {
		end := min(start+embedBatch, len(chunks))
		texts := make([]string, end-start)
		for i := range texts {
			texts[i] = chunks[start+i].Text
		}
		v, err := emb.Embed(ctx, texts)
		if err != nil {
			return nil, err
		}
		vecs = append(vecs, v...)
	}
	st.stages = append(st.stages, Stage{Name: "embed", Seconds: time.Since(t).Seconds()})

	st.db = chromem.NewDB()
	st.coll, err = st.db.CreateCollection("chunks", nil, nil)
	if err != nil {
		return nil, err
	}
	t = time.Now()
	for start := 0; start < len(chunks); start += embedBatch {
		end := min(start+embedBatch, len(chunks))
		cdocs := make([]chromem.Document, end-start)
		for i := range cdocs {
			c, d := chunks[start+i], owner[start+i]
			cdocs[i] = chromem.Document{ID: c.ID, Metadata: metadata(d, c), Embedding: vecs[start+i], Content: c.Text}
		}
		if err := st.coll.AddDocuments(ctx, cdocs, runtime.NumCPU()); err != nil {
			return nil, err
		}
		st.docs = append(st.docs, cdocs...)
	}
	st.stages = append(st.stages, Stage{Name: "add to chromem-go", Seconds: time.Since(t).Seconds()})

	if len(vecs) > 0 {
		st.slab.dim = len(vecs[0])
		st.slab.v = make([]float32, 0, len(vecs)*st.slab.dim)
		for _, v := range vecs {
			st.slab.v = append(st.slab.v, v...)
		}
	}
	return st, nil
}

// metadata is what the product stores with a chunk: its document, title and
// sentence offsets.
func metadata(d *corpus.Document, c corpus.Chunk) map[string]string {
	var sb strings.Builder
	for i, s := range c.Sentences {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End))
	}
	m := map[string]string{"doc": d.ID, "title": d.Title, "sentences": sb.String()}
	if p := d.PublishedDate(); p != "" {
		m["published"] = p
	}
	return m
}

// runSize builds the index of one sample twice (with the product's Open,
// then step by step) and times retrieval on it.
func runSize(ctx context.Context, opts Options, s sample, dataDir string, last bool) (Query, ingestWithLayouts, error) {
	q := Query{Chunks: s.chunks, Repeated: s.repeated}
	var ing ingestWithLayouts

	t, cpu := time.Now(), cpuTime()
	e, stats, err := rag.Open(ctx, rag.Options{CorpusDir: s.dir, DataDir: dataDir}, nil)
	if err != nil {
		return q, ing, fmt.Errorf("ingest: %w", err)
	}
	total := time.Since(t).Seconds()
	ing.CPUSeconds = round((cpuTime() - cpu).Seconds(), 3)

	// The steps one by one, after the product's run so that its heap is
	// what a real ingest has; this run also builds the loop's slab.
	st, err := stage(ctx, s.dir)
	if err != nil {
		return q, ing, fmt.Errorf("staged ingest: %w", err)
	}
	if last {
		if ing.layouts, err = compareLayouts(ctx, st, filepath.Join(opts.WorkDir, "layouts"), opts.Log); err != nil {
			return q, ing, fmt.Errorf("layouts: %w", err)
		}
	}
	// Only the slab is needed from here on; the staged collection would
	// weigh on every garbage collection of the timings.
	st.db, st.coll, st.docs = nil, nil, nil
	runtime.GC()
	q.Chunks = stats.Chunks
	ing.Documents, ing.Chunks, ing.Seconds = stats.Documents, stats.Chunks, round(total, 3)
	ing.ChunksPerS = round(float64(stats.Chunks)/total, 0)
	var sum float64
	for _, sg := range st.stages {
		sum += sg.Seconds
		ing.Stages = append(ing.Stages, sg)
	}
	ing.Stages = append(ing.Stages, Stage{Name: "index and save", Seconds: max(total-sum, 0)})
	for i := range ing.Stages {
		ing.Stages[i].Share = round(ing.Stages[i].Seconds/total, 3)
		ing.Stages[i].Seconds = round(ing.Stages[i].Seconds, 3)
	}
	fmt.Fprintf(opts.Log, "bench: ingest %d chunks in %.2fs (%.0f chunks/s)\n", stats.Chunks, total, float64(stats.Chunks)/total)

	emb := rag.NewLocalEmbedder()
	qvecs := make([][]float32, len(Questions))
	for i, text := range Questions {
		if qvecs[i], err = emb.Query(ctx, text, nil); err != nil {
			return q, ing, err
		}
	}
	coll := e.Collection()
	k := min(chromemK, coll.Count())
	ts, err := interleaved(3*opts.Budget, 100, 2000,
		func(i int) error {
			_, err := e.Retrieve(ctx, Questions[i%len(Questions)], answerK)
			return err
		},
		func(i int) error {
			_, err := coll.QueryEmbedding(ctx, qvecs[i%len(qvecs)], k, nil, nil)
			return err
		},
		func(i int) error {
			st.slab.topK(qvecs[i%len(qvecs)], k, runtime.NumCPU())
			return nil
		})
	if err != nil {
		return q, ing, fmt.Errorf("retrieve: %w", err)
	}
	product, own, loop := ts[0], ts[1], ts[2]
	q.P50MS, q.P99MS = percentile(product, 50), percentile(product, 99)
	q.ChromemP50MS, q.LoopP50MS = percentile(own, 50), percentile(loop, 50)
	q.Samples = len(product)
	if q.ChromemP50MS > 0 {
		q.Ratio = round(q.P50MS/q.ChromemP50MS, 3)
	}
	fmt.Fprintf(opts.Log, "bench: retrieval at %d chunks: p50 %.2fms, chromem-go %.2fms, loop %.2fms\n", q.Chunks, q.P50MS, q.ChromemP50MS, q.LoopP50MS)

	return q, ing, nil
}

// ingestWithLayouts is Ingest with the persistence layouts measured on the
// same vectors.
type ingestWithLayouts struct {
	Ingest
	layouts []Layout
}

// restart runs the restart check in a new process when opts says how, else
// in this one.
func restart(ctx context.Context, opts Options, corpusDir, dataDir string) (ChildReport, time.Duration, error) {
	if opts.Restart != nil {
		return opts.Restart(ctx, corpusDir, dataDir)
	}
	t := time.Now()
	c, err := Child(ctx, corpusDir, dataDir)
	return c, time.Since(t), err
}

// Child is the restart check: it opens the engine on a persisted index of
// corpusDir, answers a first question and reports timings and memory. `bot
// bench` runs it in a new process.
func Child(ctx context.Context, corpusDir, dataDir string) (ChildReport, error) {
	var c ChildReport
	t := time.Now()
	e, st, err := rag.Open(ctx, rag.Options{CorpusDir: corpusDir, DataDir: dataDir}, nil)
	if err != nil {
		return c, err
	}
	c.OpenMS = ms(time.Since(t))
	t = time.Now()
	if _, err := e.Ask(ctx, Questions[0]); err != nil {
		return c, err
	}
	c.FirstAnswerMS = ms(time.Since(t))
	c.CPUMS = ms(cpuTime())
	c.Documents, c.Chunks, c.Reembedded = st.Documents, st.Chunks, st.Embedded

	var text int
	for _, d := range e.Documents() {
		text += len(d.Text)
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	const mb = 1 << 20
	c.Memory = Memory{
		Chunks:    st.Chunks,
		HeapMB:    round(float64(m.HeapAlloc)/mb, 1),
		RSSMB:     round(float64(procStatus("/proc/self/status", "VmRSS"))/1024, 1),
		PeakRSSMB: round(float64(procStatus("/proc/self/status", "VmHWM"))/1024, 1),
		VectorMB:  round(float64(st.Chunks)*rag.LocalDim*4/mb, 1),
		TextMB:    round(float64(text)/mb, 1),
	}
	if base := c.Memory.VectorMB + c.Memory.TextMB; base > 0 {
		c.Memory.Ratio = round(c.Memory.RSSMB/base, 2)
	}
	runtime.KeepAlive(e)
	return c, nil
}

// answers times whole answers over the bundled story with the default
// settings.
func answers(ctx context.Context, opts Options, dataDir string) (Answer, error) {
	e, _, err := rag.Open(ctx, rag.Options{DataDir: dataDir}, nil)
	if err != nil {
		return Answer{}, err
	}
	ds, err := series(opts.Budget, 200, 20000, func(i int) error {
		_, err := e.Ask(ctx, Questions[i%len(Questions)])
		return err
	})
	if err != nil {
		return Answer{}, err
	}
	return Answer{P50MS: percentile(ds, 50), P99MS: percentile(ds, 99), Samples: len(ds)}, nil
}

// compareLayouts writes and reads the staged collection's vectors in
// chromem-go's two persistence layouts: its persistent DB (one gob file per
// document) and its single-file export.
func compareLayouts(ctx context.Context, st *staged, dir string, log io.Writer) ([]Layout, error) {
	var out []Layout

	fmt.Fprintf(log, "bench: raw float32 slab (one file)\n")
	raw := filepath.Join(dir, "raw", "vectors.f32")
	if err := os.MkdirAll(filepath.Dir(raw), 0o755); err != nil {
		return nil, err
	}
	t := time.Now()
	if err := writeSlab(raw, st.slab.v); err != nil {
		return nil, err
	}
	l := Layout{Name: "raw float32 slab, one file, read into the heap (the index maps it)", WriteMS: ms(time.Since(t))}
	t = time.Now()
	if _, err := readSlab(raw, len(st.slab.v)); err != nil {
		return nil, err
	}
	l.ReadMS = ms(time.Since(t))
	l.Files, l.MB = dirSize(filepath.Dir(raw))
	out = append(out, l)

	fmt.Fprintf(log, "bench: chromem-go export (one file)\n")
	file := filepath.Join(dir, "export", "chromem.gob")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, err
	}
	t = time.Now()
	if err := st.db.ExportToFile(file, false, ""); err != nil {
		return nil, err
	}
	l = Layout{Name: "chromem-go export, one gob file", WriteMS: ms(time.Since(t))}
	t = time.Now()
	if err := chromem.NewDB().ImportFromFile(file, ""); err != nil {
		return nil, err
	}
	l.ReadMS = ms(time.Since(t))
	l.Files, l.MB = dirSize(filepath.Dir(file))
	out = append(out, l)
	runtime.GC()

	fmt.Fprintf(log, "bench: chromem-go persistent DB (one file per chunk)\n")
	pdir := filepath.Join(dir, "persistent")
	pdb, err := chromem.NewPersistentDB(pdir, false)
	if err != nil {
		return nil, err
	}
	pc, err := pdb.CreateCollection("chunks", nil, nil)
	if err != nil {
		return nil, err
	}
	t = time.Now()
	if err := pc.AddDocuments(ctx, st.docs, runtime.NumCPU()); err != nil {
		return nil, err
	}
	l = Layout{Name: "chromem-go persistent DB, one gob file per chunk", WriteMS: ms(time.Since(t))}
	pdb, pc = nil, nil
	runtime.GC()
	t = time.Now()
	if _, err := chromem.NewPersistentDB(pdir, false); err != nil {
		return nil, err
	}
	l.ReadMS = ms(time.Since(t))
	l.Files, l.MB = dirSize(pdir)
	out = append(out, l)
	runtime.KeepAlive(pdb)
	runtime.KeepAlive(pc)
	return out, nil
}

// writeSlab writes vectors as little-endian float32 and syncs the file, as
// the index stores them.
func writeSlab(path string, v []float32) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b [4]byte
	for _, x := range v {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(x))
		w.Write(b[:])
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

// readSlab reads n little-endian float32 values.
func readSlab(path string, n int) ([]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	v := make([]float32, n)
	var b [4]byte
	for i := range v {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, err
		}
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
	}
	return v, nil
}

func dirSize(dir string) (files int, mb float64) {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				n += info.Size()
			}
		}
		return nil
	})
	return files, round(float64(n)/(1<<20), 1)
}
