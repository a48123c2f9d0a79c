package claim

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/internal/lang"
)

// Word lists of internal/lang/data this package reads.
var (
	negations = lang.AllWords("claim-negation")
	generic   = lang.AllWords("claim-generic")
	hedges    = lang.AllWords("claim-hedges")
	synonyms  = groups("claim-synonyms")
	exclusive = groups("claim-exclusive")
)

// groups reads a list of word groups into the groups each stem belongs to.
func groups(name string) map[string][]int {
	m := map[string][]int{}
	for i, l := range lang.Entries(name) {
		for _, w := range l {
			s := lang.Stem(w)
			m[s] = append(m[s], i)
		}
	}
	return m
}

// share reports whether two stems have a group in common.
func share(g map[string][]int, a, b string) bool {
	for _, x := range g[a] {
		for _, y := range g[b] {
			if x == y {
				return true
			}
		}
	}
	return false
}

// token is one word of a text as written, with its forms and position.
type token struct {
	text       string
	lower      string
	stem       string // of the base form
	start, end int    // byte offsets in the tokenised text
	upper      bool
	stop       bool
}

func (t token) content() bool { return !t.stop && !negations[t.lower] }

// tokenize splits s into words as lang does (runs of letters and digits;
// apostrophes and hyphens split words), then joins the digit groups of a
// number written with a decimal point or thousands separators ("12.5",
// "1,000").
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1) // about one word in six bytes of prose
	lang.EachWord(s, func(w string, start int, f lang.Forms) {
		if n := len(toks); n > 0 && lang.IsNumber(w) && isNumeric(toks[n-1].lower) && toks[n-1].end+1 == start &&
			(s[start-1] == '.' || s[start-1] == ',') {
			p := &toks[n-1]
			p.end = start + len(w)
			p.text = s[p.start:p.end]
			p.lower, p.stem = p.text, p.text
			return
		}
		r, _ := utf8.DecodeRuneInString(w)
		toks = append(toks, token{text: w, lower: f.Lower, stem: f.Stem, start: start, end: start + len(w), upper: unicode.IsUpper(r), stop: f.Stop && !claimWords[f.Lower]})
	})
	return toks
}

// claimWords are stopwords of lang that a claim cannot do without: a
// question's generic verbs ("what did they make?") are a claim's act ("the
// town made a loss").
var claimWords = lang.AllWords("claim-content")

// stem returns the stem of a lower-case word.
func stem(w string) string { return lang.Stem(w) }

// same reports whether a source word says what a claim word says: the same
// word family or a synonym.
func same(claim, source string) bool {
	if lang.StemsMatch(claim, source) || share(synonyms, claim, source) {
		return true
	}
	for _, v := range lang.Variants(claim) {
		if v == source {
			return true
		}
	}
	return false
}

func isNumeric(w string) bool {
	for _, r := range w {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}
