package index

import (
	"container/heap"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/newsbot/storybot/internal/lang"
)

// BM25 parameters, the usual values for short passages.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// synonymWeight discounts a match through a synonym against the word
	// itself.
	synonymWeight = 0.5
)

// lexicon is a BM25 index over the chunks' content stems: the lexical signal
// that complements the vectors (names, numbers and rare words that hashing
// or a model may blur). Postings are stored flat so the index persists and
// loads as a few large slices.
type lexicon struct {
	Terms   map[string]int32 // stem → term id
	Offsets []int32          // postings of term t: [Offsets[t], Offsets[t+1])
	Chunks  []int32          // chunk slot of each posting
	TFs     []uint16         // term frequency of each posting
	Lengths []int32          // content-stem count of each chunk
	avgLen  float64
}

// buildLexicon indexes the content stems of each chunk text.
func buildLexicon(texts []string) *lexicon { return buildLexiconStems(texts, nil) }

// buildLexiconStems is buildLexicon given the content stems of some texts
// already (known[i], when known and known[i] are not nil, are those of
// texts[i]): only the others are stemmed.
func buildLexiconStems(texts []string, known [][]string) *lexicon {
	lx := &lexicon{Terms: make(map[string]int32), Lengths: make([]int32, len(texts))}
	type post struct {
		chunk int32
		tf    uint16
	}
	var postings [][]post
	// tf counts the current chunk's stems by term id; touched lists the
	// ids it holds, in order of first use. One map lookup per stem.
	var tf []uint16
	var touched []int32
	var block [][]string
	for c := range texts {
		if c%lexiconBlock == 0 {
			end := min(c+lexiconBlock, len(texts))
			var kb [][]string
			if known != nil {
				kb = known[c:end]
			}
			block = blockStems(texts[c:end], kb, block)
		}
		stems := block[c%lexiconBlock]
		lx.Lengths[c] = int32(len(stems))
		touched = touched[:0]
		for _, s := range stems {
			id, ok := lx.Terms[s]
			if !ok {
				id = int32(len(postings))
				// A known stem may be a slice of a larger string (a stored
				// article's stems): the key must not keep that alive.
				lx.Terms[strings.Clone(s)] = id
				postings = append(postings, nil)
				tf = append(tf, 0)
			}
			if tf[id] == 0 {
				touched = append(touched, id)
			}
			if tf[id] < math.MaxUint16 {
				tf[id]++
			}
		}
		// Chunks come in slot order, so every term's postings are sorted.
		for _, id := range touched {
			postings[id] = append(postings[id], post{int32(c), tf[id]})
			tf[id] = 0
		}
	}
	lx.Offsets = make([]int32, len(postings)+1)
	for t, ps := range postings {
		lx.Offsets[t+1] = lx.Offsets[t] + int32(len(ps))
	}
	lx.Chunks = make([]int32, 0, lx.Offsets[len(postings)])
	lx.TFs = make([]uint16, 0, lx.Offsets[len(postings)])
	for _, ps := range postings {
		for _, p := range ps {
			lx.Chunks = append(lx.Chunks, p.chunk)
			lx.TFs = append(lx.TFs, p.tf)
		}
	}
	lx.init()
	return lx
}

// lexiconBlock is how many texts buildLexicon stems at a time.
const lexiconBlock = 4096

// blockStems returns the content stems of each text, computed by all CPUs:
// stemming is most of building the lexicon, and the texts are independent.
// known, when set, holds those already known (nil for the others).
func blockStems(texts []string, known, out [][]string) [][]string {
	out = slices.Grow(out[:0], len(texts))[:len(texts)]
	forEach(len(texts), func(i int) {
		if known != nil && known[i] != nil {
			out[i] = known[i]
			return
		}
		out[i] = lang.ContentStems(texts[i])
	})
	return out
}

// init computes what is derived from the stored fields.
func (lx *lexicon) init() {
	var total int64
	for _, l := range lx.Lengths {
		total += int64(l)
	}
	if len(lx.Lengths) > 0 {
		lx.avgLen = float64(total) / float64(len(lx.Lengths))
	}
}

// df returns how many chunks contain stem s.
func (lx *lexicon) df(s string) int {
	id, ok := lx.Terms[s]
	if !ok {
		return 0
	}
	return int(lx.Offsets[id+1] - lx.Offsets[id])
}

// idf is the BM25 inverse document frequency of stem s; a stem the corpus
// never uses gets the highest value.
func (lx *lexicon) idf(s string) float64 {
	n := float64(len(lx.Lengths))
	df := float64(lx.df(s))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// weight is idf for the question analyser: it also reports whether the
// corpus uses the stem at all.
func (lx *lexicon) weight(s string) (float64, bool) {
	return lx.idf(s), lx.df(s) > 0
}

// search scores chunks by BM25 for the question's stems, each expanded with
// its synonyms at a discount, and returns the k best with positive scores.
func (lx *lexicon) search(qstems []string, k int) []scored {
	// A score per chunk is the one large allocation of a query; the slice is
	// reused, and only the entries a query touched are cleared after it.
	pooled, _ := scorePool.Get().(*[]float64)
	if pooled == nil || len(*pooled) != len(lx.Lengths) {
		s := make([]float64, len(lx.Lengths))
		pooled = &s
	}
	scores := *pooled
	var touched []int32
	defer func() {
		for _, c := range touched {
			scores[c] = 0
		}
		scorePool.Put(pooled)
	}()
	seen := make(map[string]bool)
	for _, q := range qstems {
		for _, v := range lang.Variants(q) {
			if seen[v] {
				continue
			}
			seen[v] = true
			w := 1.0
			if v != q {
				w = synonymWeight
			}
			id, ok := lx.Terms[v]
			if !ok {
				continue
			}
			idf := lx.idf(v)
			for p := lx.Offsets[id]; p < lx.Offsets[id+1]; p++ {
				c, tf := lx.Chunks[p], float64(lx.TFs[p])
				norm := bm25K1 * (1 - bm25B + bm25B*float64(lx.Lengths[c])/lx.avgLen)
				if scores[c] == 0 {
					touched = append(touched, c)
				}
				scores[c] += w * idf * tf * (bm25K1 + 1) / (tf + norm)
			}
		}
	}
	return topK(touched, scores, k)
}

// scorePool holds the per-chunk score slices of lexicon.search.
var scorePool sync.Pool

// topK returns the k best of the touched slots, best first; ties go to the
// earlier slot so that results are deterministic.
func topK(touched []int32, scores []float64, k int) []scored {
	h := make(scoredHeap, 0, k+1)
	for _, c := range touched {
		s := scored{slot: int(c), score: scores[c]}
		if len(h) < k {
			heap.Push(&h, s)
		} else if better(s, h[0]) {
			h[0] = s
			heap.Fix(&h, 0)
		}
	}
	out := make([]scored, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&h).(scored)
	}
	return out
}

func better(a, b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.slot < b.slot
}

// scoredHeap is a min-heap: its root is the worst of the best k.
type scoredHeap []scored

func (h scoredHeap) Len() int           { return len(h) }
func (h scoredHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h scoredHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoredHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *scoredHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// scored is a chunk slot with a score.
type scored struct {
	slot  int
	score float64
}

// nearest returns the indexed stem one typing slip away from s (the most
// frequent when several are), for a word of a question the corpus does not
// use: "mcconel" finds "mcconnel". Short stems are left alone: one slip
// turns them into too many other words.
func (lx *lexicon) nearest(s string) (string, bool) {
	if len(s) < minTypoStem || lx.Terms == nil {
		return "", false
	}
	if _, ok := lx.Terms[s]; ok {
		return s, true
	}
	best, bestDF := "", 0
	for t := range lx.Terms {
		if t[0] != s[0] || len(t) < len(s)-1 || len(t) > len(s)+1 || !lang.WithinOneEdit(s, t) {
			continue
		}
		if df := lx.df(t); df > bestDF || df == bestDF && t < best {
			best, bestDF = t, df
		}
	}
	return best, best != ""
}

// minTypoStem is the shortest stem nearest corrects.
const minTypoStem = 5
