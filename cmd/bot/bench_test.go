package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"
)

// TestMain lets the test binary stand in for bot when `bot bench` starts
// its restart process: that process runs the command line, not the tests.
func TestMain(m *testing.M) {
	if os.Getenv(benchChildEnv) != "" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestBenchJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, EnvFile: "testdata/none.env"}
	if code := m.Run(context.Background(), []string{"bench", "--max-chunks", "300", "--budget", "1ms", "--json"}); code != 0 {
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
	if note, _ := r["corpus"].(map[string]any)["note"].(string); note == "" {
		t.Errorf("corpus note is empty; the bundled story must be said to be repeated")
	}
}
