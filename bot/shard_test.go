package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
)

// identifiedShards are the [id, count] of every identify so far.
func identifiedShards(fake *fakediscord.Server) [][2]int {
	var out [][2]int
	for _, raw := range fake.Identified() {
		var d struct {
			Shard *[2]int `json:"shard"`
		}
		json.Unmarshal(raw, &d)
		if d.Shard != nil {
			out = append(out, *d.Shard)
		}
	}
	return out
}

func TestRunShards(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		recommended int
		id, count   int // Options.ShardID, ShardCount
		want        [][2]int
		registers   int
	}{
		{"recommended count, all shards here", 3, 0, 0, [][2]int{{0, 3}, {1, 3}, {2, 3}}, 1},
		{"one shard of several, not shard 0", 3, 1, 4, [][2]int{{1, 4}}, 0},
		{"shard 0 of several registers", 1, 0, 2, [][2]int{{0, 2}}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := fakediscord.New("Bot " + testToken)
			defer fake.Close()
			fake.SetShards(tt.recommended, 16)
			logs := &syncBuffer{}
			opts := defaultOptions(newFakeEngine(), t.TempDir())
			opts.Token, opts.APIBase, opts.Transport = testToken, fake.APIBase(), &hostGuard{}
			opts.ShardID, opts.ShardCount = tt.id, tt.count
			opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
			b, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- b.Run(ctx) }()
			deadline := time.Now().Add(wait)
			for len(identifiedShards(fake)) < len(tt.want) || !strings.Contains(logs.String(), "shard="+fmt.Sprint(tt.want[len(tt.want)-1][0])) {
				if time.Now().After(deadline) {
					t.Fatalf("identified %v, want %v; logs:\n%s", identifiedShards(fake), tt.want, logs.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if tt.registers > 0 {
				if _, ok := fake.WaitFor(wait, func(r fakediscord.Request) bool {
					return r.Method == http.MethodPut && strings.HasSuffix(r.Path, "/commands")
				}); !ok {
					t.Fatalf("commands never registered; logs:\n%s", logs.String())
				}
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run returned %v", err)
			}
			got := identifiedShards(fake)
			slices.SortFunc(got, func(a, b [2]int) int { return a[0] - b[0] })
			if !slices.Equal(got, tt.want) {
				t.Errorf("identified shards %v, want %v", got, tt.want)
			}
			if n := countRequests(fake, http.MethodPut, "/commands"); n != tt.registers {
				t.Errorf("commands registered %d times, want %d", n, tt.registers)
			}
		})
	}
}
