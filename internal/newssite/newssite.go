// Package newssite is a fake news website for tests: article pages dressed
// as real ones are (navigation, a cookie banner, a newsletter box, related
// links, a footer, JSON-LD and Open Graph metadata) and an RSS feed that a
// test grows between polls. It answers conditional requests (ETag,
// If-Modified-Since) with 304 as news sites do, and a test may correct an
// article or take it down.
package newssite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Story is one article of the site.
type Story struct {
	Path      string // "/2025/03/ferry", served at that path
	Title     string
	Published time.Time
	Paras     []string
}

// Site is the fake website; its methods are safe for concurrent use.
type Site struct {
	URL string // base URL, no trailing slash

	mu      sync.Mutex
	stories map[string]Story
	feed    []Story // the feed's items, newest first (a page removed stays listed)
	hits    map[string]int
}

// New starts a site served by an httptest server closed with the test.
func New(t testing.TB) *Site {
	s := &Site{stories: make(map[string]Story), hits: make(map[string]int)}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Put publishes or replaces (corrects) a story.
func (s *Site) Put(st Story) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stories[st.Path] = st
	return s.URL + st.Path
}

// Publish puts a story and lists it first in the feed.
func (s *Site) Publish(st Story) string {
	u := s.Put(st)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feed = append([]Story{st}, s.feed...)
	return u
}

// Remove takes a story's page down (it answers 404); the feed still lists
// it, as feeds do for a while.
func (s *Site) Remove(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.stories, path)
}

// Hits reports how many requests a path has had.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// FeedURL is the address of the site's RSS feed.
func (s *Site) FeedURL() string { return s.URL + "/rss.xml" }

// ServeHTTP serves the pages and the feed.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	var body, ctype string
	switch st, ok := s.stories[r.URL.Path]; {
	case r.URL.Path == "/rss.xml":
		body, ctype = s.rss(), "application/rss+xml; charset=utf-8"
	case ok:
		body, ctype = s.page(st), "text/html; charset=utf-8"
	}
	s.mu.Unlock()
	if body == "" {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	fmt.Fprint(w, body)
}

func (s *Site) page(st Story) string {
	esc := html.EscapeString
	var b strings.Builder
	date := st.Published.Format(time.RFC3339)
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>%s | The Harbour Gazette</title>
<link rel="canonical" href="%s">
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:title" content="%s">
<meta property="article:published_time" content="%s">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"datePublished":%q}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<main><article>
<h1>%s</h1>
<p class="byline">By Staff Reporter · <time datetime="%s">%s</time></p>
`, esc(st.Title), s.URL+st.Path, esc(st.Title), date, st.Title, date, esc(st.Title), date, st.Published.Format("2 January 2006"))
	for _, p := range st.Paras {
		b.WriteString("<p>" + esc(p) + "</p>\n")
	}
	b.WriteString(`</article>
<aside class="newsletter"><h2>Get the morning briefing</h2><p>Sign up to our newsletter for the day's top stories.</p><form><input type="email"><button>Subscribe</button></form></aside>
<section class="related"><h2>Related stories</h2><ul><li><a href="/news/1">Council budget approved after long debate</a></li><li><a href="/news/2">Storm warning for the coast this weekend</a></li></ul></section>
</main>
<footer><p>© The Harbour Gazette. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>
`)
	return b.String()
}

func (s *Site) rss() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Harbour Gazette</title><link>` + s.URL + `/</link><description>Local news</description>
`)
	for _, st := range s.feed {
		p := st.Path
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate></item>\n",
			html.EscapeString(st.Title), s.URL+p, "gazette-"+strings.Trim(strings.ReplaceAll(p, "/", "-"), "-"), st.Published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}
