package index

import (
	"context"
	"fmt"
	"math"

	"github.com/newsbot/storybot/internal/lang"
)

// LocalDim is the dimension of the local embedder's vectors.
const LocalDim = 512

// Embedder turns texts into vectors for the index.
type Embedder struct {
	// ID names the embedder, its model and dimension. The index records it:
	// an index built with another ID is rebuilt, never mixed.
	ID string
	// Embed embeds a batch of chunk texts.
	Embed func(ctx context.Context, texts []string) ([][]float32, error)
	// Query embeds a question. idf weighs a word stem by how rare it is in the
	// corpus; embedders that learned their own weights ignore it.
	Query func(ctx context.Context, q string, idf func(stem string) float64) ([]float32, error)

	// embedStems, when set, is Embed that also returns each text's content
	// stems (lang.ContentStems), found by the same pass over its words: a
	// sync feeds them to the lexicon rather than tokenise every chunk again.
	embedStems func(ctx context.Context, texts []string) ([][]float32, [][]string, error)
}

// NewLocalEmbedder returns the embedder that needs no model and no network:
// feature hashing of word stems, stem bigrams and character 4-grams (which
// catch inflections and misspellings the stemmer misses) into LocalDim
// signed buckets, L2-normalised. Chunk vectors use term frequency only, so
// they never change when other documents are added; the question vector is
// weighted by the corpus IDF, which makes rare words dominate the cosine
// without re-embedding the corpus when its statistics move.
func NewLocalEmbedder() *Embedder {
	return &Embedder{
		// The version names the stems it hashes: it changes when
		// internal/lang's stemmer or stopwords do (v2: British -ise
		// spellings stem as -ize; "might", "must", "shall" are stopwords).
		ID: fmt.Sprintf("local-hash-v2/%d", LocalDim),
		Embed: func(ctx context.Context, texts []string) ([][]float32, error) {
			// Texts are embedded independently, so a batch is shared out
			// among the CPUs: ingest is bound by this step.
			out := make([][]float32, len(texts))
			forEach(len(texts), func(i int) {
				if ctx.Err() == nil {
					out[i], _ = hashEmbed(texts[i], nil, false)
				}
			})
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return out, nil
		},
		embedStems: func(ctx context.Context, texts []string) ([][]float32, [][]string, error) {
			out, stems := make([][]float32, len(texts)), make([][]string, len(texts))
			forEach(len(texts), func(i int) {
				if ctx.Err() == nil {
					out[i], stems[i] = hashEmbed(texts[i], nil, true)
				}
			})
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			return out, stems, nil
		},
		Query: func(_ context.Context, q string, idf func(string) float64) ([]float32, error) {
			v, _ := hashEmbed(q, idf, false)
			return v, nil
		},
	}
}

const (
	bigramWeight = 0.5
	gramWeight   = 0.5 // spread over a word's 4-grams
)

// hashEmbed computes the local embedding of s; idf, when set, weighs each
// feature by the rarity of the word it comes from. With withStems it also
// returns the content stems of s, as lang.ContentStems would.
func hashEmbed(s string, idf func(string) float64, withStems bool) ([]float32, []string) {
	v := make([]float32, LocalDim)
	var stems []string
	if withStems {
		stems = make([]string, 0, len(s)/8+1)
	}
	prev := ""
	lang.EachWord(s, func(_ string, _ int, f lang.Forms) {
		if f.Stop {
			prev = ""
			return
		}
		if withStems {
			stems = append(stems, f.Stem)
		}
		w := 1.0
		if idf != nil {
			w = idf(f.Stem)
		}
		addFeature(v, 'w', f.Stem, "", w)
		if prev != "" {
			addFeature(v, 'b', prev, f.Stem, bigramWeight*w)
		}
		prev = f.Stem
		if n := len(f.Lower) - 3; n >= 2 {
			gw := gramWeight * w / math.Sqrt(float64(n))
			for i := 0; i < n; i++ {
				addFeature(v, 'c', f.Lower[i:i+4], "", gw)
			}
		}
	})
	normalize(v)
	return v, stems
}

// addFeature adds weight w to the signed bucket of feature kind+a+b, hashed
// with FNV-1a without building the feature string.
func addFeature(v []float32, kind byte, a, b string, w float64) {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	h = (h ^ uint64(kind)) * prime
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	if b != "" {
		h = (h ^ ' ') * prime
		for i := 0; i < len(b); i++ {
			h = (h ^ uint64(b[i])) * prime
		}
	}
	i := int(h % uint64(len(v)))
	if h>>63 == 1 {
		w = -w
	}
	v[i] += float32(w)
}

// normalize scales v to unit length. A text with no features gets a fixed
// unit vector rather than zeros, which would poison cosine similarity.
func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		v[0] = 1
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
