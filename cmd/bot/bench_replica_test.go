package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/newsbot/storybot/store/postgres/pgtest"
)

// TestBenchReplica runs bot bench with DATABASE_URL: the report has the
// replica section, and the second replica re-embedded nothing.
func TestBenchReplica(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Schema(t) // the bench makes a schema of its own inside
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, EnvFile: "testdata/none.env", LookupEnv: environment(map[string]string{"DATABASE_URL": dsn})}
	if code := m.Run(context.Background(), []string{"bench", "--max-chunks", "300", "--budget", "1ms", "--json"}); code != 0 {
		t.Fatalf("bench exited %d: %s", code, errOut.String())
	}
	var r struct {
		Replica *struct {
			Chunks     int     `json:"chunks"`
			StartMS    float64 `json:"start_ms"`
			Reembedded *int    `json:"reembedded"`
		} `json:"replica"`
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Replica == nil || r.Replica.Reembedded == nil {
		t.Fatalf("no replica section in %s", out.String())
	}
	if r.Replica.Chunks < 300 || r.Replica.StartMS <= 0 || *r.Replica.Reembedded != 0 {
		t.Errorf("replica %+v re-embedded %d: want ≥ 300 chunks, a start time, nothing re-embedded", *r.Replica, *r.Replica.Reembedded)
	}
}
