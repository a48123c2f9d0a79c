package lang

import (
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// Stem returns the stem of a lower-case word: the Snowball English stem of
// its lemma ("said" → "say", "missiles" → "missil"). Numbers and words of
// three letters or fewer are kept as they are, as Snowball would mangle them.
func Stem(w string) string {
	w = americanSpelling(Lemma(w))
	if len(w) > 3 && !IsNumber(w) {
		return english.Stem(w, true)
	}
	return w
}

// americanSpelling returns a British "-ise" or "-yse" verb form in its
// "-ize" or "-yze" spelling ("apologised" → "apologized", "analyses" →
// "analyzes"), or w itself: a word spelled -ise everywhere ("revised",
// "surprising", "otherwise") is kept.
func americanSpelling(w string) string {
	for _, suf := range [...]string{"ise", "ised", "ises", "ising", "isation", "isations", "yse", "ysed", "yses", "ysing"} {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || len(base) < 3 {
			continue
		}
		if suf[0] == 'i' && (iseWords().Has(base+"ise") || strings.HasSuffix(base, "w")) {
			return w
		}
		return base + string(suf[0]) + "z" + suf[2:]
	}
	return w
}

// iseWords are the words spelled -ise in every spelling of English.
var iseWords = sync.OnceValue(func() WordSet { return Set("spelling-ise-words") })

// Lemma returns the base form of an irregular verb form ("told" → "tell",
// "gave" → "give"), or w itself. The Snowball stemmer strips only regular
// suffixes, so without it "said" would not match "says".
func Lemma(w string) string {
	if l, ok := lemmas()[w]; ok {
		return l
	}
	return w
}

// StemsMatch reports whether two stems name the same word family. Beyond
// equality it accepts a stem that extends the other by a short suffix the
// stemmer keeps: demonyms and the like ("ukrain"/"ukrainian", "iran"/"iranian",
// "russia"/"russian").
func StemsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= minFamilyStem && len(b)-len(a) <= maxFamilySuffix && strings.HasPrefix(b, a) && !IsNumber(a)
}

// A stem extended by a suffix of at most maxFamilySuffix bytes ("-ian",
// "-ese", "-ish") is of the same family, when the shorter stem has at least
// minFamilyStem bytes: shorter stems are prefixes of too many unrelated words.
const (
	minFamilyStem   = 4
	maxFamilySuffix = 4
)

// IsNumber reports whether w is made of digits only.
func IsNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// WithinOneEdit reports whether one insertion, deletion or substitution of
// a letter (or none) turns a into b: a typing slip in a name ("McConell").
func WithinOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i, j, edits := 0, 0, 0
	for i < len(ra) && j < len(rb) {
		if ra[i] == rb[j] {
			i++
			j++
			continue
		}
		edits++
		if edits > 1 {
			return false
		}
		if len(ra) == len(rb) {
			j++
		}
		i++
	}
	return edits+(len(ra)-i) <= 1
}
