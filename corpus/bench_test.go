package corpus

import (
	"os"
	"strings"
	"testing"
	"time"
)

// benchText is the bundled story's body, repeated to the size of a long
// article.
func benchText(b *testing.B) string {
	b.Helper()
	docs, err := Bundled()
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(docs[0].Text+"\n", 8)
}

func BenchmarkClean(b *testing.B) {
	raw, err := os.ReadFile("testdata/raw-seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		Clean(string(raw))
	}
}

func BenchmarkSplitSentences(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		SplitSentences(text)
	}
}

func BenchmarkChunks(b *testing.B) {
	d := NewDocument("bench", "Bench", time.Time{}, "", "", benchText(b))
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		Chunks(d, DefaultChunkOptions)
	}
}
