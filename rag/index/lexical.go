package index

import (
	"container/heap"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"sort"
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
// or a model may blur). Postings are stored flat and packed, so the index
// persists and loads as a few large slices with no allocation per entry:
// a posting is one or two varints, a quarter to a sixth of a slot and a count
// held as int32 and uint16 (docs/PERFORMANCE.md).
type lexicon struct {
	// Terms are every stem, sorted, one after another: term t, whose id is
	// t, is Terms[TermEnds[t-1]:TermEnds[t]] (from 0 for the first), found
	// by binary search. One string and a number a term, not a map entry of
	// about 50 bytes and a string of its own each.
	Terms    string
	TermEnds []uint32
	// DFs is how many chunks hold term t; Offsets[t] and Offsets[t+1]
	// bound its postings in Postings.
	DFs     []int32
	Offsets []uint32
	// Postings are each term's postings in slot order, each the varint
	// (gap-1)<<1 | (tf > 1), gap being the distance from the term's
	// previous posting's slot (from -1 for its first), followed by the
	// varint tf when tf > 1.
	Postings []byte
	Lengths  []int32 // content-stem count of each chunk
	avgLen   float64
}

// buildLexicon indexes the content stems of each chunk text.
func buildLexicon(texts []string) *lexicon { return buildLexiconStems(texts, nil) }

// buildLexiconStems is buildLexicon given the content stems of some texts
// already (known[i], when known and known[i] are not nil, are those of
// texts[i]): only the others are stemmed.
func buildLexiconStems(texts []string, known [][]string) *lexicon {
	lx := &lexicon{Lengths: make([]int32, len(texts))}
	ids := make(map[string]int32) // by first use, while building
	var names []string
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
			id, ok := ids[s]
			if !ok {
				id = int32(len(postings))
				ids[s] = id
				names = append(names, s)
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
	// Terms are numbered again in sorted order.
	order := make([]int32, len(names))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(names[a], names[b]) })
	lx.DFs = make([]int32, len(postings))
	lx.Offsets = make([]uint32, len(postings)+1)
	lx.TermEnds = make([]uint32, len(postings))
	size, chars := 0, 0
	for _, ps := range postings {
		size += len(ps)
	}
	for _, n := range names {
		chars += len(n)
	}
	var terms strings.Builder
	terms.Grow(chars)
	lx.Postings = make([]byte, 0, size+size/4)
	for t, old := range order {
		ps := postings[old]
		terms.WriteString(names[old])
		lx.TermEnds[t] = uint32(terms.Len())
		lx.DFs[t] = int32(len(ps))
		prev := int32(-1)
		for _, p := range ps {
			lx.Postings = appendPosting(lx.Postings, p.chunk-prev, p.tf)
			prev = p.chunk
		}
		lx.Offsets[t+1] = uint32(len(lx.Postings))
	}
	lx.Terms = terms.String()
	lx.Postings = slices.Clip(lx.Postings)
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

// termAt returns term t.
func (lx *lexicon) termAt(t int) string {
	start := uint32(0)
	if t > 0 {
		start = lx.TermEnds[t-1]
	}
	return lx.Terms[start:lx.TermEnds[t]]
}

// term returns the id of stem s.
func (lx *lexicon) term(s string) (int32, bool) {
	t, ok := sort.Find(len(lx.TermEnds), func(t int) int { return strings.Compare(s, lx.termAt(t)) })
	return int32(t), ok
}

// appendPosting appends a posting gap slots after the term's previous one
// (gap ≥ 1) with term frequency tf (≥ 1).
func appendPosting(b []byte, gap int32, tf uint16) []byte {
	v := uint64(gap-1) << 1
	if tf > 1 {
		v |= 1
	}
	b = binary.AppendUvarint(b, v)
	if tf > 1 {
		b = binary.AppendUvarint(b, uint64(tf))
	}
	return b
}

// posting decodes the posting at b[i:], one of a term's: its slot's gap
// from the previous one's, its count, and where the next posting starts.
// The postings were checked when the lexicon was built or loaded, so the
// varints are whole.
func posting(b []byte, i int) (gap int32, tf uint16, next int) {
	v, n := binary.Uvarint(b[i:])
	i += n
	tf = 1
	if v&1 != 0 {
		t, n := binary.Uvarint(b[i:])
		tf, i = uint16(t), i+n
	}
	return int32(v>>1) + 1, tf, i
}

// postings returns the postings of term id, to be read with posting.
func (lx *lexicon) postings(id int32) []byte { return lx.Postings[lx.Offsets[id]:lx.Offsets[id+1]] }

// check reports whether the stored fields of a loaded lexicon of chunks
// chunks agree with each other: every term id in range, offsets in order,
// every posting whole, its slot in range and after the term's previous
// one, its count between 1 and the chunk's length, and each term's number
// of postings its DF. A lexicon that passes cannot make search index out of
// range or misread a posting.
func (lx *lexicon) check(chunks int) error {
	terms := len(lx.DFs)
	if len(lx.Lengths) != chunks || len(lx.Offsets) != terms+1 || lx.Offsets[0] != 0 || int(lx.Offsets[terms]) != len(lx.Postings) || len(lx.TermEnds) != terms {
		return errors.New("lexicon sizes disagree")
	}
	if terms > 0 && int(lx.TermEnds[terms-1]) != len(lx.Terms) || terms == 0 && lx.Terms != "" {
		return errors.New("lexicon terms disagree with their ends")
	}
	for t := range terms {
		if t > 0 && (lx.TermEnds[t] <= lx.TermEnds[t-1] || lx.termAt(t-1) >= lx.termAt(t)) || lx.TermEnds[t] == 0 {
			// Empty, or out of order: binary search would miss terms.
			return errors.New("lexicon terms out of order")
		}
	}
	for t := range terms {
		lo, hi := lx.Offsets[t], lx.Offsets[t+1]
		if lo > hi {
			return errors.New("lexicon offsets out of order")
		}
		b, slot, n := lx.Postings[lo:hi], int64(-1), int32(0)
		for len(b) > 0 {
			v, k := binary.Uvarint(b)
			if k <= 0 {
				return errors.New("lexicon posting cut short")
			}
			b = b[k:]
			slot += int64(v>>1) + 1
			tf := uint64(1)
			if v&1 != 0 {
				if tf, k = binary.Uvarint(b); k <= 0 || tf < 2 || tf > math.MaxUint16 {
					return errors.New("lexicon posting count out of range")
				}
				b = b[k:]
			}
			if v>>1 >= uint64(chunks) || slot >= int64(chunks) || tf > uint64(max(lx.Lengths[slot], 0)) {
				return errors.New("lexicon posting out of range")
			}
			n++
		}
		if n != lx.DFs[t] {
			return errors.New("lexicon document frequencies disagree with the postings")
		}
	}
	return nil
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
	id, ok := lx.term(s)
	if !ok {
		return 0
	}
	return int(lx.DFs[id])
}

// idf is the BM25 inverse document frequency of stem s; a stem the corpus
// never uses gets the highest value.
func (lx *lexicon) idf(s string) float64 { return lx.idfOf(lx.df(s)) }

// idfOf is the BM25 inverse document frequency of a stem df chunks hold.
func (lx *lexicon) idfOf(df int) float64 {
	n, d := float64(len(lx.Lengths)), float64(df)
	return math.Log(1 + (n-d+0.5)/(d+0.5))
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
			id, ok := lx.term(v)
			if !ok {
				continue
			}
			idf := lx.idfOf(int(lx.DFs[id]))
			b, c := lx.postings(id), int32(-1)
			for i := 0; i < len(b); {
				var gap int32
				var n uint16
				if x := b[i]; x&0x81 == 0 {
					// The common posting, one byte: a gap of at most 64
					// slots, the term once. (A call per posting was a
					// third of the search.)
					gap, n, i = int32(x>>1)+1, 1, i+1
				} else {
					gap, n, i = posting(b, i)
				}
				c += gap
				tf := float64(n)
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
	if len(s) < minTypoStem || len(lx.TermEnds) == 0 {
		return "", false
	}
	if _, ok := lx.term(s); ok {
		return s, true
	}
	best, bestDF := "", 0
	for id := range lx.TermEnds {
		t := lx.termAt(id)
		if t[0] != s[0] || len(t) < len(s)-1 || len(t) > len(s)+1 || !lang.WithinOneEdit(s, t) {
			continue
		}
		if df := int(lx.DFs[id]); df > bestDF || df == bestDF && t < best {
			best, bestDF = t, df
		}
	}
	return best, best != ""
}

// minTypoStem is the shortest stem nearest corrects.
const minTypoStem = 5
