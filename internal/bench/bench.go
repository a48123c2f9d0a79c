// Package bench measures how the product's costs grow with the corpus:
// ingest, retrieval against chromem-go's own query and a plain loop over
// the same vectors, a whole answer, a restart on a persisted index and the
// memory it takes. `bot bench` runs it; the figures and targets are in
// docs/PERFORMANCE.md.
package bench

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/index"
)

// DefaultSizes are the index sizes retrieval is timed at, in chunks.
var DefaultSizes = []int{1_000, 10_000, 100_000}

// The retrieval sizes the product uses, timed as the product runs them:
// answerK passages for an answer, chromemK candidates asked of chromem-go.
var (
	answerK  = index.DefaultK
	chromemK = index.Candidates(index.DefaultK)
)

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
	// Restart, when set, runs Child in a new process on the given folders,
	// asking question first, and returns its report and wall time. When nil
	// the restart is timed in this process.
	Restart func(ctx context.Context, corpusDir, dataDir, question string) (ChildReport, time.Duration, error)
	// Questions are asked in every timing; empty means one per document of
	// the corpus, made of its title (the words users ask about a story with).
	Questions []string
	// Servers, when above 0, adds the many-servers case: that many servers,
	// each with ServerArticles documents (DefaultServerArticles when 0).
	Servers, ServerArticles int
	// ServersChild, when set, runs ServersChild in a new process; when nil
	// it runs in this one.
	ServersChild func(ctx context.Context, root string, n int, budget time.Duration) (Servers, error)
	// Log receives a line per step; nil discards them.
	Log io.Writer
	// DatabaseURL, when set, adds the replica section: a replica's start
	// on that PostgreSQL database holding the largest size's articles (in
	// a schema of its own, dropped afterwards).
	DatabaseURL string
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
	if len(opts.Questions) == 0 {
		opts.Questions = titleQuestions(src.docs)
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
	// A restart is timed on a settled machine: the files the earlier
	// stages wrote (corpora, indexes, the layouts' 100,000 files) are
	// flushed first rather than written back during the restart.
	flushWrites()
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

	if opts.Servers > 0 {
		fmt.Fprintf(opts.Log, "bench: %d servers\n", opts.Servers)
		if r.Servers, err = servers(ctx, opts, src); err != nil {
			return nil, fmt.Errorf("servers: %w", err)
		}
	}

	if opts.DatabaseURL != "" {
		fmt.Fprintf(opts.Log, "bench: a replica's start on PostgreSQL with %d chunks\n", largest.chunks)
		if r.Replica, err = replica(ctx, opts.DatabaseURL, largest.dir, filepath.Join(opts.WorkDir, "data-replica"), opts.Questions[0]); err != nil {
			return nil, fmt.Errorf("replica: %w", err)
		}
	}

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

	// The baseline after the product's run, so that its heap is what a
	// real ingest has.
	base, err := buildBaseline(ctx, s.dir)
	if err != nil {
		return q, ing, fmt.Errorf("baseline: %w", err)
	}
	if last {
		if ing.layouts, err = compareLayouts(ctx, base, filepath.Join(opts.WorkDir, "layouts"), opts.Log); err != nil {
			return q, ing, fmt.Errorf("layouts: %w", err)
		}
	}
	coll, sl := base.coll, base.slab
	// Only the collection and slab are needed from here on.
	base = nil
	runtime.GC()
	q.Chunks = stats.Chunks
	ing.Documents, ing.Chunks, ing.Seconds = stats.Documents, stats.Chunks, round(total, 3)
	ing.ChunksPerS = round(float64(stats.Chunks)/total, 0)
	ing.Stages = stages(stats.Timings, total)
	fmt.Fprintf(opts.Log, "bench: ingest %d chunks in %.2fs (%.0f chunks/s)\n", stats.Chunks, total, float64(stats.Chunks)/total)

	emb := rag.NewLocalEmbedder()
	questions := opts.Questions
	qvecs := make([][]float32, len(questions))
	for i, text := range questions {
		if qvecs[i], err = emb.Query(ctx, text, nil); err != nil {
			return q, ing, err
		}
	}
	k := min(chromemK, coll.Count())
	ts, err := interleaved(3*opts.Budget, 100, 2000,
		func(i int) error {
			_, err := e.Retrieve(ctx, questions[i%len(questions)], answerK)
			return err
		},
		func(i int) error {
			_, err := coll.QueryEmbedding(ctx, qvecs[i%len(qvecs)], k, nil, nil)
			return err
		},
		func(i int) error {
			sl.topK(qvecs[i%len(qvecs)], k, runtime.NumCPU())
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

// answers times whole answers over the bundled story with the default
// settings, asking the run's questions.
func answers(ctx context.Context, opts Options, dataDir string) (Answer, error) {
	e, _, err := rag.Open(ctx, rag.Options{DataDir: dataDir}, nil)
	if err != nil {
		return Answer{}, err
	}
	ds, err := series(opts.Budget, 200, 20000, func(i int) error {
		_, err := e.Ask(ctx, opts.Questions[i%len(opts.Questions)])
		return err
	})
	if err != nil {
		return Answer{}, err
	}
	return Answer{P50MS: percentile(ds, 50), P99MS: percentile(ds, 99), Samples: len(ds)}, nil
}

// stages turns the product's own timings of its ingest into the report's
// stages; "index and save" is the rest of the total (chunk tables, lexicon,
// writing the index, and what lies between the steps).
func stages(t rag.Timings, total float64) []Stage {
	out := []Stage{
		{Name: "read and clean", Seconds: t.Read.Seconds()},
		{Name: "chunk", Seconds: t.Chunk.Seconds()},
		{Name: "embed", Seconds: t.Embed.Seconds()},
		{Name: "add to chromem-go", Seconds: t.Store.Seconds()},
	}
	sum := 0.0
	for _, s := range out {
		sum += s.Seconds
	}
	out = append(out, Stage{Name: "index and save", Seconds: max(total-sum, 0)})
	for i := range out {
		out[i].Share = round(out[i].Seconds/total, 3)
		out[i].Seconds = round(out[i].Seconds, 3)
	}
	return out
}

// titleQuestions makes one question per document from its title ("What
// about <title>?"), for a corpus the benchmark knows nothing else of.
func titleQuestions(docs []*corpus.Document) []string {
	var out []string
	for _, d := range docs {
		if t := strings.TrimSpace(d.Title); t != "" {
			out = append(out, "What about "+t+"?")
		}
	}
	if len(out) == 0 {
		out = append(out, "What happened?")
	}
	return out
}
