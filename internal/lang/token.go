package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/puzpuzpuz/xsync/v4"
)

// Token is one word of a text: its lower-cased form, its stem and where it
// starts.
type Token struct {
	Word  string // lower case
	Stem  string
	Start int  // byte offset in the tokenised text
	Upper bool // the word as written starts with an upper-case letter
}

// End returns the byte offset just past the token in the tokenised text.
func (t Token) End() int { return t.Start + len(t.Word) }

// Tokenize splits s into words: runs of letters and digits. Hyphens and
// apostrophes split words ("Shahed-136" is "shahed" and "136"; "Tehran’s" is
// "tehran" and "s"), which lets a question written with a space match a text
// written with a hyphen.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/6+1) // about one word in six bytes of prose
	EachWord(s, func(w string, start int, f Forms) {
		r, _ := utf8.DecodeRuneInString(w)
		toks = append(toks, Token{Word: f.Lower, Stem: f.Stem, Start: start, Upper: unicode.IsUpper(r)})
	})
	return toks
}

// EachWord calls fn with each word of s (as Tokenize splits them), its byte
// offset and its forms, without building a slice: the hot paths of indexing
// (embedding and the lexicon) need nothing more.
func EachWord(s string, fn func(word string, start int, f Forms)) {
	start := -1
	for i := 0; i < len(s); {
		// ASCII, most of news text, is classified by a table; the rest is
		// decoded as ranging over the string would.
		c, size := s[i], 1
		word := asciiWord[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			fn(s[start:i], start, FormsOf(s[start:i]))
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(s[start:], start, FormsOf(s[start:]))
	}
}

// Words returns the lower-cased words of s, as Tokenize splits them.
func Words(s string) []string {
	var out []string
	EachWord(s, func(_ string, _ int, f Forms) { out = append(out, f.Lower) })
	return out
}

// ContentStems returns the stems of the words of s that are not stopwords.
func ContentStems(s string) []string {
	out := make([]string, 0, len(s)/8+1)
	EachWord(s, func(_ string, _ int, f Forms) {
		if !f.Stop {
			out = append(out, f.Stem)
		}
	})
	return out
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// Forms are what the bot needs of a word as written: its lower-cased form,
// its stem, and whether it is a stopword.
type Forms struct {
	Lower, Stem string
	Stop        bool
}

// wordForms caches forms by the word as written: news prose reuses a small
// vocabulary, and lower-casing and stemming every occurrence is most of
// tokenising's cost. It is xsync's map rather than sync.Map, whose lookups
// took an eighth of ingest's CPU on a corpus of hundreds of thousands of
// words (the embedder's workers look up every word of every chunk).
var wordForms = xsync.NewMap[string, Forms]()

// FormsOf returns the forms of one word as written (letters and digits).
func FormsOf(w string) Forms {
	if f, ok := wordForms.Load(w); ok {
		return f
	}
	w = strings.Clone(w) // the key must not keep the whole text alive
	lw := strings.ToLower(w)
	f := Forms{Lower: lw, Stem: Stem(lw), Stop: IsStopword(lw)}
	wordForms.Store(w, f)
	return f
}
