package rag

import (
	"math"
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in    string
		words []string
		start []int
	}{
		{"Shahed-136 drones", []string{"shahed", "136", "drones"}, []int{0, 7, 11}},
		{"Tehran’s reply", []string{"tehran", "s", "reply"}, []int{0, 9, 11}},
		{"Tromsø, Sunday", []string{"tromsø", "sunday"}, []int{0, 9}},
		{"  “Quoted.”  ", []string{"quoted"}, []int{5}},
		{"", nil, nil},
		{"?! — …", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var words []string
			var starts []int
			for _, tok := range tokenize(tt.in) {
				words = append(words, tok.word)
				starts = append(starts, tok.start)
			}
			if !slices.Equal(words, tt.words) || !slices.Equal(starts, tt.start) {
				t.Errorf("tokenize(%q): got %q at %v, want %q at %v", tt.in, words, starts, tt.words, tt.start)
			}
		})
	}
}

func TestStemsMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"iran", "iranian", true},
		{"russia", "russian", true},
		{"drone", "drone", true},
		{"war", "warsaw", false}, // too short to extend
		{"ukrain", "ukrainianism", false},
		{"2022", "20221", false}, // numbers never extend
	}
	for _, tt := range tests {
		if got := stemsMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("stemsMatch(%q, %q): got %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := stemsMatch(tt.b, tt.a); got != tt.want {
			t.Errorf("stemsMatch(%q, %q): got %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSynonymsAreSymmetric(t *testing.T) {
	for s, vs := range synonyms {
		if !slices.Contains(vs, s) {
			t.Errorf("variants(%q) = %q lacks the stem itself", s, vs)
		}
		for _, v := range vs {
			if !slices.Contains(variants(v), s) {
				t.Errorf("%q has synonym %q, but not the other way round", s, v)
			}
		}
	}
	if got := variants("zeppelin"); !slices.Equal(got, []string{"zeppelin"}) {
		t.Errorf("variants of a word without synonyms: got %q, want only itself", got)
	}
}

func TestAnalyze(t *testing.T) {
	known := map[string]float64{stem("iran"): 1, stem("drones"): 2, stem("speed"): 3, stem("shahed"): 4, stem("agency"): 2, stem("minister"): 1}
	idf := func(s string) (float64, bool) {
		w, ok := known[s]
		if !ok {
			return 9, false
		}
		return w, true
	}
	tests := []struct {
		question  string
		kind      questionKind
		focus     []string
		speech    bool
		termCount int
	}{
		{"What is the top speed of the Shahed-136?", askOther, []string{"top", stem("speed")}, false, 4},
		{"When does Iran say the drone shipments were made?", askWhen, nil, false, 3},
		{"Who is Hossein Amirabdollahian?", askWho, nil, false, 2},
		{"How many drones did Iran send?", askHowMany, []string{stem("drones")}, false, 3},
		{"How much did the new bridge cost?", askHowMany, []string{stem("cost")}, false, 3},
		{"Did Iran admit sending missiles?", askYesNo, nil, true, 4},
		{"Which news agency carried the minister's remarks?", askOther, []string{"news", stem("agency")}, false, 5},
		{"What did Dmitry Kuleba propose?", askOther, nil, true, 3},
		{"What was the reason for the delay?", askOther, nil, false, 2},
		{"Tell me about the drones", askOther, nil, false, 1},
		{"", askOther, nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := analyze(tt.question, idf)
			if q.kind != tt.kind {
				t.Errorf("got kind %d, want %d", q.kind, tt.kind)
			}
			if !slices.Equal(q.focus, tt.focus) {
				t.Errorf("got focus %q, want %q", q.focus, tt.focus)
			}
			if q.speech != tt.speech {
				t.Errorf("got speech %v, want %v", q.speech, tt.speech)
			}
			if len(q.terms) != tt.termCount {
				t.Errorf("got %d terms %v, want %d", len(q.terms), q.terms, tt.termCount)
			}
			// A word the corpus never uses weighs the average of the known
			// ones, not the highest IDF.
			var sum float64
			n := 0
			for _, term := range q.terms {
				if w, ok := known[term.stem]; ok {
					sum += w
					n++
				}
			}
			for _, term := range q.terms {
				if _, ok := known[term.stem]; ok {
					continue
				}
				want := 1.0
				if n > 0 {
					want = sum / float64(n)
				}
				if slices.Contains(q.focus, term.stem) {
					want *= focusWeight
				}
				if math.Abs(term.weight-want) > 1e-9 {
					t.Errorf("unknown word %q: got weight %v, want %v", term.stem, term.weight, want)
				}
			}
		})
	}
}
