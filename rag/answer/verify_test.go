package answer

import (
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "abc", "abc"},
		{"quotes", "“a” ‘b’ „c‟", `"a" 'b' "c"`},
		{"whitespace runs", "a \t\n b\u00a0\u2003c", "a b c"},
		{"multi-byte kept", "Tromsø – é", "Tromsø – é"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, offs := fold(tt.in)
			if got != tt.want {
				t.Errorf("fold(%q): got %q, want %q", tt.in, got, tt.want)
			}
			if len(offs) != len(got)+1 {
				t.Fatalf("fold(%q): got %d offsets for %d bytes, want %d", tt.in, len(offs), len(got), len(got)+1)
			}
			if offs[len(got)] != len(tt.in) {
				t.Errorf("fold(%q): got final offset %d, want %d", tt.in, offs[len(got)], len(tt.in))
			}
			for i := 1; i < len(offs); i++ {
				if offs[i] < offs[i-1] {
					t.Fatalf("fold(%q): offsets decrease at %d: %v", tt.in, i, offs)
				}
			}
			// Each folded rune maps back to the rune of the input it came
			// from, which folds to it.
			for i, r := range got {
				src := []rune(tt.in[offs[i]:])[0]
				if f := foldRune(src); f != r {
					t.Errorf("fold(%q): byte %d (%q) maps to %q at %d, which folds to %q", tt.in, i, r, src, offs[i], f)
				}
			}
		})
	}
}

// TestLocateKeepsBalancedQuotes checks that a quote ending in the closing
// mark of a quotation it opened is cited with both marks: a citation must not
// open a quotation it never closes.
func TestLocateKeepsBalancedQuotes(t *testing.T) {
	text := "Mayor Ingrid Solvang called the opening “a promise kept to every commuter.” Then she left."
	quote := `Mayor Ingrid Solvang called the opening "a promise kept to every commuter."`
	want := "Mayor Ingrid Solvang called the opening “a promise kept to every commuter.”"
	span, ok := Locate(text, quote)
	if !ok {
		t.Fatal("not found")
	}
	if got := text[span.Start:span.End]; got != want {
		t.Fatalf("regression: Locate(%q): got %q, want %q: verify.go Locate trims the trailing quotation mark even when the quote opened it", quote, got, want)
	}
}

func TestLocate(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		quote string
		// want is the matched text of the document; "" means not found.
		want string
	}{
		{"exact", "He said hello world. Then he left.", "hello world", "hello world"},
		{"curly in text, straight in quote", `the “drone part is true” he said`, `the "drone part is true" he`, `the “drone part is true” he`},
		{"straight in text, curly in quote", `the "drone part is true" he said`, `the “drone part is true” he`, `the "drone part is true" he`},
		{"apostrophes", "Tehran’s drones were small.", "Tehran's drones", "Tehran’s drones"},
		{"single curly quotes", "so-called ‘kamikaze’ drones", "so-called 'kamikaze' drones", "so-called ‘kamikaze’ drones"},
		{"extra whitespace in quote", "the missile part is completely wrong", "the  missile\n part   is completely wrong", "the missile part is completely wrong"},
		{"extra whitespace in text", "the missile  part\n\nis wrong", "missile part is wrong", "missile  part\n\nis wrong"},
		{"no-break space in text", "twenty\u00a0thousand passengers", "twenty thousand passengers", "twenty\u00a0thousand passengers"},
		{"surrounding quotes and spaces trimmed", "She said “we will win” loudly.", `  “we will win”  `, "we will win"},
		{"closing mark of a quote the match opens", `He called it “a promise kept.” Then left.`, `called it "a promise kept."`, `called it “a promise kept.”`},
		{"wrapping marks not part of the match", `He called it a promise kept. Then left.`, `"a promise kept."`, `a promise kept.`},
		{"multi-byte before the match", "Tromsø — café “naïve” déjà vu, then the rest", `café "naïve" déjà`, "café “naïve” déjà"},
		{"multi-byte at the end of the match", "Okonjo won in Tromsø on Sunday", "won in Tromsø", "won in Tromsø"},
		{"curly quote at the end of the match", "it is “true” indeed", `is "true`, "is “true"},
		{"not found", "He said hello world.", "goodbye world", ""},
		{"different case is not a match", "He said hello world.", "Hello World", ""},
		{"words dropped is not a match", "the missile part is completely wrong", "the missile part is wrong", ""},
		{"empty quote", "anything", "", ""},
		{"only quotation marks", "anything", ` “” `, ""},
		{"empty text", "", "a", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			span, ok := Locate(tt.text, tt.quote)
			if tt.want == "" {
				if ok {
					t.Errorf("Locate(%q, %q): got span %v (%q), want not found", tt.text, tt.quote, span, tt.text[span.Start:span.End])
				}
				return
			}
			if !ok {
				t.Fatalf("Locate(%q, %q): got not found, want %q", tt.text, tt.quote, tt.want)
			}
			wantStart := strings.Index(tt.text, tt.want)
			want := corpus.Span{Start: wantStart, End: wantStart + len(tt.want)}
			if span != want {
				t.Errorf("Locate(%q, %q): got span %v (%q), want %v (%q)", tt.text, tt.quote, span, tt.text[span.Start:span.End], want, tt.want)
			}
		})
	}
}
