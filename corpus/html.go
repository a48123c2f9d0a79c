package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements hold no article prose.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true, atom.Figcaption: true,
	atom.Svg: true, atom.Iframe: true, atom.Template: true, atom.Select: true,
}

// blocks start a new line of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Br: true,
	atom.Section: true, atom.Article: true, atom.Tr: true, atom.Pre: true,
}

// HTMLPage is what ReadHTML finds in a web page.
type HTMLPage struct {
	// Title is the page's headline: its first <h1>, else og:title, else
	// <title>.
	Title string
	// Published is the date the page gives (article:published_time or a
	// like meta tag, else JSON-LD datePublished, else a <time datetime>),
	// as UTC midnight of the date written; zero when it gives none.
	Published time.Time
	// URL is the canonical URL (<link rel="canonical">, else og:url),
	// absolute, http(s) only; "" when the page gives none.
	URL string
	// Site is the publication's name (og:site_name).
	Site string
	// Text is the article's prose, cleaned as Clean cleans it, without the
	// headline; paragraphs are separated by "\n".
	Text string
	// Readable reports whether readability judges the page to be an
	// article rather than an index of links or a wall.
	Readable bool
}

// ReadHTML extracts the article of an HTML page (UTF-8) with a readability
// library (codeberg.org/readeck/go-readability, a port of Mozilla's
// Readability.js), after removing the sign-up boxes and consent notices it
// keeps (see data/chrome-tokens.txt). pageURL, when known, resolves relative
// links. A page readability does not judge an article (a few lines, a list
// of links) falls back to the text of its <article> (or <body>) without
// navigation, forms, scripts and footers.
//
// Readability runs on web pages: a page fetched from pageURL, or one that
// marks itself as a web article the way publishing systems do (see
// webMark). Any other page, such as a manual or a generated reference
// saved as a local file, is a document rather than an article wrapped in a
// site: its text is that of its <body>, without the same non-prose
// elements, and readability's scoring of every block against its links,
// most of the cost of reading such a page, is not needed.
func ReadHTML(page []byte, pageURL *url.URL) (*HTMLPage, error) {
	return readHTML(page, pageURL, true)
}

// readHTML is ReadHTML; without judge, Readable is left false on a page
// that is not a web page, whose text does not depend on it.
func readHTML(page []byte, pageURL *url.URL, judge bool) (*HTMLPage, error) {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("%w: html: %v", ErrInvalid, err)
	}
	var fm frontMatter
	var article, body, h1 *html.Node
	var ogURL, itemTime, articleTime, anyTime string
	web := pageURL != nil
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			if !web {
				web = webMark(n)
			}
			switch n.DataAtom {
			case atom.Title:
				if fm.Title == "" {
					fm.Title = strings.TrimSpace(textOf(n))
				}
			case atom.H1:
				if h1 == nil {
					h1 = n
				}
			case atom.Article:
				if article == nil {
					article = n
				}
				inArticle = true
			case atom.Main:
				inArticle = true
			case atom.Body:
				body = n
			case atom.Meta:
				readMeta(n, &fm)
				if attr(n, "property") == "og:url" && ogURL == "" {
					ogURL = resolveHTTP(pageURL, attr(n, "content"))
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && fm.URL == "" {
					fm.URL = resolveHTTP(pageURL, attr(n, "href"))
				}
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					switch {
					case itemTime == "" && attr(n, "itemprop") == "datePublished":
						itemTime = dt
					case articleTime == "" && inArticle:
						articleTime = dt
					case anyTime == "":
						anyTime = dt
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(root, false)
	p := &HTMLPage{Title: oneLine(fm.Title), URL: fm.URL, Site: oneLine(fm.Source)}
	if h1 != nil {
		if t := oneLine(textOf(h1)); t != "" {
			p.Title = t
		}
	}
	if p.URL == "" {
		p.URL = ogURL
	}

	removeChrome(root)
	if web || judge {
		p.Readable = readability.CheckDocument(root)
	}
	var ra readability.Article
	err = errNotWeb
	if web {
		parser := readability.NewParser()
		ra, err = parser.ParseDocument(root, pageURL)
	}
	if p.Readable && err == nil && ra.Node != nil {
		p.Text = dropLeadingLine(Clean(render.InnerText(ra.Node)), p.Title)
	}
	if p.Text == "" {
		// Readability scores paragraphs against each other; a page of a few
		// lines gives it too little to go on, and it keeps the navigation.
		content := article
		if content == nil {
			content = body
		}
		if content == nil {
			content = root
		}
		var b strings.Builder
		writeText(&b, content, h1)
		p.Text = Clean(b.String())
	}
	if p.Site == "" && err == nil {
		p.Site = oneLine(ra.SiteName())
	}
	// The date: a meta tag, JSON-LD (readability reads it), a <time>.
	dates := []string{fm.Published}
	if err == nil {
		if t, err := ra.PublishedTime(); err == nil {
			dates = append(dates, t.Format(time.RFC3339))
		}
	}
	for _, d := range append(dates, itemTime, articleTime, anyTime) {
		if t, ok := parseAnyDate(d); ok {
			p.Published = t
			break
		}
	}
	return p, nil
}

// errNotWeb stands for readability's result on a page it is not run on.
var errNotWeb = errors.New("not a web page")

// webMark reports whether element n marks its page as a web article: an
// <article> element, Open Graph, article or Twitter card metadata,
// JSON-LD or schema.org microdata. News sites and blogs give their pages
// these so that search engines and social sites can show them; a manual or
// reference generated as HTML has none of them.
func webMark(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Article:
		return true
	case atom.Meta:
		key := strings.ToLower(attr(n, "property") + attr(n, "name"))
		return strings.HasPrefix(key, "og:") || strings.HasPrefix(key, "article:") || strings.HasPrefix(key, "twitter:")
	case atom.Script:
		return strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json")
	}
	return strings.Contains(strings.ToLower(attr(n, "itemtype")), "schema.org/")
}

// parseAnyDate reads a date as web pages write them, keeping the calendar
// date written (2025-03-07T23:30-05:00 is 7 March).
func parseAnyDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	t, err := dateparse.ParseAny(s)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

// dropLeadingLine removes the headline when readability kept it as the
// body's first line: the title is shown apart.
func dropLeadingLine(text, title string) string {
	first, rest, _ := strings.Cut(text, "\n")
	if title != "" && first == title {
		return rest
	}
	return text
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// resolveHTTP resolves ref against base (when known) and keeps it only if
// it is then an absolute http(s) URL.
func resolveHTTP(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil || ref == "" {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// parseHTML is ReadHTML for Parse: the page's metadata as front matter, and
// its text.
func parseHTML(data []byte) (frontMatter, string, error) {
	p, err := readHTML(data, nil, false) // a corpus document has no use for Readable
	if err != nil {
		return frontMatter{}, "", err
	}
	fm := frontMatter{Title: p.Title, URL: p.URL, Source: p.Site}
	if !p.Published.IsZero() {
		fm.Published = p.Published.Format(DateLayout)
	}
	return fm, p.Text, nil
}

func readMeta(n *html.Node, fm *frontMatter) {
	key := attr(n, "property")
	if key == "" {
		key = attr(n, "name")
	}
	val := strings.TrimSpace(attr(n, "content"))
	switch key {
	case "og:title":
		fm.Title = val
	case "article:published_time", "date", "pubdate", "publish-date", "dc.date":
		if fm.Published == "" {
			fm.Published = val
		}
	case "og:site_name":
		fm.Source = val
	}
}

// writeText writes the prose of n, one line per block, leaving out the
// headline (it is the title) and non-prose elements.
func writeText(b *strings.Builder, n, headline *html.Node) {
	if n == headline {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		if blocks[n.DataAtom] {
			b.WriteByte('\n')
			defer b.WriteByte('\n')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c, headline)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
