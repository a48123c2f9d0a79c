package rag

import (
	"context"
	"testing"
)

// BenchmarkCheck judges a claim against the bundled story: retrieval of
// its candidate sentences, the judgement and the verification of the
// deciding quotes.
func BenchmarkCheck(b *testing.B) {
	e, _, err := Open(context.Background(), Options{DataDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Check(ctx, "Iran sent missiles to Russia"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFollow answers a follow-up on the bundled story: resolution
// against one earlier turn, the answer, and the turn to remember.
func BenchmarkFollow(b *testing.B) {
	e, _, err := Open(context.Background(), Options{DataDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	first, err := e.Follow(ctx, nil, "Who is Iran's foreign minister?")
	if err != nil {
		b.Fatal(err)
	}
	history := []Turn{first.Turn}
	for b.Loop() {
		if _, err := e.Follow(ctx, history, "What did he say about the missiles?"); err != nil {
			b.Fatal(err)
		}
	}
}
