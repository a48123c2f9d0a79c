package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/newsbot/storybot/internal/iobound"
	"github.com/newsbot/storybot/store/postgres/pgtest"
)

// TestMain lets the test binary stand in for bot when `bot bench` starts
// its restart process: that process runs the command line, not the tests.
// Otherwise it runs the tests, which mostly wait on sockets, timers and
// child processes, many at once.
func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) != "" {
		main()
		return
	}
	iobound.Main(m, nil)
}

// TestBenchJSON runs bot bench once, with the many-servers case and, when
// a PostgreSQL is reachable, with DATABASE_URL, and checks every section of
// its report: one run, as each takes seconds.
func TestBenchJSON(t *testing.T) {
	t.Parallel()
	env := map[string]string{}
	if pgtest.Reachable() {
		env["DATABASE_URL"] = pgtest.Schema(t) // the bench makes a schema of its own inside
	}
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, EnvFile: "testdata/none.env", LookupEnv: environment(env)}
	if code := m.Run(context.Background(), []string{"bench", "--max-chunks", "300", "--budget", "1ms", "--json", "--servers", "3", "--server-articles", "2"}); code != 0 {
		t.Fatalf("bench exited %d: %s", code, errOut.String())
	}
	var r map[string]any
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("bench --json printed %q: %v", out.String(), err)
	}
	want := map[string][]string{
		"ingest":  {"documents", "chunks", "seconds", "chunks_per_s", "stages"},
		"answer":  {"p50_ms", "p99_ms"},
		"restart": {"open_ms", "first_answer_ms", "reembedded", "layouts"},
		"memory":  {"chunks", "heap_mb", "rss_mb", "vector_mb"},
		"servers": {"servers", "articles_per_server", "chunks", "p50_ms", "p99_ms", "reembedded", "memory"},
	}
	for section, fields := range want {
		obj, ok := r[section].(map[string]any)
		if !ok {
			t.Fatalf("no %q object in %s", section, out.String())
		}
		for _, f := range fields {
			if _, ok := obj[f]; !ok {
				t.Errorf("%s has no %q", section, f)
			}
		}
	}
	query, ok := r["query"].([]any)
	if !ok || len(query) == 0 {
		t.Fatalf("query: got %v, want a list of sizes", r["query"])
	}
	for _, q := range query {
		for _, f := range []string{"chunks", "p50_ms", "p99_ms", "chromem_p50_ms", "loop_p50_ms"} {
			if _, ok := q.(map[string]any)[f]; !ok {
				t.Errorf("query entry %v has no %q", q, f)
			}
		}
	}
	if got := r["restart"].(map[string]any)["reembedded"]; got != 0.0 {
		t.Errorf("restart re-embedded %v chunks, want 0", got)
	}
	if got := r["memory"].(map[string]any)["chunks"]; got.(float64) < 300 {
		t.Errorf("memory measured at %v chunks, want at least 300", got)
	}
	sv := r["servers"].(map[string]any)
	if sv["servers"] != 3.0 || sv["articles_per_server"] != 2.0 || sv["reembedded"] != 0.0 || sv["chunks"].(float64) <= 0 {
		t.Errorf("servers: got %v, want 3 servers of 2 articles, chunks, nothing re-embedded", sv)
	}
	if note, _ := r["corpus"].(map[string]any)["note"].(string); note == "" {
		t.Errorf("corpus note is empty; the bundled story must be said to be repeated")
	}

	// With DATABASE_URL the report has the replica section, and the second
	// replica re-embedded nothing.
	t.Run("replica", func(t *testing.T) {
		if env["DATABASE_URL"] == "" {
			pgtest.Server(t) // skips, saying why
		}
		var rr struct {
			Replica *struct {
				Chunks     int     `json:"chunks"`
				StartMS    float64 `json:"start_ms"`
				Reembedded *int    `json:"reembedded"`
			} `json:"replica"`
		}
		if err := json.Unmarshal(out.Bytes(), &rr); err != nil {
			t.Fatal(err)
		}
		if rr.Replica == nil || rr.Replica.Reembedded == nil {
			t.Fatalf("no replica section in %s", out.String())
		}
		if rr.Replica.Chunks < 300 || rr.Replica.StartMS <= 0 || *rr.Replica.Reembedded != 0 {
			t.Errorf("replica %+v re-embedded %d: want ≥ 300 chunks, a start time, nothing re-embedded", *rr.Replica, *rr.Replica.Reembedded)
		}
	})
}
