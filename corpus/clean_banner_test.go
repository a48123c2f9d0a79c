package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"
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
