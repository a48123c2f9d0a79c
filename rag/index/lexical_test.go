package index

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsbot/storybot/internal/lang"
)

var lexChunks = []string{
	"The council met on Monday to discuss the harbour budget.",
	"The council approved the harbour budget after a long debate.",
	"A runaway okapi was seen near the council offices on Tuesday.",
	"The council will meet again next week.",
	"Harbour workers said the budget was too small.",
}

func TestLexiconSearch(t *testing.T) {
	lx := buildLexicon(lexChunks)
	tests := []struct {
		name      string
		query     string
		k         int
		wantFirst int // -1: not checked
		wantLen   int
	}{
		{"rare word ranks first", "council okapi", 3, 2, 3},
		{"two rare words beat one common", "approved debate council", 5, 1, 4},
		{"k larger than the corpus", "council", 100, -1, 4},
		{"k of one keeps the best", "harbour budget", 1, 4, 1},
		{"inflected form", "approving debates", 5, 1, 1},
		{"empty query", "", 5, -1, 0},
		{"stopwords only", "what is the", 5, -1, 0},
		{"words the corpus never uses", "zeppelin tariff", 5, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lx.search(lang.ContentStems(tt.query), tt.k)
			if len(got) != tt.wantLen {
				t.Fatalf("search(%q, %d): got %d results %v, want %d", tt.query, tt.k, len(got), got, tt.wantLen)
			}
			if tt.wantFirst >= 0 && got[0].slot != tt.wantFirst {
				t.Errorf("search(%q): got chunk %d first, want %d (results %v)", tt.query, got[0].slot, tt.wantFirst, got)
			}
			for i, s := range got {
				if s.score <= 0 {
					t.Errorf("result %d: got score %v, want > 0", i, s.score)
				}
				if i > 0 && better(s, got[i-1]) {
					t.Errorf("results not best first: %v", got)
				}
			}
		})
	}
}

// TestLexiconSynonymDiscount checks that a match through a synonym scores
// exactly synonymWeight of a match of the word itself, everything else
// being equal.
func TestLexiconSynonymDiscount(t *testing.T) {
	lx := buildLexicon([]string{
		"The minister acknowledged the deal.",
		"The minister admitted the deal.",
		"The weather was fine.",
	})
	got := lx.search(lang.ContentStems("admit"), 10)
	if len(got) != 2 {
		t.Fatalf("got %d results %v, want 2 (the word and its synonym)", len(got), got)
	}
	if got[0].slot != 1 || got[1].slot != 0 {
		t.Fatalf("got order %v, want the exact word (chunk 1) before the synonym (chunk 0)", got)
	}
	if ratio := got[1].score / got[0].score; math.Abs(ratio-synonymWeight) > 1e-9 {
		t.Errorf("got synonym/exact score ratio %v, want %v", ratio, synonymWeight)
	}
}

func TestLexiconEmpty(t *testing.T) {
	lx := buildLexicon(nil)
	if got := lx.search(lang.ContentStems("anything at all"), 5); len(got) != 0 {
		t.Errorf("search in an empty lexicon: got %v, want nothing", got)
	}
}

func TestLexiconIDF(t *testing.T) {
	lx := buildLexicon(lexChunks)
	common, rare, unseen := lx.idf(lang.Stem("council")), lx.idf(lang.Stem("okapi")), lx.idf("zeppelin")
	if !(common < rare && rare < unseen) {
		t.Errorf("idf: got council %v, okapi %v, unseen %v; want increasing with rarity", common, rare, unseen)
	}
	if common <= 0 {
		t.Errorf("idf of a word in 4 of 5 chunks: got %v, want > 0", common)
	}
	if _, known := lx.weight(lang.Stem("okapi")); !known {
		t.Error("weight(okapi): got unknown, want known")
	}
	if _, known := lx.weight("zeppelin"); known {
		t.Error("weight(zeppelin): got known, want unknown")
	}
	if got, want := lx.df(lang.Stem("council")), 4; got != want {
		t.Errorf("df(council): got %d, want %d", got, want)
	}
}

// TestLexiconPostings checks the packed postings against counting every
// chunk's stems directly, with gaps and counts of one and of several bytes.
func TestLexiconPostings(t *testing.T) {
	var texts []string
	for i := range 3000 {
		text := fmt.Sprintf("The harbour board met on day %d.", i)
		switch {
		case i%1000 == 999:
			text += strings.Repeat(" Okapi okapi.", 150) // 300 okapis: a two-byte count
		case i%97 == 0:
			text += " A pelican landed twice, pelican and pelican."
		}
		texts = append(texts, text)
	}
	lx := buildLexicon(texts)
	want := make(map[string]map[int32]uint16)
	for c, text := range texts {
		for _, s := range lang.ContentStems(text) {
			if want[s] == nil {
				want[s] = make(map[int32]uint16)
			}
			want[s][int32(c)]++
		}
	}
	if got := postingsOf(lx); !reflect.DeepEqual(got, want) {
		for s := range want {
			if !reflect.DeepEqual(got[s], want[s]) {
				t.Errorf("postings of %q: got %v, want %v", s, got[s], want[s])
			}
		}
	}
	for s, ps := range want {
		if got := lx.df(s); got != len(ps) {
			t.Errorf("df(%q): got %d, want %d", s, got, len(ps))
		}
	}
	if err := lx.check(len(texts)); err != nil {
		t.Errorf("check of a built lexicon: %v", err)
	}
	// The search decodes the postings itself: its scores are BM25's over
	// the counts above.
	for _, q := range []string{"okapi", "pelican harbour", "day board"} {
		got := lx.search(lang.ContentStems(q), len(texts))
		ref := make(map[int]float64)
		for _, s := range lang.ContentStems(q) {
			ps := want[s]
			idf := lx.idf(s)
			for c, tf := range ps {
				norm := bm25K1 * (1 - bm25B + bm25B*float64(lx.Lengths[c])/lx.avgLen)
				ref[int(c)] += idf * float64(tf) * (bm25K1 + 1) / (float64(tf) + norm)
			}
		}
		if len(got) != len(ref) {
			t.Errorf("search(%q): got %d chunks, want %d", q, len(got), len(ref))
		}
		for _, h := range got {
			if math.Abs(h.score-ref[h.slot]) > 1e-9 {
				t.Errorf("search(%q): chunk %d scores %v, want %v", q, h.slot, h.score, ref[h.slot])
			}
		}
	}
}

// TestLexiconCheck damages a lexicon's stored fields in the ways a wrong
// or older file could: check refuses each, so search never misreads them.
func TestLexiconCheck(t *testing.T) {
	tests := []struct {
		name   string
		damage func(lx *lexicon)
	}{
		{"posting cut short", func(lx *lexicon) {
			lx.Postings = append(lx.Postings, 0x80)
			lx.Offsets[len(lx.Offsets)-1]++
		}},
		{"posting past the last chunk", func(lx *lexicon) {
			lx.Postings = binary.AppendUvarint(lx.Postings, uint64(len(lx.Lengths))<<1)
			lx.Offsets[len(lx.Offsets)-1] = uint32(len(lx.Postings))
			lx.DFs[len(lx.DFs)-1]++
		}},
		{"count above the chunk's length", func(lx *lexicon) {
			lx.Postings = append(lx.Postings[:0:0], lx.Postings...)
			first := lx.Postings[:lx.Offsets[1]]
			first[0] |= 1
			lx.Postings = slices.Insert(lx.Postings, 1, 0x7f)
			for t := 1; t < len(lx.Offsets); t++ {
				lx.Offsets[t]++
			}
		}},
		{"document frequency wrong", func(lx *lexicon) { lx.DFs[0]++ }},
		{"offsets out of order", func(lx *lexicon) { lx.Offsets[1], lx.Offsets[2] = lx.Offsets[2], lx.Offsets[1] }},
		{"terms out of order", func(lx *lexicon) {
			a, b := lx.termAt(0), lx.termAt(1)
			lx.Terms = b + a + lx.Terms[len(a)+len(b):]
			lx.TermEnds[0] = uint32(len(b))
		}},
		{"terms longer than their ends", func(lx *lexicon) { lx.Terms += "zeppelin" }},
		{"no document frequencies (an older layout)", func(lx *lexicon) { lx.DFs = nil }},
		{"no postings (an older layout)", func(lx *lexicon) { lx.Postings = nil }},
		{"lengths of another corpus", func(lx *lexicon) { lx.Lengths = lx.Lengths[1:] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx := buildLexicon(lexChunks)
			if err := lx.check(len(lexChunks)); err != nil {
				t.Fatalf("before the damage: %v", err)
			}
			tt.damage(lx)
			if err := lx.check(len(lexChunks)); err == nil {
				t.Error("got no error, want the damage found")
			}
		})
	}
}
