package web

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// site serves pages as a news site would, with an ETag per version and
// conditional answers; a test may replace a page (a correction).
type site struct {
	mu       sync.Mutex
	pages    map[string]string // path → HTML
	version  map[string]int
	requests map[string][]*http.Request
}

func newSite(pages map[string]string) (*site, *httptest.Server) {
	s := &site{pages: pages, version: map[string]int{}, requests: map[string][]*http.Request{}}
	return s, httptest.NewServer(s)
}

func (s *site) set(path, page string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = page
	s.version[path]++
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[r.URL.Path] = append(s.requests[r.URL.Path], r)
	if r.Method != http.MethodGet {
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	page, ok := s.pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := `"v` + string(rune('0'+s.version[r.URL.Path])) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(page))
}

// chrome is text of the test pages that is not article prose: cookie
// banners, navigation, newsletter boxes, share buttons, related links,
// comments, footers.
var chrome = []string{
	"cookies", "Accept all", "Manage preferences", "Got it", "Skip to main", "Sport", "Weather",
	"Morning Ledger", "Sign up", "newsletter", "inbox", "privacy policy", "Facebook",
	"Related", "refit delayed", "Water taxi fares", "More from", "Lighthouse open day", "School choir",
	"All rights reserved", "About us", "Terms", "You might also like", "Bus depot sale",
	"Previous:", "thoughts on", "waiting four years", "Recent Posts", "Library extends", "WordPress", "Menu",
}

func TestArticleExtractsTheArticle(t *testing.T) {
	ferry, allot := string(readTestdata(t, "ferry.html")), string(readTestdata(t, "allotments.html"))
	s, srv := newSite(map[string]string{"/local/ferry": ferry, "/2024/10/02/allotments/": allot})
	defer srv.Close()
	c := testClient(Options{})
	tests := []struct {
		name, path, golden         string
		title, date, site, wantURL string
	}{
		{"news site", "/local/ferry?utm_source=rss", "ferry.golden",
			"Ferry service returns to Brackenford harbour after winter repairs", "2025-03-08", "The Coastal Ledger",
			srv.URL + "/local/2025/03/ferry-returns"},
		{"blog with time element only", "/2024/10/02/allotments/", "allotments.golden",
			"Allotment waiting list passes 300 as council weighs new site", "2024-10-02", "Millbrook Weekly",
			srv.URL + "/2024/10/02/allotments/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := c.Article(context.Background(), srv.URL+tt.path, Validators{})
			if err != nil {
				t.Fatal(err)
			}
			doc := a.Document("web/" + a.FileName())
			if a.Title != tt.title || doc.PublishedDate() != tt.date || a.Site != tt.site || a.URL != tt.wantURL {
				t.Errorf("got title %q date %q site %q url %q, want %q %q %q %q",
					a.Title, doc.PublishedDate(), a.Site, a.URL, tt.title, tt.date, tt.site, tt.wantURL)
			}
			if a.Fetched != srv.URL+tt.path {
				t.Errorf("got fetched URL %q, want %q", a.Fetched, srv.URL+tt.path)
			}
			if a.Validators.ETag == "" {
				t.Error("got no ETag to make the next fetch conditional")
			}
			golden(t, tt.golden, a.Text)
			for _, junk := range chrome {
				if strings.Contains(strings.ToLower(a.Text), strings.ToLower(junk)) {
					t.Errorf("article text holds page chrome %q", junk)
				}
			}
			if len(doc.Sentences) < 5 {
				t.Errorf("got %d sentences, want the whole article", len(doc.Sentences))
			}
		})
	}
	if rs := s.requests["/local/ferry"]; len(rs) != 1 || rs[0].Header.Get("User-Agent") != DefaultUserAgent || !strings.Contains(rs[0].Header.Get("Accept"), "text/html") {
		t.Errorf("got requests %v, want one GET with the bot's user agent accepting HTML", rs)
	}
}

// TestPublishedDateSources takes the news page's dates away one source at a
// time: each of article:published_time, JSON-LD datePublished and
// <time datetime> gives the date alone, and a page without any has none.
func TestPublishedDateSources(t *testing.T) {
	page := string(readTestdata(t, "ferry.html"))
	cut := func(s, from, to string) string {
		t.Helper()
		i := strings.Index(s, from)
		if i < 0 {
			t.Fatalf("fixture lacks %q", from)
		}
		j := strings.Index(s[i:], to)
		if j < 0 {
			t.Fatalf("fixture lacks %q after %q", to, from)
		}
		return s[:i] + s[i+j+len(to):]
	}
	const (
		jsonLD = `<script type="application/ld+json">`
		meta   = `<meta property="article:published_time"`
		timeEl = "<time "
	)
	without := func(s string, parts ...string) string {
		for _, p := range parts {
			end := ">"
			switch p {
			case jsonLD:
				end = "</script>"
			case timeEl:
				end = "</time>"
			}
			s = cut(s, p, end)
		}
		return s
	}
	tests := []struct{ name, page, want string }{
		{"meta only", without(page, jsonLD, timeEl), "2025-03-08"},
		{"json-ld only", strings.Replace(without(page, meta, timeEl), `"datePublished":"2025-03-08`, `"datePublished":"2025-03-07`, 1), "2025-03-07"},
		{"time element only", strings.Replace(without(page, jsonLD, meta), `datetime="2025-03-08`, `datetime="2025-03-06`, 1), "2025-03-06"},
		{"no date", without(page, jsonLD, meta, timeEl), ""},
	}
	base, _ := url.Parse("https://www.coastal-ledger.example/local/ferry")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(base, []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Document("x.html").PublishedDate(); got != tt.want {
				t.Errorf("got published %q, want %q", got, tt.want)
			}
		})
	}
}

// TestArticleConditional fetches a page again with its validators: an
// unchanged page is a 304 (ErrNotModified); a corrected page comes back with
// the corrected text and new validators.
func TestArticleConditional(t *testing.T) {
	page := string(readTestdata(t, "ferry.html"))
	s, srv := newSite(map[string]string{"/ferry": page})
	defer srv.Close()
	c := testClient(Options{})
	first, err := c.Article(context.Background(), srv.URL+"/ferry", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Article(context.Background(), srv.URL+"/ferry", first.Validators); !errors.Is(err, ErrNotModified) {
		t.Fatalf("unchanged page: got %v, want ErrNotModified", err)
	}
	if got := s.requests["/ferry"][1].Header.Get("If-None-Match"); got != first.Validators.ETag {
		t.Errorf("got If-None-Match %q, want %q", got, first.Validators.ETag)
	}
	s.set("/ferry", strings.Replace(page, "the refit cost £412,000", "the refit cost £421,000", 1))
	second, err := c.Article(context.Background(), srv.URL+"/ferry", first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(second.Text, "£421,000") || strings.Contains(second.Text, "£412,000") {
		t.Error("the corrected page's text is not the corrected text")
	}
	if second.Validators == first.Validators {
		t.Error("the corrected page kept the old validators")
	}
}

func TestNoArticle(t *testing.T) {
	tests := []struct{ name, page string }{
		{"section front", string(readTestdata(t, "front.html"))},
		{"empty body", "<!DOCTYPE html><html><head><title>Hi</title></head><body></body></html>"},
		{"cookie wall", `<html><body><div class="cookie-wall" role="dialog"><p>Please accept cookies to continue reading.</p><button>Accept</button></div></body></html>`},
	}
	_, srv := newSite(map[string]string{"/front": tests[0].page, "/empty": tests[1].page, "/wall": tests[2].page})
	defer srv.Close()
	c := testClient(Options{})
	for i, path := range []string{"/front", "/empty", "/wall"} {
		t.Run(tests[i].name, func(t *testing.T) {
			_, err := c.Article(context.Background(), srv.URL+path, Validators{})
			if !errors.Is(err, ErrNoArticle) || !strings.Contains(err.Error(), path) {
				t.Errorf("got %v, want ErrNoArticle naming the URL", err)
			}
		})
	}
}

// TestArticleCharset reads a page served in ISO-8859-1.
func TestArticleCharset(t *testing.T) {
	page := strings.Replace(string(readTestdata(t, "allotments.html")), `<meta charset="UTF-8">`, "", 1)
	page = strings.Replace(page, "the town council heard", "the town caf\xe9 heard", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	a, err := testClient(Options{}).Article(context.Background(), srv.URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "the town café heard") {
		t.Errorf("got text %q, want the Latin-1 é decoded", a.Text[:120])
	}
}

// TestArticleFileRoundTrip stores an article as its file and reads it back
// through corpus: the document is the same, so what is indexed from the
// data folder is what was fetched.
func TestArticleFileRoundTrip(t *testing.T) {
	base, _ := url.Parse("https://www.coastal-ledger.example/local/ferry")
	for _, name := range []string{"ferry.html", "allotments.html"} {
		t.Run(name, func(t *testing.T) {
			a, err := Extract(base, readTestdata(t, name))
			if err != nil {
				t.Fatal(err)
			}
			id := "web/" + a.FileName()
			got, err := corpus.Parse(id, a.HTML())
			if err != nil {
				t.Fatal(err)
			}
			want := a.Document(id)
			if got.Title != want.Title || got.PublishedDate() != want.PublishedDate() || got.URL != want.URL ||
				got.Source != want.Source || got.Text != want.Text || got.Hash != want.Hash {
				t.Errorf("read back %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	a := &Article{URL: "https://www.coastal-ledger.example/local/2025/03/Ferry_Returns?id=7#top"}
	name := a.FileName()
	if !strings.HasPrefix(name, "www-coastal-ledger-example-local-2025-03-ferry-returns-") || !strings.HasSuffix(name, ".html") || !corpus.Supported(name) {
		t.Errorf("got %q, want a safe name from host and path", name)
	}
	if again := (&Article{URL: a.URL}).FileName(); again != name {
		t.Errorf("got %q then %q, want the same name for the same URL", name, again)
	}
	if other := (&Article{URL: "https://www.coastal-ledger.example/local/2025/03/ferry-returns?id=8"}).FileName(); other == name {
		t.Errorf("two URLs share the name %q", name)
	}
}

// TestExtractAttachment extracts a page with no URL of its own, as an
// attached .html file: a relative canonical link cannot be resolved, so the
// page's absolute og:url is its URL.
func TestExtractAttachment(t *testing.T) {
	a, err := Extract(nil, readTestdata(t, "ferry.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://www.coastal-ledger.example/local/2025/03/ferry-returns"; a.URL != want {
		t.Errorf("got URL %q, want %q", a.URL, want)
	}
	if !strings.Contains(a.Text, "38 passengers") {
		t.Error("got no article text")
	}
}
