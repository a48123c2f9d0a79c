package answer

import (
	"math"
	"slices"
	"testing"

	"github.com/newsbot/storybot/internal/lang"
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
				words = append(words, tok.Word)
				starts = append(starts, tok.Start)
			}
			if !slices.Equal(words, tt.words) || !slices.Equal(starts, tt.start) {
				t.Errorf("tokenize(%q): got %q at %v, want %q at %v", tt.in, words, starts, tt.words, tt.start)
			}
		})
	}
}

func TestAnalyze(t *testing.T) {
	known := map[string]float64{lang.Stem("iran"): 1, lang.Stem("drones"): 2, lang.Stem("speed"): 3, lang.Stem("shahed"): 4, lang.Stem("agency"): 2, lang.Stem("minister"): 1}
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
		// A measure noun asks for a number about the words before it.
		{"What is the top speed of the Shahed-136?", askHowMany, []string{"speed"}, false, 4},
		{"What was the ticket price?", askHowMany, []string{lang.Stem("ticket")}, false, -1},
		// A possessor is not what is asked for; the head of the phrase is last.
		{"What is the minister's annual salary?", askHowMany, []string{lang.Stem("salary")}, false, -1},
		{"What is the average wind speed?", askHowMany, []string{"wind"}, false, -1},
		{"What new flavour is the bakery launching?", askOther, []string{"new", lang.Stem("flavour")}, false, -1},
		{"What kind of cake did the bakery make?", askOther, []string{lang.Stem("cake")}, false, -1},
		{"How much money did the campaign raise?", askHowMany, []string{lang.Stem("raise")}, false, -1},
		// The verb of "how much did X VERB" ends the first run of words,
		// not the question.
		{"How much did the city spend enforcing the curfew?", askHowMany, []string{lang.Stem("spend")}, false, -1},
		{"How much did the club's owners pay for the striker?", askHowMany, []string{lang.Stem("pay")}, false, -1},
		// "who/what + auxiliary + X VERB": the verb must be said; not a
		// copula, "do", or a verb of saying (other checks answer those).
		{"Who will the mayor appoint as her deputy?", askWho, []string{lang.Stem("appoint")}, false, -1},
		{"What did the high court decide about the law?", askOther, []string{lang.Stem("decide")}, false, -1},
		{"Who is the mayor?", askWho, []string{"mayor"}, false, -1},
		{"Who is the mayor of Port Alder?", askWho, []string{"mayor"}, false, -1},
		{"Who is Port Alder's mayor?", askWho, nil, false, -1},
		{"How old is the mayor?", askAge, nil, false, -1},
		// "take place" asks where or when, it names no topic: one term.
		{"Where will the talks take place?", askWhere, nil, false, 1},
		{"When does Iran say the drone shipments were made?", askWhen, nil, false, 3},
		{"Who is Hossein Amirabdollahian?", askWho, nil, false, 2},
		{"How many drones did Iran send?", askHowMany, []string{lang.Stem("drones")}, false, 3},
		{"How much did the new bridge cost?", askHowMany, []string{lang.Stem("cost")}, false, 3},
		{"Did Iran admit sending missiles?", askYesNo, nil, true, 4},
		{"Which news agency carried the minister's remarks?", askOther, []string{"news", lang.Stem("agency")}, false, 5},
		{"What did Dmitry Kuleba propose?", askOther, nil, true, 3},
		{"What was the reason for the delay?", askOther, nil, false, 2},
		{"Tell me about the drones", askOther, nil, false, 1},
		// A modal verb is no topic: "might" and "must" weigh nothing.
		{"Why might the bridge close?", askWhy, nil, false, 2},
		{"Why must the bridge close?", askWhy, nil, false, 2},
		{"", askOther, nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := Analyze(tt.question, vocabFunc(idf))
			if q.kind != tt.kind {
				t.Errorf("got kind %d, want %d", q.kind, tt.kind)
			}
			if !slices.Equal(q.focus, tt.focus) {
				t.Errorf("got focus %q, want %q", q.focus, tt.focus)
			}
			if q.speech != tt.speech {
				t.Errorf("got speech %v, want %v", q.speech, tt.speech)
			}
			if tt.termCount >= 0 && len(q.terms) != tt.termCount {
				t.Errorf("got %d terms %v, want %d", len(q.terms), q.terms, tt.termCount)
			}
			// A word the corpus never uses weighs the average of the known
			// ones, not the highest IDF.
			var sum float64
			n := 0
			for _, term := range q.terms {
				if w, ok := known[term.Stem]; ok {
					sum += w
					n++
				}
			}
			for _, term := range q.terms {
				if _, ok := known[term.Stem]; ok {
					continue
				}
				want := 1.0
				if n > 0 {
					want = sum / float64(n)
				}
				if len(q.focus) > 0 && q.focus[len(q.focus)-1] == term.Stem && !q.verbFocus {
					want *= focusWeight
				}
				if math.Abs(term.weight-want) > 1e-9 {
					t.Errorf("unknown word %q: got weight %v, want %v", term.Stem, term.weight, want)
				}
			}
		})
	}
}

// vocabFunc is a Vocabulary of a weight function, with no typo correction.
type vocabFunc func(string) (float64, bool)

func (f vocabFunc) Weight(s string) (float64, bool) { return f(s) }
func (f vocabFunc) Nearest(string) (string, bool)   { return "", false }

// TestFutureMarkersWeighLittle checks that "supposed to" and "gonna" before
// a verb are read as "will", a word of little weight; "going to", which
// sources repeat, and going somewhere keep their weight.
func TestFutureMarkersWeighLittle(t *testing.T) {
	idf := vocabFunc(func(string) (float64, bool) { return 1, true })
	tests := []struct {
		question string
		marker   string
		full     bool
	}{
		{"when is the ferry supposed to sail", "supposed", false},
		{"are they gonna close the school", "gonna", false},
		{"is he going to appeal", "going", true},
		{"Is the mayor going to the summit?", "going", true},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := Analyze(tt.question, idf)
			full := slices.ContainsFunc(q.terms, func(t qterm) bool { return t.Stem == lang.Stem(tt.marker) && t.weight > futureWeight })
			if full != tt.full {
				t.Errorf("got a full-weight term for %q %v, want %v (terms %v)", tt.marker, full, tt.full, q.terms)
			}
		})
	}
}

// TestSpeakerBeforeAnAppositive checks that a speaker named before an
// appositive set off by commas is the one whose verb follows it, and that a
// name inside a quotation is no speaker.
func TestSpeakerBeforeAnAppositive(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"Hanna Berg said the bridge was unsafe.", true},
		{"Hanna Berg, an engineer at the city's transport office who inspected it in May, said the bridge was unsafe.", true},
		{"An engineer who inspected the bridge with Hanna Berg in May and again last week said it was unsafe.", false},
		{"Asked about a report by Berg on the bridge in May, the engineer, who inspected it, said the bridge was unsafe.", false},
		{`"Nobody told Berg about the cracks in the bridge, or about the report," the mayor said.`, false},
	}
	speaker := []string{lang.Stem("berg")}
	for _, tt := range tests {
		if got := givesViewOf(speaker, lang.Stem("bridge"), tokenize(tt.sentence)); got != tt.want {
			t.Errorf("givesViewOf(Berg, bridge, %q): got %v, want %v", tt.sentence, got, tt.want)
		}
	}
}
