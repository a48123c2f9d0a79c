package converse

import (
	"bufio"
	"embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// data holds the word lists this package reads; each file names its source.
//
//go:embed data/*.txt
var data embed.FS

// lines returns the non-comment lines of a data file, each split into words.
func lines(name string) [][]string {
	b, err := data.ReadFile("data/" + name)
	if err != nil {
		panic("converse: missing data file " + name) // embedded: a build error, not a runtime one
	}
	var out [][]string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Fields(line))
	}
	return out
}

// wordSet returns every word of a data file.
func wordSet(name string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines(name) {
		for _, w := range l {
			m[w] = true
		}
	}
	return m
}

var (
	stopwords = wordSet("stopwords.txt")
	verbs     = wordSet("converse-verbs.txt")
	fillers   = wordSet("converse-fillers.txt")
	dummyIt   = wordSet("converse-dummy-it.txt")
	orgWords  = wordSet("converse-orgs.txt")
)

// token is one word of a text as written, with its forms and position.
type token struct {
	text       string // as written
	lower      string
	stem       string
	start, end int // byte offsets in the tokenised text
	upper      bool
}

// tokenize splits s into words: runs of letters and digits. Apostrophes and
// hyphens split words ("Iran's" is "Iran" and "s").
func tokenize(s string) []token {
	var toks []token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		r, _ := utf8.DecodeRuneInString(w)
		lw := strings.ToLower(w)
		toks = append(toks, token{text: w, lower: lw, stem: stem(lw), start: start, end: end, upper: unicode.IsUpper(r)})
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return toks
}

// stem returns the Snowball stem of a lower-case word.
func stem(w string) string {
	if len(w) > 3 {
		return english.Stem(w, true)
	}
	return w
}

// content reports whether a token carries meaning.
func (t token) content() bool { return !stopwords[t.lower] }

// verb reports whether a token is most likely a verb.
func (t token) verb() bool {
	return verbs[t.lower] || (!t.upper && len(t.lower) > 4 && strings.HasSuffix(t.lower, "ed"))
}

// plural reports whether a noun token looks plural.
func (t token) plural() bool {
	return len(t.lower) > 3 && strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss")
}

// stemsMatch reports whether two stems name the same word family, also when
// one extends the other by a short suffix the stemmer keeps (demonyms:
// "iran"/"iranian").
func stemsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && len(b)-len(a) <= 4 && strings.HasPrefix(b, a)
}
