package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
)

// How models and journalists honestly quote, and what LocateQuote accepts
// beyond Locate's differences of quote style and whitespace:
//   - a capital first letter where the source has a lower-case one ("The
//     missile part…" for "the missile part…"), and the reverse;
//   - an editorial bracket changing a letter's case ("[t]he missile part");
//   - elisions ("…", "...") between fragments that are each verbatim and in
//     the source's order within the one passage.
//
// Every word a quote claims must be in the source: a quote with a word the
// source does not have, or a paraphrase inside quotation marks, is not
// located.

// elision splits a quote into its fragments.
var elision = regexp.MustCompile(`\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*`)

// editorialLetter is a bracketed letter whose case the quoter changed.
var editorialLetter = regexp.MustCompile(`\[(\p{L})\]`)

// minFragmentWords is the fewest words a fragment of an elided quote must
// have: a one-word fragment ("the") is found anywhere and proves nothing.
const minFragmentWords = 2

// LocateQuote finds a quote as a model or a journalist writes it in text
// and returns the verbatim span of each of its fragments, in order.
func LocateQuote(text, quote string) ([]corpus.Span, bool) {
	if s, ok := Locate(text, quote); ok {
		return []corpus.Span{s}, true
	}
	frags := elision.Split(trimQuotes(quote), -1)
	var out []corpus.Span
	from := 0
	for _, f := range frags {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if len(frags) > 1 && len(lang.Words(f)) < minFragmentWords {
			return nil, false
		}
		s, ok := locateFragment(text[from:], f)
		if !ok {
			return nil, false
		}
		s.Start, s.End = s.Start+from, s.End+from
		out = append(out, s)
		from = s.End
	}
	return out, len(out) > 0
}

// locateFragment finds one fragment: as written, then with its editorial
// brackets dropped, then with its first letter's case changed.
func locateFragment(text, f string) (corpus.Span, bool) {
	if s, ok := Locate(text, f); ok {
		return s, true
	}
	f = editorialLetter.ReplaceAllString(f, "$1")
	if s, ok := Locate(text, f); ok {
		return s, true
	}
	r, size := utf8.DecodeRuneInString(f)
	swapped := unicode.ToLower(r)
	if unicode.IsLower(r) {
		swapped = unicode.ToUpper(r)
	}
	if swapped == r {
		return corpus.Span{}, false
	}
	return Locate(text, string(swapped)+f[size:])
}
