package answer

import (
	"strings"
	"testing"
)

// TestLocateQuoteStyles checks the honest ways a model quotes the bundled
// story's sentence (accepted, cited as the verbatim spans) beside fabricated
// and paraphrased quotes (rejected).
func TestLocateQuoteStyles(t *testing.T) {
	text := "Iranian Foreign Minister Hossein Amirabdollahian was cited as saying “This fuss made by some Western countries, that Iran has provided missiles and drones to Russia to help the war in Ukraine - the missile part is completely wrong.”"
	tests := []struct {
		name  string
		quote string
		want  []string // the verbatim spans; nil means rejected
	}{
		{"verbatim", "the missile part is completely wrong", []string{"the missile part is completely wrong"}},
		{"capitalised first letter", `"The missile part is completely wrong"`, []string{"the missile part is completely wrong"}},
		{"editorial bracket", "[t]he missile part is completely wrong", []string{"the missile part is completely wrong"}},
		{"elision with three dots", "This fuss made by some Western countries ... the missile part is completely wrong", []string{"This fuss made by some Western countries", "the missile part is completely wrong"}},
		{"elision with an ellipsis", "This fuss made by some Western countries … the missile part is completely wrong", []string{"This fuss made by some Western countries", "the missile part is completely wrong"}},
		{"lower-cased first letter", "this fuss made by some Western countries", []string{"This fuss made by some Western countries"}},
		{"fabricated word", "the missile part is totally wrong", nil},
		{"paraphrase", "Iran never sent any missiles to Russia", nil},
		{"fragments out of order", "the missile part is completely wrong ... This fuss made by some Western countries", nil},
		{"a word added inside a fragment", "This fuss made by some Western countries … the whole missile part is completely wrong", nil},
		{"one-word fragment", "the … completely wrong", nil},
		{"case changed inside", "the Missile part is completely wrong", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans, ok := LocateQuote(text, tt.quote)
			if tt.want == nil {
				if ok {
					t.Errorf("LocateQuote(%q) = %v: want it rejected", tt.quote, spans)
				}
				return
			}
			if !ok {
				t.Fatalf("LocateQuote(%q): not found, want %q", tt.quote, tt.want)
			}
			var got []string
			for _, s := range spans {
				got = append(got, text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("LocateQuote(%q) = %q, want %q", tt.quote, got, tt.want)
			}
		})
	}
}
