package corpus

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/newsbot/storybot/internal/lang"
)

// chromeTokens are the class and id words of boxes that are not article
// prose (internal/lang/data/page-chrome-classes.txt names their sources).
var chromeTokens = lang.Set("page-chrome-classes")

// maxChromeBytes bounds the text of a box removed for its class or id: a
// sign-up box or cookie notice is a few sentences, so a long element with
// such a word (a page wrapper "has-newsletter") is left to readability.
const maxChromeBytes = 1000

// removeChrome deletes from doc the short elements whose class or id marks
// them as a newsletter sign-up or a consent notice.
func removeChrome(doc *html.Node) {
	var doomed []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isChrome(n) && textLen(n, maxChromeBytes+1) <= maxChromeBytes {
			doomed = append(doomed, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

func isChrome(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && hasChromeToken(a.Val) {
			return true
		}
	}
	return false
}

// hasChromeToken reports whether an attribute value holds a chrome word:
// its lower-cased runs of ASCII letters and digits. It runs on every
// element with a class, so an ASCII value (nearly all) is read in place,
// without the copies that lower-casing and splitting it would make.
func hasChromeToken(val string) bool {
	for i := 0; i < len(val); i++ {
		if val[i] >= utf8.RuneSelf {
			return hasChromeTokenFolded(val)
		}
	}
	var buf [64]byte
	for i := 0; i < len(val); {
		for i < len(val) && !isTokenByte(val[i]) {
			i++
		}
		tok := buf[:0]
		for ; i < len(val) && isTokenByte(val[i]); i++ {
			c := val[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			tok = append(tok, c)
		}
		if len(tok) > 0 && chromeTokens[string(tok)] {
			return true
		}
	}
	return false
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// hasChromeTokenFolded is hasChromeToken for a value with non-ASCII
// letters, some of which lower-case to ASCII ones (K, the Kelvin sign).
func hasChromeTokenFolded(val string) bool {
	for _, tok := range strings.FieldsFunc(strings.ToLower(val), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if chromeTokens[tok] {
			return true
		}
	}
	return false
}

// textLen is the length of n's text, counted up to limit.
func textLen(n *html.Node, limit int) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if total >= limit {
			return
		}
		if n.Type == html.TextNode {
			total += len(strings.TrimSpace(n.Data))
		}
		for c := n.FirstChild; c != nil && total < limit; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return total
}
