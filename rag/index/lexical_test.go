package index

import (
	"math"
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
