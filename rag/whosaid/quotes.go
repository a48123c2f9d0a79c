package whosaid

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quotation is a span of text between quotation marks.
type quotation struct {
	open, close int // the opening mark's offset and the offset just after the closing mark
	in0, in1    int // the words inside, trimmed of spaces and a trailing comma
	// runsOn is set for a quotation left open at the end of its paragraph:
	// the quote goes on in the next paragraph, where it is attributed.
	runsOn bool
}

// findQuotations returns the quotations of text in order. Quotations do not
// cross paragraphs; a quotation left open at the end of a paragraph (as news
// writing does when a quote runs on into the next one) ends there. Curly
// and straight double quotes are paired first; single quotes count only
// outside them, and only when the closing mark cannot be an apostrophe.
// Guillemets (« »), German low marks („…“) and typewriter quotes (two apostrophes, or two
// backticks closed by two apostrophes) count as double quotes.
func findQuotations(text string) []quotation {
	var out []quotation
	for p := 0; p < len(text); {
		e := strings.IndexByte(text[p:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += p
		}
		out = append(out, paragraphQuotations(text, p, e)...)
		p = e + 1
	}
	return out
}

func paragraphQuotations(text string, start, end int) []quotation {
	var out []quotation
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		var closeAt int = -1
		typewriter := false
		switch {
		case strings.HasPrefix(text[i:end], "''") || strings.HasPrefix(text[i:end], "``"):
			// Typewriter quotes: two apostrophes, or two backticks closed
			// by two apostrophes (the New York Times' house style).
			size, typewriter = 2, true
			closeAt = indexString(text, i+2, end, "''")
		case r == '“':
			// A curly opening mark closed by a straight one ("“…,"
			// said X") when no curly mark closes it.
			if closeAt = indexRune(text, i+size, end, '”'); closeAt < 0 {
				closeAt = indexRune(text, i+size, end, '"')
			}
		case r == '«':
			closeAt = indexRune(text, i+size, end, '»')
		case r == '„':
			// German marks: „…“, or „…” and „…" as keyboards type them.
			for _, c := range []rune{'“', '”', '"'} {
				if closeAt = indexRune(text, i+size, end, c); closeAt >= 0 {
					break
				}
			}
		case r == '"':
			closeAt = indexRune(text, i+size, end, '"')
			if c := indexRune(text, i+size, end, '”'); c >= 0 && (closeAt < 0 || c < closeAt) {
				closeAt = c // "…” mixed marks
			}
		case r == '‘' || (r == '\'' && opensSingle(text, i)):
			closeAt = closingSingle(text, i+size, end)
			if closeAt < 0 {
				i += size
				continue
			}
		default:
			i += size
			continue
		}
		q := quotation{open: i, in0: i + size}
		if closeAt < 0 {
			q.in1, q.close, q.runsOn = end, end, true
		} else {
			_, cs := utf8.DecodeRuneInString(text[closeAt:])
			if typewriter {
				cs = 2
			}
			q.in1, q.close = closeAt, closeAt+cs
		}
		trimQuotation(text, &q)
		if q.in0 < q.in1 {
			out = append(out, q)
		}
		i = q.close
	}
	return out
}

func indexString(text string, from, to int, sub string) int {
	if j := strings.Index(text[from:to], sub); j >= 0 {
		return from + j
	}
	return -1
}

func indexRune(text string, from, to int, r rune) int {
	if j := strings.IndexRune(text[from:to], r); j >= 0 {
		return from + j
	}
	return -1
}

// opensSingle reports whether a straight single quote at i opens a quotation:
// it follows a space or an opening bracket and precedes a letter.
func opensSingle(text string, i int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(prev) && prev != '(' {
			return false
		}
	}
	next, _ := utf8.DecodeRuneInString(text[i+1:])
	return unicode.IsLetter(next)
}

// closingSingle finds the mark that closes a single-quoted quotation. A ’
// between letters is an apostrophe ("Tehran’s"); one after sentence
// punctuation or before punctuation surely closes; one before a space
// ("farmers’ livelihoods") closes only when no surer mark follows before
// the next opening mark.
func closingSingle(text string, from, to int) int {
	fallback := -1
	for j := from; j < to; {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '‘' {
			break
		}
		if (r == '’' || r == '\'') && j > from {
			prev, _ := utf8.DecodeLastRuneInString(text[:j])
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			switch {
			case unicode.IsSpace(prev) || (j+size < to && unicode.IsLetter(next)):
			case strings.ContainsRune(".,!?", prev) || j+size >= to || !unicode.IsSpace(next):
				return j
			case fallback < 0:
				fallback = j
			}
		}
		j += size
	}
	return fallback
}

// trimQuotation trims spaces and a trailing comma (a typographic convention,
// not part of the words) from the inside of a quotation.
func trimQuotation(text string, q *quotation) {
	for q.in0 < q.in1 && text[q.in0] == ' ' {
		q.in0++
	}
	for q.in1 > q.in0 && (text[q.in1-1] == ' ' || text[q.in1-1] == ',') {
		q.in1--
	}
}
