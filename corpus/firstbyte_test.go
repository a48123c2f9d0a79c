package corpus

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestFirstBytes checks the first bytes found for the chrome expressions:
// every byte a matching line can start with is in the set, checked on lines
// that match, and lines starting with a byte outside it never match.
func TestFirstBytes(t *testing.T) {
	for _, re := range []*regexp.Regexp{chromeLine, teaserHeading} {
		set := firstBytes(re.String())
		for _, c := range []byte("sSrRtTpP") {
			if !set[c] {
				t.Errorf("%s: %q missing from its first bytes", re, c)
			}
		}
		if set['b'] || set['B'] || set['1'] || set[' '] {
			t.Errorf("%s: the first bytes hold bytes no match starts with", re)
		}
		if !set["ſ"[0]] {
			t.Errorf("%s: the long s, which folds to s, is missing", re)
		}
	}
	lines := []string{"Advertisement", "SHARE THIS STORY", "ſhare", "Follow us on X", "Related stories:", "More from the desk",
		"you might also like", "Top Stories", "See also", "Reuters", "Getty Images", "Listen to this article"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		// A furniture line in random case, the s perhaps written long.
		l := []rune(lines[rng.IntN(len(lines))])
		for i, r := range l {
			switch {
			case r == 's' && rng.IntN(4) == 0:
				l[i] = 'ſ'
			case rng.IntN(2) == 0:
				l[i] = []rune(strings.ToUpper(string(r)))[0]
			}
		}
		lines = append(lines, string(l))
	}
	matched := 0
	for _, re := range []*regexp.Regexp{chromeLine, teaserHeading} {
		set := firstBytes(re.String())
		for _, l := range lines {
			if !re.MatchString(l) {
				continue
			}
			matched++
			if !set[l[0]] {
				t.Errorf("%s matches %q, whose first byte is not in its set", re, l)
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d lines matched; the check covers too little", matched)
	}
	if all := firstBytes(`(?i)x*y`); !all['z'] {
		t.Error("an expression whose start is not known must allow every byte")
	}
}
