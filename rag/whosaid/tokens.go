package whosaid

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokenKind uint8

const (
	wordToken  tokenKind = iota
	punctToken           // one punctuation rune
	quoteToken           // a whole quotation, marks included
)

// token is a word, a punctuation mark or a whole quotation of a unit of
// text. Quotations are single tokens so that the grammar around them (who
// said it) is read without being confused by the words inside.
type token struct {
	kind       tokenKind
	text       string
	low        string // lower case, curly apostrophe folded
	start, end int    // byte offsets in the document text
	quote      int    // index of the quotation, for quoteTokens
	// first is set for the first word of a sentence or after a colon,
	// whose capital letter says nothing about it being a name.
	first bool
	// headline is set for the words of a unit written in title case, whose
	// capitals say nothing about verbs: "Mayor Says Bridge Will Reopen".
	headline bool
}

// tokenize splits text[start:end] into tokens; quotes that lie inside the
// range become quoteTokens. sentenceStarts are byte offsets where sentences
// begin.
func tokenize(text string, start, end int, quotes []quotation, sentenceStarts map[int]bool) []token {
	var toks []token
	qi := 0
	for qi < len(quotes) && quotes[qi].open < start {
		qi++
	}
	newSentence := true
	for i := start; i < end; {
		if qi < len(quotes) && quotes[qi].open == i {
			q := quotes[qi]
			toks = append(toks, token{kind: quoteToken, text: text[q.open:q.close], start: q.open, end: q.close, quote: qi})
			i = q.close
			qi++
			newSentence = false
			continue
		}
		if sentenceStarts[i] {
			newSentence = true
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if strings.ContainsRune("'’-.&", r2) && j+s2 < end {
					r3, _ := utf8.DecodeRuneInString(text[j+s2:])
					if isWordRune(r3) && !(qi < len(quotes) && quotes[qi].open == j) {
						j += s2
						continue
					}
				}
				break
			}
			w := text[i:j]
			toks = append(toks, token{kind: wordToken, text: w, low: foldWord(w), start: i, end: j, first: newSentence})
			newSentence = false
			i = j
		default:
			toks = append(toks, token{kind: punctToken, text: text[i : i+size], low: text[i : i+size], start: i, end: i + size})
			// A capital after a colon opens a sentence too: "intervened:
			// If Lee would debate, …".
			newSentence = r == ':'
			i += size
		}
	}
	return toks
}

// markHeadline flags the tokens of a unit written in title case: at least
// four words, most of them capitalised, and no sentence-final full stop
// before its end.
func markHeadline(toks []token) {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind == wordToken {
			words++
			if startsUpper(t.text) {
				caps++
			}
		}
	}
	if words < 4 || caps*10 < words*7 {
		return
	}
	for i := range toks {
		toks[i].headline = true
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// foldWord lower-cases a word and folds the curly apostrophe.
func foldWord(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

// isCap reports whether a word token is capitalised in a way that suggests a
// name: the first word of a sentence counts only when it is not a common word.
func (t token) isCap() bool {
	if t.kind != wordToken {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	if t.headline && isSpeechWord(t.low) {
		return false // "Mayor Says …": a verb, capitalised as a headline's words are
	}
	if !unicode.IsUpper(r) {
		// Arabic names keep the article in lower case: "al-Sisi".
		for _, p := range []string{"al-", "el-", "ad-", "as-", "at-", "an-", "ar-", "ash-"} {
			if rest, ok := strings.CutPrefix(t.text, p); ok && startsUpper(rest) {
				return true
			}
		}
		return false
	}
	return !t.first || !commonWord(t.low)
}

// commonWord reports whether w (lower case) is an ordinary word of the
// grammar of attribution rather than a possible name.
func commonWord(w string) bool {
	if functionWords[w] || determiners[w] || pronouns[w] || adverbs[w] || orgNouns[w] || isSpeechWord(w) {
		return true
	}
	_, ok := knownRoleNoun(w)
	return ok
}

// isPossessive reports whether a word ends in a possessive ("university's",
// "students'").
func (t token) isPossessive() bool {
	if t.kind != wordToken || !strings.HasSuffix(t.low, "'s") {
		return false
	}
	return !pronouns[strings.TrimSuffix(t.low, "'s")] // "he's" is "he is"
}

// stripPossessive removes a possessive ending.
func stripPossessive(w string) string {
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(w, s) {
			return strings.TrimSuffix(w, s)
		}
	}
	return w
}

// isSpeechWord reports whether w is a form of a verb of saying; topic
// verbs ("talks", "spoke") count only in context, as verbAt reads them.
func isSpeechWord(w string) bool { sv, ok := speechVerbs[w]; return ok && !sv.topic }

// isAcronym reports whether a word is written in capitals ("IRNA", "UAVs").
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if n == 2 {
			break
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n == 2
}

// wordCount counts the words of s.
func wordCount(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) && r != '\'' && r != '’' && r != '-' }))
}
