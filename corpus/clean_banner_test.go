package corpus

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestInlineChromeWindowsMatchTheExpression checks that removing age banners
// window by window gives what the expression gives over the whole text, on
// texts built at random from the banner's parts and the words around it.
func TestInlineChromeWindowsMatchTheExpression(t *testing.T) {
	parts := []string{"this ", "This ", "THIS ", "article ", "story ", "page ", "content ", "is ", "more ", "older ",
		"than", "than ", "Than  ", " ", "\n", "\t", "\r\n", "2", "10 ", "3", "years", "year ", "months ", "weeks", "days ",
		"old", " old", "OLD.", "x", "é", "ſtory ", "\u212Aid ", "more than 2 ", "Iran ", "said. ", "<b>", "5 years old",
		"this article is more than ", "This Story is older than", "this content is ", "this page is more ", "ſtory is older than\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	matched := 0
	for range 50_000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := removeInlineChrome(s), inlineChrome.ReplaceAllString(s, "\n"); got != want {
			t.Fatalf("removeInlineChrome(%q) = %q, want %q", s, got, want)
		}
		if inlineChrome.MatchString(s) {
			matched++
		}
	}
	if matched < 200 {
		t.Fatalf("only %d texts held a banner; the test checks too little", matched)
	}
}

// collapseSpacesByRunes is collapseSpaces as first written, rune by rune
// into a strings.Builder: the reference for the faster one.
func collapseSpacesByRunes(line string) string {
	var b strings.Builder
	space := false
	for _, r := range line {
		if r != '\n' && (unicode.IsSpace(r) || r == '\u00a0') {
			space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func TestCollapseSpacesMatchesTheReference(t *testing.T) {
	parts := []string{" ", "  ", "\t", "\u00a0", "\u2003", "\x00", "\x7f", "\u0085", "\xff", "\xe2\x82", "word", "é", "\u212A", "x"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := collapseSpaces(s), collapseSpacesByRunes(s); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestReplaceTagsMatchesTheExpression(t *testing.T) {
	htmlTag := regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	parts := []string{"<", ">", "</", "/", "<p>", "</p>", "<a href=x>", "<b", "a", "Z", "1", " ", "<<", "x<y", "é", "\u212A", "\n", "\xff", "word"}
	rng := rand.New(rand.NewPCG(7, 8))
	changed := 0
	for range 50_000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		want := htmlTag.ReplaceAllString(s, "\n")
		if got := replaceTags(s); got != want {
			t.Fatalf("replaceTags(%q) = %q, want %q", s, got, want)
		}
		if want != s {
			changed++
		}
	}
	if changed < 1000 {
		t.Fatalf("only %d texts held a tag; the test checks too little", changed)
	}
}
