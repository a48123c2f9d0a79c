package index

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/newsbot/storybot/internal/lang"
)

// BenchmarkLoad is loading a saved index: a server's own (350 chunks) and a
// large one, checks and chromem-go included.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{350, 10_000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			ix := benchIndex(b, n)
			if err := ix.save(); err != nil {
				b.Fatal(err)
			}
			log := slog.New(slog.DiscardHandler)
			for b.Loop() {
				if _, err := loadIndex(ix.dir, ix.embedder, log); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLexiconSearch is the lexical half of retrieval at 10,000 chunks.
func BenchmarkLexiconSearch(b *testing.B) {
	ix := benchIndex(b, 10_000)
	var qs [][]string
	for _, q := range benchQuestions {
		qs = append(qs, lang.ContentStems(q))
	}
	i := 0
	for b.Loop() {
		ix.lex.search(qs[i%len(qs)], Candidates(DefaultK))
		i++
	}
}
