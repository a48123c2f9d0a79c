package corpus

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scraped news pages carry chrome around the article: age banners, share
// buttons, and teasers for other articles after the body. These patterns are
// the generic forms such chrome takes on news sites; none is specific to one
// article.
var (
	// inlineChrome can be glued to the first sentence by a scraper that drops
	// the line break ("…2 year oldIran has…"), so it is removed wherever it
	// appears, not only as a whole line.
	inlineChrome = regexp.MustCompile(`(?i)this (?:article|story|page|content) is (?:more|older) than\s+\d+\s+(?:years?|months?|weeks?|days?)\s+old`)

	// chromeLine matches a whole line that is navigation or furniture.
	chromeLine = regexp.MustCompile(`(?i)^(?:advertisement|advert|sponsored|share|share this(?: article| story)?|tweet|email|print|copy link|listen to this article|skip to (?:main )?content|sign in|log in|subscribe(?: now)?|follow us.*|comments?|image|photo|video|getty images|reuters|ap photo)$`)

	// teaserHeading starts the list of other articles a page appends after the
	// body; it and everything after it are dropped.
	teaserHeading = regexp.MustCompile(`(?i)^(?:newer articles?|older articles?|related(?: articles?| stories| content| coverage| news)?|read (?:more|next|also)|more (?:on this story|stories|from [\w ]+|like this|news)|you may also like|you might also like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|popular now|latest news|top stories|see also)\s*:?$`)

	// chromeFirst and teaserFirst are the bytes a line matching chromeLine
	// or teaserHeading can start with: most lines start otherwise, and one
	// lookup spares them the expression.
	chromeFirst = firstBytes(chromeLine.String())
	teaserFirst = firstBytes(teaserHeading.String())
)

// Clean turns scraped article text into the body the bot cites: it removes
// HTML tags and entities, age banners glued to the text, furniture lines and
// teasers for other articles, trims every line and drops empty ones.
// Paragraphs in the result are separated by a single "\n". Clean is
// idempotent: cleaning a cleaned text returns it unchanged.
func Clean(raw string) string {
	s := strings.ReplaceAll(raw, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimPrefix(s, "\uFEFF")
	s = replaceTags(s)
	s = html.UnescapeString(s)
	s = removeInlineChrome(s)

	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = collapseSpaces(line)
		if line == "" || chromeFirst[line[0]] && mayBeChrome(line, 'f') && chromeLine.MatchString(line) {
			continue
		}
		if len(out) > 0 && teaserFirst[line[0]] && mayBeChrome(line, 'm') && teaserHeading.MatchString(line) {
			break
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// replaceTags replaces every HTML tag in s by a line break, as the
// expression `</?[a-zA-Z][^<>]*>` replaced by "\n" would: a tag runs from
// "<" (or "</") and a letter to the first ">", with no "<" in between, so
// one pass finds them all. The expression cost a tenth of ingest's
// allocations on text drawn from HTML.
func replaceTags(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is written to b, or needs no change
	for i := strings.IndexByte(s, '<'); i >= 0 && i < len(s); {
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		if j < len(s) && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') {
			if end := strings.IndexAny(s[j:], "<>"); end >= 0 && s[j+end] == '>' {
				if last == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[last:i])
				b.WriteByte('\n')
				last = j + end + 1
				i = last
			} else if end >= 0 {
				i = j + end // the "<" that ends the run may start a tag
				continue
			} else {
				break // no ">" is left
			}
		} else {
			i = j
		}
		next := strings.IndexByte(s[i:], '<')
		if next < 0 {
			break
		}
		i += next
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// maxFixedChrome bounds the bytes of a chromeLine or teaserHeading match
// other than their open-ended forms ("follow us…", "more from …"): their
// longest fixed alternative has 22 letters, and a letter folds to at most 3
// bytes (K, KELVIN SIGN).
const maxFixedChrome = 3 * 24

// mayBeChrome reports whether line is short enough to be furniture, or
// starts like the open-ended form, whose first letter is open. Running the
// regular expressions on the long lines of prose is most of cleaning's cost.
func mayBeChrome(line string, open byte) bool {
	return len(line) <= maxFixedChrome || line[0]|0x20 == open
}

// maxChromeLead bounds the bytes of an inlineChrome match before its
// "than": "this content is older " has 22 letters and spaces, and a letter
// folds to at most 3 bytes (K, KELVIN SIGN).
const maxChromeLead = 3 * 22

// removeInlineChrome is inlineChrome.ReplaceAllString(s, "\n"), run only on
// the windows that can hold a match: every match has "than", whitespace and
// a digit, starts at most maxChromeLead bytes before its "than" and ends
// with the unit's word, whitespace and "old" after the number. Scanning the
// whole text with the case-insensitive expression cost 7 % of ingest.
func removeInlineChrome(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is written to b, or needs no change
	for i := 0; i+4 < len(s); i++ {
		if s[i]|0x20 != 't' || s[i+1]|0x20 != 'h' || s[i+2]|0x20 != 'a' || s[i+3]|0x20 != 'n' {
			continue
		}
		j := skipSpace(s, i+4)
		if j == i+4 || j >= len(s) || s[j] < '0' || s[j] > '9' {
			continue
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		j = skipSpace(s, j)
		for j < len(s) && !isRESpace(s[j]) {
			j++ // the unit
		}
		end := min(len(s), skipSpace(s, j)+len("old")*3)
		lo := max(last, i-maxChromeLead)
		loc := inlineChrome.FindStringIndex(s[lo:end])
		if loc == nil {
			continue
		}
		b.WriteString(s[last : lo+loc[0]])
		b.WriteByte('\n')
		last = lo + loc[1]
		i = last - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// skipSpace returns the index of the first byte at or after i that is not
// whitespace as regular expressions' \s means it.
func skipSpace(s string, i int) int {
	for i < len(s) && isRESpace(s[i]) {
		i++
	}
	return i
}

// isRESpace reports whether c is in \s: [\t\n\f\r ].
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// collapseSpaces trims a line and folds runs of spaces and tabs (including
// no-break spaces) into one space.
func collapseSpaces(line string) string {
	if isCollapsed(line) {
		return line
	}
	b := make([]byte, 0, len(line))
	space := false
	for i := 0; i < len(line); {
		r, size := rune(line[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		i += size
		if r != '\n' && (unicode.IsSpace(r) || r == '\u00a0') {
			space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// isCollapsed reports whether collapseSpaces would return line unchanged, as
// it does for most lines; checking is cheaper than rebuilding them.
func isCollapsed(line string) bool {
	space := true // a leading space is not collapsed
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case c < 0x20 || c == 0x7f:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if unicode.IsSpace(r) || r == '\u00a0' || unicode.IsControl(r) || r == utf8.RuneError {
			return false
		}
		space = false
		i += size
	}
	return !space || line == ""
}
