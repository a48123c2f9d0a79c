package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/newsbot/storybot/rag"
)

// DefaultServerArticles is how many articles each server of the
// many-servers case holds.
const DefaultServerArticles = 50

// Servers is the many-servers case: Servers Discord servers each holding its
// own sources (Articles documents of the corpus, cycled), each with its own
// engine, data folder and chromem-go collection: as rag gives a server with
// sources of its own an Engine of its own (rag/guild.go), here opened
// directly with rag.Open on the server's files alone, without the shared
// corpus.
type Servers struct {
	Servers  int `json:"servers"`
	Articles int `json:"articles_per_server"`
	Chunks   int `json:"chunks"` // over all servers
	// IngestSeconds is every server's first Open (build and save its
	// index), one after the other, in this process.
	IngestSeconds float64 `json:"ingest_seconds"`
	// OpenMS is a new process opening every server's persisted index.
	OpenMS float64 `json:"open_ms"`
	// P50MS and P99MS time a whole Ask to one server, the servers taken in
	// turn, in that process.
	P50MS   float64 `json:"p50_ms"`
	P99MS   float64 `json:"p99_ms"`
	Samples int     `json:"samples"`
	// Reembedded counts chunks embedded again on opening (must be 0).
	Reembedded int `json:"reembedded"`
	// Memory is that process's after the questions and a GC, over all
	// servers.
	Memory Memory `json:"memory"`
	// SettledRSSMB is its RSS once the heap's free pages are returned to
	// the system (debug.FreeOSMemory), as the runtime's scavenger does in
	// the background within minutes; SettledRatio is it against vectors +
	// text.
	SettledRSSMB float64 `json:"settled_rss_mb"`
	SettledRatio float64 `json:"settled_ratio"`
	Note         string  `json:"note"`
}

// serversNote says how the case is run.
const serversNote = "one engine (and chromem-go collection) per server, opened with rag.Open on the server's own files"

// serverDirs are the corpus and data folders of server i under root.
func serverDirs(root string, i int) (corpusDir, dataDir string) {
	d := filepath.Join(root, fmt.Sprintf("s%04d", i))
	return filepath.Join(d, "corpus"), filepath.Join(d, "data")
}

// buildServers writes n servers' corpora of articles documents each under
// root and builds their indexes with the product's Open.
func buildServers(ctx context.Context, src *source, root string, n, articles int) (Servers, error) {
	out := Servers{Servers: n, Articles: articles, Note: serversNote}
	var took time.Duration
	for i := range n {
		corpusDir, dataDir := serverDirs(root, i)
		for j := range articles {
			k := i*articles + j
			if err := src.write(corpusDir, j/len(src.docs), src.docs[k%len(src.docs)]); err != nil {
				return out, err
			}
		}
		t := time.Now()
		_, st, err := rag.Open(ctx, rag.Options{CorpusDir: corpusDir, DataDir: dataDir}, nil)
		took += time.Since(t)
		if err != nil {
			return out, fmt.Errorf("server %d: %w", i, err)
		}
		out.Chunks += st.Chunks
	}
	out.IngestSeconds = round(took.Seconds(), 3)
	return out, nil
}

// ServersChild is the many-servers check of a new process: it opens the n
// servers' persisted indexes under root, asks them in turn questions made
// of their documents' titles for about budget, and reports timings and
// memory. `bot bench` runs it in a new process.
func ServersChild(ctx context.Context, root string, n int, budget time.Duration) (Servers, error) {
	out := Servers{Servers: n, Note: serversNote}
	engines := make([]*rag.Engine, n)
	t := time.Now()
	for i := range n {
		corpusDir, dataDir := serverDirs(root, i)
		e, st, err := rag.Open(ctx, rag.Options{CorpusDir: corpusDir, DataDir: dataDir}, nil)
		if err != nil {
			return out, fmt.Errorf("server %d: %w", i, err)
		}
		engines[i] = e
		out.Chunks += st.Chunks
		out.Reembedded += st.Embedded
	}
	out.OpenMS = ms(time.Since(t))
	if n == 0 {
		return out, fmt.Errorf("no servers")
	}
	out.Articles = len(engines[0].Documents())
	questions := titleQuestions(engines[0].Documents())
	ds, err := series(budget, 200, 20000, func(i int) error {
		// Consecutive questions go to servers far apart, as users of
		// unrelated servers would ask them.
		_, err := engines[(i*7919)%n].Ask(ctx, questions[i%len(questions)])
		return err
	})
	if err != nil {
		return out, err
	}
	out.P50MS, out.P99MS, out.Samples = percentile(ds, 50), percentile(ds, 99), len(ds)

	var text int
	for _, e := range engines {
		for _, d := range e.Documents() {
			text += len(d.Text)
		}
	}
	out.Memory = measureMemory(out.Chunks, text)
	debug.FreeOSMemory()
	out.SettledRSSMB = round(float64(procStatus("/proc/self/status", "VmRSS"))/1024, 1)
	if base := out.Memory.VectorMB + out.Memory.TextMB; base > 0 {
		out.SettledRatio = round(out.SettledRSSMB/base, 2)
	}
	runtime.KeepAlive(engines)
	return out, nil
}

// servers runs the many-servers case: builds the servers' indexes here, then
// checks them in a new process when opts says how, else in this one.
func servers(ctx context.Context, opts Options, src *source) (*Servers, error) {
	articles := opts.ServerArticles
	if articles <= 0 {
		articles = DefaultServerArticles
	}
	root := filepath.Join(opts.WorkDir, "servers")
	built, err := buildServers(ctx, src, root, opts.Servers, articles)
	if err != nil {
		return nil, err
	}
	flushWrites()
	var child Servers
	if opts.ServersChild != nil {
		child, err = opts.ServersChild(ctx, root, opts.Servers, opts.Budget)
	} else {
		child, err = ServersChild(ctx, root, opts.Servers, opts.Budget)
	}
	if err != nil {
		return nil, err
	}
	child.IngestSeconds = built.IngestSeconds
	return &child, nil
}
