package corpus

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The expressions the Markdown scanners stand for.
var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*)([^*_]+)(\*\*|__|\*)`)
)

// TestMarkdownScannersMatchTheExpressions checks each scanner against its
// expression on lines built at random from Markdown's marks and words.
func TestMarkdownScannersMatchTheExpressions(t *testing.T) {
	parts := []string{"*", "**", "***", "_", "__", "___", "[", "]", "(", ")", "![", "](", "[x]", "(y)", "[a](b)",
		"![i](p.png)", "**bold**", "_it_", "snake_case", " ", "word", "é", "\u212A", "\n", "\xff", "x"}
	scanners := []struct {
		name string
		scan func(string) string
		re   *regexp.Regexp
		repl string
	}{
		{"images", removeImages, mdImage, ""},
		{"links", removeLinkTargets, mdLink, "$1"},
		{"emphasis", removeEmphasis, mdEmphasis, "$2"},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sc := range scanners {
		t.Run(sc.name, func(t *testing.T) {
			changed := 0
			for range 50_000 {
				var b strings.Builder
				for range rng.IntN(16) {
					b.WriteString(parts[rng.IntN(len(parts))])
				}
				s := b.String()
				want := sc.re.ReplaceAllString(s, sc.repl)
				if got := sc.scan(s); got != want {
					t.Fatalf("%s(%q) = %q, want %q", sc.name, s, got, want)
				}
				if want != s {
					changed++
				}
			}
			if changed < 1000 {
				t.Fatalf("only %d lines held a match; the test checks too little", changed)
			}
		})
	}
}
