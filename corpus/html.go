package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*)([^*_]+)(\*\*|__|\*)`)
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

// parseHTML extracts the metadata and the article prose of an HTML page. The
// body is the text of <article> when the page has one, else of <body>.
func parseHTML(data []byte) (frontMatter, string, error) {
	var fm frontMatter
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return fm, "", fmt.Errorf("%w: html: %v", ErrInvalid, err)
	}
	var article, body, h1 *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
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
			case atom.Body:
				body = n
			case atom.Meta:
				readMeta(n, &fm)
			case atom.Link:
				if attr(n, "rel") == "canonical" && fm.URL == "" {
					fm.URL = attr(n, "href")
				}
			case atom.Time:
				if fm.Published == "" {
					fm.Published = attr(n, "datetime")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if h1 != nil {
		if t := strings.TrimSpace(textOf(h1)); t != "" {
			fm.Title = t
		}
	}
	if len(fm.Published) > 10 && fm.Published[4] == '-' {
		fm.Published = fm.Published[:10]
	}
	content := article
	if content == nil {
		content = body
	}
	if content == nil {
		content = root
	}
	var b strings.Builder
	writeText(&b, content, h1)
	return fm, b.String(), nil
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
	case "og:url":
		if fm.URL == "" {
			fm.URL = val
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
