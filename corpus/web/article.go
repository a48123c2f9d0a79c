package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/newsbot/storybot/corpus"
)

// minArticleBytes is the least cleaned text a page must hold to count as an
// article: a few sentences. A page with less is a home page, a teaser or a
// wall, and indexing it would only add noise.
const minArticleBytes = 200

// Article is one article extracted from a web page.
type Article struct {
	// URL is the article's canonical URL (<link rel="canonical">, else
	// og:url, else the URL fetched after redirects), the one answers cite.
	URL string `json:"url"`
	// Fetched is the URL the page was read from, after redirects; fetch it
	// again to notice a correction.
	Fetched   string    `json:"fetched,omitempty"`
	Title     string    `json:"title"`
	Published time.Time `json:"published,omitzero"` // a date, UTC midnight; zero when the page does not say
	Site      string    `json:"site,omitempty"`
	// Text is the article body cleaned as corpus.Clean cleans it;
	// paragraphs are separated by "\n".
	Text string `json:"text"`
	// Validators make the next fetch of Fetched conditional.
	Validators Validators `json:"validators,omitzero"`
}

// htmlTypes are the media types an article page may have.
func htmlType(mt string) bool { return mt == "text/html" || mt == "application/xhtml+xml" }

// Article fetches the page at rawURL and extracts its article. With
// validators from an earlier fetch the request is conditional, and an
// unchanged page returns ErrNotModified.
func (c *Client) Article(ctx context.Context, rawURL string, v Validators) (*Article, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch article: %w", err)
	}
	shown := u.Redacted()
	resp, err := c.get(ctx, u, v, "text/html,application/xhtml+xml;q=0.9", htmlType)
	if err != nil {
		return nil, fmt.Errorf("fetch article %s: %w", shown, err)
	}
	page, err := toUTF8(resp.body, resp.charset)
	if err != nil {
		return nil, fmt.Errorf("fetch article %s: %w", shown, err)
	}
	a, err := Extract(resp.url, page)
	if err != nil {
		return nil, fmt.Errorf("extract article %s: %w", shown, err)
	}
	a.Fetched = resp.url.String()
	a.Validators = resp.validators
	return a, nil
}

// toUTF8 decodes a page to UTF-8 by its declared or sniffed encoding.
func toUTF8(body []byte, declared string) ([]byte, error) {
	ct := "text/html"
	if declared != "" {
		ct += "; charset=" + declared
	}
	enc, name, _ := charset.DetermineEncoding(body, ct)
	if name == "utf-8" {
		return body, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s page: %w", name, err)
	}
	return out, nil
}

// Extract reads the article of an HTML page (UTF-8) found at pageURL, which
// resolves relative links (nil for a file with no URL of its own); it is
// what Article does after fetching, and what an attached .html file goes
// through. The extraction is corpus.ReadHTML's, so a page fetched and the
// same page saved in the corpus folder give the same text.
func Extract(pageURL *url.URL, page []byte) (*Article, error) {
	p, err := corpus.ReadHTML(page, pageURL)
	if err != nil {
		return nil, err
	}
	if len(p.Text) < minArticleBytes || !p.Readable && len(p.Text) < 4*minArticleBytes {
		return nil, fmt.Errorf("%w: only %d bytes of text after extraction", ErrNoArticle, len(p.Text))
	}
	a := &Article{Title: p.Title, Published: p.Published, Site: p.Site, Text: p.Text, URL: p.URL}
	if a.URL == "" && pageURL != nil {
		u := *pageURL
		u.Fragment, u.RawFragment = "", ""
		a.URL = u.String()
	}
	if a.Title == "" {
		a.Title = a.URL
	}
	return a, nil
}

// day keeps the calendar date a timestamp was written with, as corpus does.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// resolveHTTP resolves ref against base and keeps it only if it is an
// http(s) URL.
func resolveHTTP(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || ref == "" {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if checkScheme(u) != nil {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// Document is the article as a corpus document with the given id.
func (a *Article) Document(id string) *corpus.Document {
	return corpus.NewDocument(id, a.Title, a.Published, a.URL, a.Site, a.Text)
}

// HTML renders the article as a small page that corpus.Parse reads back as
// a.Document(id) for an id ending in .html: the form in which a fetched
// article is kept in a corpus folder.
func (a *Article) HTML() []byte {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<title>" + esc(a.Title) + "</title>\n")
	if a.URL != "" {
		b.WriteString(`<link rel="canonical" href="` + esc(a.URL) + "\">\n")
	}
	if !a.Published.IsZero() {
		b.WriteString(`<meta property="article:published_time" content="` + a.Published.Format(corpus.DateLayout) + "\">\n")
	}
	if a.Site != "" {
		b.WriteString(`<meta property="og:site_name" content="` + esc(a.Site) + "\">\n")
	}
	b.WriteString("</head>\n<body>\n<article>\n<h1>" + esc(a.Title) + "</h1>\n")
	for _, p := range strings.Split(a.Text, "\n") {
		b.WriteString("<p>" + esc(p) + "</p>\n")
	}
	b.WriteString("</article>\n</body>\n</html>\n")
	return []byte(b.String())
}

// FileName is a file name for the article in a corpus folder, stable for
// its URL: host and path made safe, and a short hash of the whole URL so
// that two articles never share a name.
func (a *Article) FileName() string {
	sum := sha256.Sum256([]byte(a.URL))
	slug := a.URL
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		slug = u.Hostname() + "-" + u.Path
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(slug) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !ok {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
		if b.Len() >= 80 {
			break
		}
	}
	if b.Len() == 0 {
		b.WriteString("article")
	}
	return b.String() + "-" + hex.EncodeToString(sum[:4]) + ".html"
}
