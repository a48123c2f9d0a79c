package rag

import (
	"context"
	"testing"
)

// benchQuestions are asked in turn by the answer benchmark.
var benchQuestions = []string{
	"Did Iran admit sending missiles?",
	"When does Iran say the drone shipments were made?",
	"Who is Hossein Amirabdollahian?",
	"Which drone model does Ukraine say Russia is using?",
	"What is the capital of Australia?",
}

func BenchmarkAsk(b *testing.B) {
	e, _, err := Open(context.Background(), Options{DataDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := e.Ask(ctx, benchQuestions[i%len(benchQuestions)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
