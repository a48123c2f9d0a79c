package corpus

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// page builds a page of two long paragraphs of prose, a reader's comment
// box and the site's navigation; head is put in its <head>.
func page(head string) []byte {
	para := strings.Repeat("The council voted on Tuesday to keep the harbour ferry running through the winter months. ", 4)
	return []byte(`<!DOCTYPE html><html><head><title>Ferry kept | Ledger</title>` + head + `</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<div class="story"><h1>Ferry kept</h1><p>` + para + `</p><p>` + para + `</p></div>
<div class="comments" id="comments"><p>` + strings.Repeat("Reader Joe wrote that the ferry should have been replaced years ago, and that the council never listens. ", 3) + `</p></div>
<footer>Copyright Ledger</footer></body></html>`)
}

// TestReadHTMLWebPagesOnly checks which pages go through readability: a
// page fetched from a URL or marked as a web article loses its boxes
// (readability drops the comments); a local page with no such mark is a
// document, all of whose prose is kept, still without navigation and
// footer.
func TestReadHTMLWebPagesOnly(t *testing.T) {
	pageURL, _ := url.Parse("https://ledger.example/local/ferry")
	tests := []struct {
		name         string
		head         string
		url          *url.URL
		wantComments bool
	}{
		{"local document", "", nil, true},
		{"fetched page", "", pageURL, false},
		{"open graph", `<meta property="og:type" content="article">`, nil, false},
		{"article metadata", `<meta property="article:published_time" content="2025-03-08">`, nil, false},
		{"twitter card", `<meta name="twitter:card" content="summary">`, nil, false},
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle"}</script>`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ReadHTML(page(tt.head), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Readable {
				t.Error("got Readable false for a page of two long paragraphs")
			}
			if p.Title != "Ferry kept" {
				t.Errorf("got title %q, want %q", p.Title, "Ferry kept")
			}
			if !strings.HasPrefix(p.Text, "The council voted") || strings.Count(p.Text, "The council voted") != 8 {
				t.Errorf("got text %q, want both paragraphs, without the headline", p.Text)
			}
			if got := strings.Contains(p.Text, "Reader Joe"); got != tt.wantComments {
				t.Errorf("comments kept: got %v, want %v; text %q", got, tt.wantComments, p.Text)
			}
			if tt.url == nil {
				// A corpus file is read without judging it (Readable), which
				// must not change its text.
				if _, text, err := parseHTML(page(tt.head)); err != nil || text != p.Text {
					t.Errorf("parseHTML gave text %q (error %v), ReadHTML %q", text, err, p.Text)
				}
			}
			for _, chrome := range []string{"Home", "Copyright"} {
				if strings.Contains(p.Text, chrome) {
					t.Errorf("text %q holds the page's %q", p.Text, chrome)
				}
			}
		})
	}
}

func TestWebMark(t *testing.T) {
	tests := []struct {
		element string
		want    bool
	}{
		{`<article>x</article>`, true},
		{`<meta property="og:title" content="x">`, true},
		{`<meta property="OG:url" content="x">`, true},
		{`<meta property="article:section" content="x">`, true},
		{`<meta name="twitter:card" content="x">`, true},
		{`<script type="application/ld+json">{}</script>`, true},
		{`<div itemscope itemtype="https://schema.org/BlogPosting">x</div>`, true},
		{`<meta name="description" content="x">`, false},
		{`<meta name="generator" content="DocBook XSL">`, false},
		{`<script>var x;</script>`, false},
		{`<main><div class="section">x</div></main>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.element, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><head></head><body>" + tt.element + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			got := false
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode && webMark(n) {
					got = true
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(root)
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestHasChromeTokenMatchesFolding checks the in-place reading of an ASCII
// class against lower-casing and splitting it.
func TestHasChromeTokenMatchesFolding(t *testing.T) {
	parts := []string{"newsletter", "NewsLetter", "signup", "mc_embed_signup", "cookie", "consent", "-", "_", " ", "x", "story", "9", "Sign", "up", "newsletters2"}
	rng := rand.New(rand.NewPCG(9, 10))
	found := 0
	for range 20_000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		got, want := hasChromeToken(s), hasChromeTokenFolded(s)
		if got != want {
			t.Fatalf("hasChromeToken(%q) = %v, want %v", s, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("only %d values held a chrome word; the test checks too little", found)
	}
	// A value with other letters is folded as Unicode does: the Kelvin sign
	// lower-cases to "k".
	if !hasChromeToken("coo\u212Aie-box") {
		t.Error(`hasChromeToken("coo\u212Aie-box") = false, want true`)
	}
}
