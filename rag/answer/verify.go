package answer

import (
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/corpus"
)

// foldRune maps the characters that differ between a source and a faithful
// copy of it (curly and straight quotes, kinds of space) to one form.
func foldRune(r rune) rune {
	switch r {
	case '“', '”', '„', '‟', '″':
		return '"'
	case '‘', '’', '‚', '‛', '′':
		return '\''
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return r
}

// fold returns s with quotes and whitespace folded (runs of whitespace become
// one space) and, for each byte of the result, the offset in s it came from.
func fold(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offs := make([]int, 0, len(s)+1)
	space := false
	for i, r := range s {
		f := foldRune(r)
		if f == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		n := utf8.RuneLen(f)
		b.WriteRune(f)
		for range n {
			offs = append(offs, i)
		}
	}
	offs = append(offs, len(s))
	return b.String(), offs
}

// Locate finds quote in text, allowing only differences of quote style and
// whitespace, and returns its byte span in text. Leading and trailing
// whitespace and quotation marks of the quote are not part of the match.
func Locate(text, quote string) (corpus.Span, bool) {
	quote = trimQuotes(quote)
	if quote == "" {
		return corpus.Span{}, false
	}
	if i := strings.Index(text, quote); i >= 0 {
		return corpus.Span{Start: i, End: i + len(quote)}, true
	}
	ft, offs := fold(text)
	fq, _ := fold(quote)
	i := strings.Index(ft, fq)
	if i < 0 {
		return corpus.Span{}, false
	}
	end := i + len(fq)
	// offs[end] is the start of the first byte after the match; step back
	// over the last matched rune to its end in text.
	last := offs[end-1]
	_, size := utf8.DecodeRuneInString(text[last:])
	return corpus.Span{Start: offs[i], End: last + size}, true
}

// trimQuotes removes surrounding whitespace and the quotation marks that
// wrap a quote. A mark that belongs to the quoted text (a quote that opens
// one and ends with its closing mark) stays.
func trimQuotes(q string) string {
	q = strings.TrimSpace(q)
	isMark := func(r rune) bool { return foldRune(r) == '"' }
	for {
		first, fs := utf8.DecodeRuneInString(q)
		last, ls := utf8.DecodeLastRuneInString(q)
		inner := ""
		if len(q) >= fs+ls {
			inner = q[fs : len(q)-ls]
		}
		switch {
		case q == "":
			return q
		case isMark(first) && isMark(last) && len(q) > fs:
			// “…” around the whole quote.
			q = strings.TrimSpace(inner)
		case isMark(first) && strings.IndexFunc(q[fs:], isMark) < 0:
			q = strings.TrimSpace(q[fs:]) // an unclosed opening mark
		case isMark(last) && strings.IndexFunc(q[:len(q)-ls], isMark) < 0:
			q = strings.TrimSpace(q[:len(q)-ls]) // an unopened closing mark
		default:
			return q
		}
	}
}

// Verify checks a citation against its document's text: its quote must be
// the text at its offsets, or be found in it (its offsets are then
// corrected). It reports false for a quote the text does not contain.
func Verify(c Citation, text string) (Citation, bool) {
	if c.Start >= 0 && c.End <= len(text) && c.Start < c.End && text[c.Start:c.End] == c.Quote {
		return c, true
	}
	span, ok := Locate(text, c.Quote)
	if !ok {
		return c, false
	}
	c.Start, c.End, c.Quote = span.Start, span.End, text[span.Start:span.End]
	return c, true
}

// Check drops any citation whose quote is not in its document, as text
// returns it (false when the document is unknown), and renumbers the rest.
// The answerers only cite what they found, so this never fires unless one of
// them, or the stored copy they read, is wrong; it is the last line of the
// guarantee that no quote is invented. An answer left without citations
// abstains.
func Check(log *slog.Logger, a Answer, text func(doc string) (string, bool)) Answer {
	kept := make([]Citation, 0, len(a.Citations))
	renumber := make(map[int]int)
	for _, c := range a.Citations {
		t, ok := text(c.Doc)
		v, found := Verify(c, t)
		if ok && found {
			renumber[c.N] = len(kept) + 1
			v.N = len(kept) + 1
			kept = append(kept, v)
		} else {
			log.Error("citation failed verification; dropped", "doc", c.Doc, "quote", c.Quote)
			// The answer text must not carry the unverified words either.
			a.Text = strings.Replace(a.Text, c.Quote, "", 1)
		}
	}
	if len(kept) < len(a.Citations) {
		a.Text = renumberMarkers(a.Text, renumber)
	}
	a.Citations = kept
	if len(kept) == 0 && !a.Abstained {
		a.Abstained = true
		a.Text = Abstention
	}
	return a
}
