package corpus

import (
	"html"
	"regexp"
	"strings"
	"unicode"
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

	htmlTag = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
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
	if htmlTag.MatchString(s) {
		s = htmlTag.ReplaceAllString(s, "\n")
	}
	s = html.UnescapeString(s)
	s = inlineChrome.ReplaceAllString(s, "\n")

	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = collapseSpaces(line)
		if line == "" || chromeLine.MatchString(line) {
			continue
		}
		if len(out) > 0 && teaserHeading.MatchString(line) {
			break
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// collapseSpaces trims a line and folds runs of spaces and tabs (including
// no-break spaces) into one space.
func collapseSpaces(line string) string {
	var b strings.Builder
	space := false
	for _, r := range line {
		if r != '\n' && (unicode.IsSpace(r) || r == '\u00a0') {
			space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
