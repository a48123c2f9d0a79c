package claim

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
		panic("claim: missing data file " + name) // embedded: a build error, not a runtime one
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
	negations = wordSet("claim-negation.txt")
	generic   = wordSet("claim-generic.txt")
	hedges    = wordSet("claim-hedges.txt")
	lemmas    = func() map[string]string {
		m := map[string]string{}
		for _, l := range lines("claim-lemmas.txt") {
			if len(l) == 2 {
				m[l[0]] = l[1]
			}
		}
		return m
	}()
	synonyms  = groups("claim-synonyms.txt")
	exclusive = groups("claim-exclusive.txt")
)

// groups reads a file of word groups into the groups each stem belongs to.
func groups(name string) map[string][]int {
	m := map[string][]int{}
	for i, l := range lines(name) {
		for _, w := range l {
			s := stem(w)
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
}

func (t token) content() bool { return !stopwords[t.lower] && !negations[t.lower] }

// tokenize splits s into words: runs of letters and digits, with "." and
// "," kept inside numbers ("12.5", "1,000"). Apostrophes and hyphens split
// words ("Iranian-made" is "Iranian" and "made").
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
		if (r == '.' || r == ',') && start >= 0 && isDigitAt(s, i-1) && isDigitAt(s, i+1) {
			continue
		}
		flush(i)
	}
	flush(len(s))
	return toks
}

func isDigitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

// stem returns the Snowball stem of a lower-case word's base form.
func stem(w string) string {
	if l, ok := lemmas[w]; ok {
		w = l
	}
	if len(w) > 3 {
		return english.Stem(w, true)
	}
	return w
}

// stemsMatch reports whether two stems name the same word family, also when
// one extends the other by a short suffix the stemmer keeps (demonyms:
// "iran"/"iranian", "russia"/"russian").
func stemsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && len(b)-len(a) <= 4 && strings.HasPrefix(b, a) && !isNumeric(a)
}

// same reports whether a source word says what a claim word says: the same
// word family or a synonym.
func same(claim, source string) bool {
	return stemsMatch(claim, source) || share(synonyms, claim, source)
}

func isNumeric(w string) bool {
	for _, r := range w {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return w != ""
}
