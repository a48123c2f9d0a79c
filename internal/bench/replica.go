package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/postgres"
)

// Replica is the cost of a replica's start on a PostgreSQL database holding
// the largest size's articles with their chunks and vectors (measured when
// Options.DatabaseURL is set, in a schema of its own, dropped afterwards).
type Replica struct {
	Chunks int `json:"chunks"`
	// PopulateS is the first replica's start on the empty database: read
	// the corpus, embed it once and save every article.
	PopulateS float64 `json:"populate_s"`
	// StartMS is a second replica's start on the populated database: open
	// the store, load every article and build the index in memory.
	StartMS float64 `json:"start_ms"`
	// StartCPUMS is the CPU time (all cores, user and system) this process
	// used in that start, the database server's not included; LoadAvg the
	// one-minute load average when it began (wall times on a shared
	// machine need both beside them).
	StartCPUMS float64 `json:"start_cpu_ms"`
	LoadAvg    float64 `json:"load_avg"`
	// FirstAnswerMS is that replica's first answer.
	FirstAnswerMS float64 `json:"first_answer_ms"`
	// Reembedded counts the chunks the second replica embedded (must be 0).
	Reembedded int64 `json:"reembedded"`
}

// replica measures Replica on corpusDir in a new schema of databaseURL.
func replica(ctx context.Context, databaseURL, corpusDir, dataDir, question string) (*Replica, error) {
	dsn, drop, err := tempSchema(ctx, databaseURL)
	if err != nil {
		return nil, err
	}
	defer drop()
	open := func() (*postgres.Store, error) { return postgres.Open(ctx, dsn, store.Options{}) }

	first, err := open()
	if err != nil {
		return nil, err
	}
	t := time.Now()
	_, st, err := rag.Open(ctx, rag.Options{CorpusDir: corpusDir, DataDir: dataDir + "-1", Store: first}, nil)
	first.Close()
	if err != nil {
		return nil, fmt.Errorf("populate: %w", err)
	}
	r := &Replica{Chunks: st.Chunks, PopulateS: round(time.Since(t).Seconds(), 3)}

	var embedded atomic.Int64
	local := rag.NewLocalEmbedder()
	counting := &rag.Embedder{ID: local.ID, Query: local.Query, Embed: func(ctx context.Context, texts []string) ([][]float32, error) {
		embedded.Add(int64(len(texts)))
		return local.Embed(ctx, texts)
	}}
	flushWrites()
	load := loadAvg()
	t, cpu := time.Now(), cpuTime()
	second, err := open()
	if err != nil {
		return nil, err
	}
	defer second.Close()
	e, _, err := rag.Open(ctx, rag.Options{CorpusDir: corpusDir, DataDir: dataDir + "-2", Store: second, Embedder: counting}, nil)
	if err != nil {
		return nil, fmt.Errorf("start: %w", err)
	}
	r.StartMS, r.StartCPUMS, r.LoadAvg = ms(time.Since(t)), ms(cpuTime()-cpu), load
	t = time.Now()
	if _, err := e.Ask(ctx, question); err != nil {
		return nil, fmt.Errorf("first answer: %w", err)
	}
	r.FirstAnswerMS = ms(time.Since(t))
	r.Reembedded = embedded.Load()
	return r, nil
}

// tempSchema creates an empty schema in databaseURL's database and returns
// a URL whose connections use it, and the function that drops it.
func tempSchema(ctx context.Context, databaseURL string) (string, func(), error) {
	b := make([]byte, 6)
	rand.Read(b)
	schema := "storybot_bench_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return "", nil, fmt.Errorf("connect to DATABASE_URL: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "create schema "+schema); err != nil {
		return "", nil, fmt.Errorf("create schema %s: %w", schema, err)
	}
	drop := func() {
		ctx := context.WithoutCancel(ctx)
		if conn, err := pgx.Connect(ctx, databaseURL); err == nil {
			conn.Exec(ctx, "drop schema "+schema+" cascade") //nolint:errcheck // best effort: the schema is named as the bench's
			conn.Close(ctx)
		}
	}
	u, err := url.Parse(databaseURL)
	if err != nil || u.Scheme == "" || strings.Contains(databaseURL, " ") {
		return databaseURL + " search_path=" + schema, drop, nil
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
