package converse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/internal/lang"
)

// Word lists of internal/lang/data this package reads.
var (
	verbs       = lang.AllWords("converse-verbs")
	fillers     = lang.AllWords("converse-fillers")
	dummyIt     = lang.AllWords("converse-dummy-it")
	orgWords    = lang.Set("org-nouns")
	auxiliaries = lang.Set("auxiliaries")
	determiners = lang.Set("determiners")
)

// token is one word of a text as written, with its forms and position.
type token struct {
	text       string // as written
	lower      string
	stem       string
	start, end int // byte offsets in the tokenised text
	upper      bool
	stop       bool
}

// tokenize splits s into words as lang does: runs of letters and digits,
// apostrophes and hyphens splitting words ("Iran's" is "Iran" and "s").
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1) // about one word in six bytes of prose
	lang.EachWord(s, func(w string, start int, f lang.Forms) {
		r, _ := utf8.DecodeRuneInString(w)
		toks = append(toks, token{text: w, lower: f.Lower, stem: f.Stem, start: start, end: start + len(w), upper: unicode.IsUpper(r), stop: f.Stop})
	})
	return toks
}

// content reports whether a token carries meaning.
func (t token) content() bool { return !t.stop }

// verb reports whether a token is most likely a verb.
func (t token) verb() bool {
	if verbs[t.lower] || lang.Lemma(t.lower) != t.lower {
		return true
	}
	return !t.upper && len(t.lower) > 4 && strings.HasSuffix(t.lower, "ed")
}

// plural reports whether a noun token looks plural.
func (t token) plural() bool {
	return len(t.lower) > 3 && strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") && !strings.HasSuffix(t.lower, "us")
}

// stemsMatch reports whether two stems name the same word family.
func stemsMatch(a, b string) bool { return lang.StemsMatch(a, b) }

func isNumber(w string) bool { return lang.IsNumber(w) }
