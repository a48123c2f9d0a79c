package postgres

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsbot/storybot/store"
)

// BenchmarkReplicaStart measures what a replica's start reads from the
// database: every article with its chunks and vectors (512 dimensions, the
// local embedder's), 50 chunks of about 480 bytes an article, as
// EachArticle streams them. Issue 14's target is a start within 5 s at
// 100,000 chunks.
func BenchmarkReplicaStart(b *testing.B) {
	for _, chunks := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(chunks, " chunks"), func(b *testing.B) {
			dsn := freshSchema(b)
			s := openT(b, dsn, store.Options{})
			const perArticle, dim = 50, 512
			sentence := strings.Repeat("word ", 95) + "end."
			for i := range chunks / perArticle {
				a := store.Article{GuildID: fmt.Sprint("g", i%10), ID: fmt.Sprint("doc", i), Title: "t", Hash: "h", Embedder: "local", Dim: dim}
				var text strings.Builder
				for j := range perArticle {
					start := text.Len()
					text.WriteString(sentence)
					a.Sentences = append(a.Sentences, store.Span{Start: start, End: text.Len()})
					text.WriteString(" ")
					v := make([]float32, dim)
					for k := range v {
						v[k] = float32(i*perArticle+j+k) / 1e6
					}
					a.Chunks = append(a.Chunks, store.Chunk{Start: start, End: start + len(sentence), First: j, Last: j + 1, Vector: v})
				}
				a.Text = text.String()
				if err := s.SaveArticle(b.Context(), a); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				n := 0
				err := s.EachArticle(b.Context(), func(a store.Article) error {
					n += len(a.Chunks)
					return nil
				})
				if err != nil || n != chunks {
					b.Fatalf("read %d chunks (%v), want %d", n, err, chunks)
				}
			}
			b.ReportMetric(float64(chunks)*float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
		})
	}
}
