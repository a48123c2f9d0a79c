package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period that does not end a sentence. Lower-case
// keys; the period is not part of the key.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "maj": true, "pres": true, "rev": true, "hon": true, "st": true, "jr": true,
	"sr": true, "inc": true, "ltd": true, "co": true, "corp": true, "vs": true, "v": true,
	"etc": true, "e.g": true, "i.e": true, "approx": true, "est": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "fig": true, "vol": true, "pp": true, "mt": true, "ft": true,
	"a.m": true, "p.m": true, "u.s": true, "u.k": true, "u.n": true, "e.u": true, "d.c": true,
}

// abbreviationsBeforeNumber only abbreviate when a number follows ("No. 10").
var abbreviationsBeforeNumber = map[string]bool{"no": true, "nos": true, "vol": true, "pp": true, "fig": true}

// SplitSentences returns the sentence spans of a cleaned text. A line break
// always ends a sentence; inside a line a sentence ends at '.', '!' or '?'
// (followed by any closing quotes or brackets) when whitespace and the start
// of a new sentence follow, unless the period ends an abbreviation, an
// initial or a number.
func SplitSentences(text string) []Span {
	var spans []Span
	lineStart := 0
	for lineStart <= len(text) {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		spans = appendLineSentences(spans, text, lineStart, lineEnd)
		lineStart = lineEnd + 1
	}
	return spans
}

func appendLineSentences(spans []Span, text string, start, end int) []Span {
	sentStart := start
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		// Take the rest of a run of terminators and closing marks: "?!", ".”", ".)".
		j := i
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if !strings.ContainsRune(".!?…”’\"')]", r2) {
				break
			}
			j += s2
		}
		if j >= end || !isSpace(text[j]) {
			i = j
			continue
		}
		k := j
		for k < end && isSpace(text[k]) {
			k++
		}
		if k >= end {
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[k:end])
		if !startsSentence(next) || (r == '.' && !endsSentence(text[sentStart:i-size], text[k:end])) {
			i = j
			continue
		}
		spans = appendTrimmed(spans, text, sentStart, j)
		sentStart = k
		i = k
	}
	return appendTrimmed(spans, text, sentStart, end)
}

func appendTrimmed(spans []Span, text string, start, end int) []Span {
	for start < end && isSpace(text[start]) {
		start++
	}
	for end > start && isSpace(text[end-1]) {
		end--
	}
	if start < end {
		spans = append(spans, Span{start, end})
	}
	return spans
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' }

// startsSentence reports whether r can begin a sentence.
func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("“‘\"'(", r)
}

// endsSentence decides whether a period after before ends the sentence, given
// the text after it.
func endsSentence(before, after string) bool {
	word := before
	if i := strings.LastIndexAny(word, " \t(“\"‘'"); i >= 0 {
		word = word[i+1:]
	}
	if word == "" {
		return true
	}
	lower := strings.ToLower(word)
	nextIsDigit := after != "" && after[0] >= '0' && after[0] <= '9'
	if abbreviationsBeforeNumber[lower] {
		return !nextIsDigit
	}
	if abbreviations[lower] {
		return false
	}
	// An initial: "J. K. Rowling", "George W. Bush".
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return !unicode.IsUpper(r)
	}
	// Dotted acronyms: "U.S.", "U.A.E.".
	if strings.Contains(word, ".") && utf8.RuneCountInString(strings.ReplaceAll(word, ".", "")) <= 4 {
		return false
	}
	return true
}
