package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/newsbot/storybot/internal/lang"
)

// vectorWeight is the share of the vector score in a hit's score; the rest is
// the lexical score, scaled to the best lexical match of the question.
const vectorWeight = 0.5

// Candidates is how many candidates each signal (vector, lexical) proposes
// for the k best passages: twice k, so that a chunk ranked low by one signal
// but high by the other is still scored by both.
func Candidates(k int) int { return 2 * k }

// DefaultK is how many passages an answer draws on: enough for a question
// whose answer spans two articles, few enough that every one is read.
const DefaultK = 6

// hit is a retrieved chunk with its scores.
type hit struct {
	slot   int
	Score  float64 // combined, in [0, 1]
	Cosine float64 // vector similarity
	BM25   float64 // lexical score
}

// Retrieve returns up to k passages (chunks) relevant to q, best first.
func (ix *Index) Retrieve(ctx context.Context, q string, k int) ([]Passage, error) {
	hits, err := ix.retrieve(ctx, q, k)
	if err != nil {
		return nil, err
	}
	out := make([]Passage, len(hits))
	for i, h := range hits {
		out[i] = ix.passage(h)
	}
	return out, nil
}

// retrieve finds the k best chunks for q. The vector and lexical searches
// each propose 2k candidates; each candidate is scored by both signals. When
// the embedder fails (a remote API is down), retrieval goes on with the
// lexical signal alone and the log says why.
func (ix *Index) retrieve(ctx context.Context, q string, k int) ([]hit, error) {
	n := len(ix.chunks)
	if n == 0 || k <= 0 {
		return nil, nil
	}
	qstems := ix.questionStems(q)
	cands := make(map[int]*hit)
	get := func(slot int) *hit {
		h, ok := cands[slot]
		if !ok {
			h = &hit{slot: slot}
			cands[slot] = h
		}
		return h
	}
	var maxBM25 float64
	for _, s := range ix.lex.search(qstems, Candidates(k)) {
		get(s.slot).BM25 = s.score
		maxBM25 = max(maxBM25, s.score)
	}
	qv, err := ix.embedder.Query(ctx, q, ix.lex.idf)
	if err == nil && len(qv) != ix.dim && ix.dim > 0 {
		// The model behind the embedder's name changed since the index was
		// built; the next sync rebuilds it.
		err = fmt.Errorf("%w: the question has %d dimensions, the index %d", errDimensionChanged, len(qv), ix.dim)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ix.log.Warn("query embedding failed; using the lexical signal alone", "err", err)
	} else {
		res, err := ix.coll.QueryEmbedding(ctx, qv, min(Candidates(k), ix.coll.Count()), nil, nil)
		if err != nil {
			return nil, err
		}
		slots := make(map[string]int, len(res))
		for _, r := range res {
			slot, ok := ix.slotOf(r.ID)
			if !ok {
				continue
			}
			slots[r.ID] = slot
			get(slot).Cosine = float64(r.Similarity)
		}
		// Lexical candidates the vector search did not propose still get
		// their cosine, so both signals score every candidate.
		qn := normalized(qv)
		for slot, h := range cands {
			if _, ok := slots[ix.chunks[slot].ID]; ok {
				continue
			}
			if v := ix.vec(slot); v != nil {
				h.Cosine = float64(dot(qn, v))
			}
		}
	}
	hits := make([]hit, 0, len(cands))
	for _, h := range cands {
		lex := 0.0
		if maxBM25 > 0 {
			lex = h.BM25 / maxBM25
		}
		h.Score = vectorWeight*max(h.Cosine, 0) + (1-vectorWeight)*lex
		hits = append(hits, *h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].slot < hits[j].slot
	})
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits, nil
}

// slotOf finds a chunk's slot from its id "<doc>#<n>".
func (ix *Index) slotOf(id string) (int, bool) {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] != '#' {
			continue
		}
		di, ok := ix.byID[id[:i]]
		if !ok {
			return 0, false
		}
		// Chunks are stored by document, in order, so the document's first
		// chunk is found by binary search and the rest by offset.
		first := sort.Search(len(ix.chunks), func(j int) bool { return int(ix.chunks[j].Doc) >= di })
		n := 0
		for _, c := range id[i+1:] {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		slot := first + n
		if slot < len(ix.chunks) && ix.chunks[slot].ID == id {
			return slot, true
		}
		return 0, false
	}
	return 0, false
}

// normalized returns v scaled to unit length (v itself when it already is),
// as chromem-go scales a question before its cosine.
func normalized(v []float32) []float32 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if math.Abs(sum-1) < 1e-4 {
		return v
	}
	out := slices.Clone(v)
	normalize(out)
	return out
}

func dot(a, b []float32) float32 {
	if len(a) != len(b) {
		return 0
	}
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// questionStems returns the content stems of a question, a name the corpus
// never uses read as the indexed name one typing slip away ("McConell").
// Only capitalised words are corrected: a common word one slip from another
// ("speed", "spend") is more often right as typed.
func (ix *Index) questionStems(q string) []string {
	var out []string
	for _, t := range lang.Tokenize(q) {
		if lang.IsStopword(t.Word) {
			continue
		}
		s := t.Stem
		if t.Upper && ix.lex.df(s) == 0 {
			if c, ok := ix.lex.nearest(s); ok {
				s = c
			}
		}
		out = append(out, s)
	}
	return out
}
