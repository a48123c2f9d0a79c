package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// feedItem is one entry a test feed lists.
type feedItem struct {
	guid, path, title string
	published         time.Time
}

// feedServer serves a feed that a test grows between polls, as RSS 2.0 or
// Atom, with an ETag and a Last-Modified, answering conditional requests
// with 304 as news sites do.
type feedServer struct {
	mu       sync.Mutex
	atom     bool
	items    []feedItem // newest first
	modified time.Time
	status   int    // when set, every answer is this status
	raw      string // when set, served instead of the feed
	ctype    string
	requests []*http.Request
	base     string
}

func newFeedServer(t *testing.T, atom bool) (*feedServer, *httptest.Server) {
	fs := &feedServer{atom: atom, modified: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	fs.base = srv.URL
	return fs, srv
}

func (f *feedServer) add(it feedItem) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append([]feedItem{it}, f.items...)
	f.modified = f.modified.Add(time.Hour)
}

func (f *feedServer) do(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn()
}

func (f *feedServer) render() string {
	var b strings.Builder
	esc := html.EscapeString
	if f.atom {
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom"><title>Millbrook Weekly</title><id>urn:millbrook</id>`)
		b.WriteString(`<updated>` + f.modified.Format(time.RFC3339) + `</updated>`)
		for _, it := range f.items {
			fmt.Fprintf(&b, `<entry><id>%s</id><title>%s</title><link rel="alternate" href="%s"/><published>%s</published><updated>%s</updated><summary>Teaser.</summary></entry>`,
				esc(it.guid), esc(it.title), esc(it.path), it.published.Format(time.RFC3339), it.published.Format(time.RFC3339))
		}
		b.WriteString(`</feed>`)
		return b.String()
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>The Coastal Ledger - Local</title><link>` + f.base + `/local</link><description>Local news</description>`)
	for _, it := range f.items {
		guid := ""
		if it.guid != "" {
			guid = `<guid isPermaLink="false">` + esc(it.guid) + `</guid>`
		}
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link>%s<pubDate>%s</pubDate><description>&lt;p&gt;Teaser.&lt;/p&gt;</description></item>`,
			esc(it.title), esc(f.base+it.path), guid, it.published.Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r)
	if f.status != 0 {
		w.Header().Set("Retry-After", "7200")
		http.Error(w, "unavailable", f.status)
		return
	}
	body, ctype := f.render(), "application/rss+xml; charset=utf-8"
	if f.atom {
		ctype = "application/atom+xml"
	}
	if f.raw != "" {
		body = f.raw
	}
	if f.ctype != "" {
		ctype = f.ctype
	}
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	lastMod := f.modified.Format(http.TimeFormat)
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", lastMod)
	if inm := r.Header.Get("If-None-Match"); inm == etag || inm == "" && r.Header.Get("If-Modified-Since") == lastMod {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write([]byte(body))
}

func itemURLs(items []Item) string {
	var urls []string
	for _, it := range items {
		urls = append(urls, it.URL)
	}
	return strings.Join(urls, " ")
}

var day0 = time.Date(2025, 3, 8, 7, 30, 0, 0, time.UTC)

// TestPollGrowingFeed polls RSS and Atom feeds that grow between polls: each
// poll returns only the new items, an unchanged feed is a 304, and an item
// seen before under its GUID or its URL is not returned again.
func TestPollGrowingFeed(t *testing.T) {
	for _, atom := range []bool{false, true} {
		name := "rss"
		if atom {
			name = "atom"
		}
		t.Run(name, func(t *testing.T) {
			fs, srv := newFeedServer(t, atom)
			link := func(p string) string {
				if atom {
					return srv.URL + p
				}
				return p // the server makes RSS links absolute
			}
			fs.add(feedItem{guid: "ledger-101", path: link("/local/ferry-refit-delayed"), title: "Ferry refit delayed", published: day0.AddDate(0, 0, -40)})
			fs.add(feedItem{guid: "ledger-102", path: link("/local/ferry-returns"), title: "Ferry returns", published: day0})
			c := testClient(Options{FeedInterval: 10 * time.Minute})
			f := &Feed{URL: srv.URL + "/feed"}
			now := day0

			items, err := c.Poll(context.Background(), f, now)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := itemURLs(items), srv.URL+"/local/ferry-returns "+srv.URL+"/local/ferry-refit-delayed"; got != want {
				t.Fatalf("first poll: got %s, want %s", got, want)
			}
			if got, want := strings.Join(items[0].Keys, " "), "url:"+srv.URL+"/local/ferry-returns guid:ledger-102"; got != want {
				t.Errorf("got keys %q, want %q", got, want)
			}
			if items[0].GUID != "ledger-102" || items[0].Title != "Ferry returns" || !items[0].Published.Equal(time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("got item %+v, want its guid, title and date", items[0])
			}
			if f.Title == "" || f.Validators.ETag == "" || f.Validators.LastModified == "" || !f.NextPoll.Equal(now.Add(10*time.Minute)) {
				t.Errorf("got feed state %+v, want title, validators and the next poll in 10m", f)
			}

			// Unchanged: a conditional request, answered 304, no items.
			now = now.Add(10 * time.Minute)
			if !f.Due(now) {
				t.Fatal("feed not due after its interval")
			}
			items, err = c.Poll(context.Background(), f, now)
			if err != nil || len(items) != 0 {
				t.Fatalf("unchanged feed: got %v, %v; want no items", items, err)
			}
			last := fs.requests[len(fs.requests)-1]
			if last.Header.Get("If-None-Match") != f.Validators.ETag || last.Header.Get("If-Modified-Since") != f.Validators.LastModified {
				t.Errorf("got request headers %v, want If-None-Match and If-Modified-Since", last.Header)
			}

			// The feed grows: one new item, one old item under a new GUID,
			// and one old GUID under a tracking URL.
			fs.add(feedItem{guid: "ledger-103", path: link("/local/island-cafe"), title: "Island café", published: day0.Add(48 * time.Hour)})
			fs.add(feedItem{guid: "ledger-102-v2", path: link("/local/ferry-returns"), title: "Ferry returns (updated)", published: day0})
			fs.add(feedItem{guid: "ledger-101", path: link("/local/ferry-refit-delayed?utm_source=rss#top"), title: "Ferry refit delayed", published: day0})
			now = now.Add(10 * time.Minute)
			items, err = c.Poll(context.Background(), f, now)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := itemURLs(items), srv.URL+"/local/island-cafe"; got != want {
				t.Errorf("after growth: got %q, want only the new item %q", got, want)
			}

			// State kept as JSON by the caller carries over.
			data, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			var kept Feed
			if err := json.Unmarshal(data, &kept); err != nil {
				t.Fatal(err)
			}
			items, err = c.Poll(context.Background(), &kept, now.Add(time.Hour))
			if err != nil || len(items) != 0 {
				t.Errorf("after a JSON round trip: got %v, %v; want nothing new", items, err)
			}
		})
	}
}

// TestPollFailingFeedBacksOff checks that a broken feed is reported with its
// cause, counted, and polled again only after a growing wait; a good poll
// clears it.
func TestPollFailingFeedBacksOff(t *testing.T) {
	fs, srv := newFeedServer(t, false)
	fs.add(feedItem{guid: "a", path: "/a", title: "A", published: day0})
	c := testClient(Options{FeedInterval: 15 * time.Minute})
	f := &Feed{URL: srv.URL + "/feed"}
	now := day0

	fs.do(func() { fs.raw = "<rss><channel><item><title>broken" })
	for i, want := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		_, err := c.Poll(context.Background(), f, now)
		if !errors.Is(err, ErrMalformedFeed) || !strings.Contains(err.Error(), srv.URL) {
			t.Fatalf("poll %d: got %v, want ErrMalformedFeed naming the feed", i, err)
		}
		if f.Failures != i+1 || f.LastError != err.Error() || !f.NextPoll.Equal(now.Add(want)) {
			t.Errorf("poll %d: got failures %d next poll in %s, want %d and %s", i, f.Failures, f.NextPoll.Sub(now), i+1, want)
		}
		if f.Due(now.Add(want - time.Second)) {
			t.Errorf("poll %d: feed due before its backoff ended", i)
		}
		now = f.NextPoll
	}

	fs.do(func() { fs.raw, fs.ctype = "<html><body>Not a feed</body></html>", "text/html" })
	if _, err := c.Poll(context.Background(), f, now); !errors.Is(err, ErrContentType) || !strings.Contains(err.Error(), "text/html") {
		t.Errorf("web page as feed: got %v, want ErrContentType", err)
	}
	now = f.NextPoll

	fs.do(func() { fs.raw, fs.ctype, fs.status = "", "", http.StatusServiceUnavailable })
	if _, err := c.Poll(context.Background(), f, now); !errors.Is(err, ErrStatus) || !strings.Contains(err.Error(), "503") {
		t.Errorf("503: got %v, want ErrStatus naming 503", err)
	}
	if got := f.NextPoll.Sub(now); got != 8*time.Hour { // backoff beats the server's 2 h Retry-After
		t.Errorf("503: next poll in %s, want 8h", got)
	}
	now = f.NextPoll

	fs.do(func() { fs.status = 0 })
	items, err := c.Poll(context.Background(), f, now)
	if err != nil || len(items) != 1 {
		t.Fatalf("mended: got %v, %v; want the one item", items, err)
	}
	if f.Failures != 0 || f.LastError != "" || !f.NextPoll.Equal(now.Add(15*time.Minute)) {
		t.Errorf("mended: got failures %d error %q next %s, want cleared", f.Failures, f.LastError, f.NextPoll.Sub(now))
	}

}

func TestPollRetryAfter(t *testing.T) {
	fs, srv := newFeedServer(t, false)
	fs.do(func() { fs.status = http.StatusTooManyRequests })
	c := testClient(Options{FeedInterval: 15 * time.Minute})
	f := &Feed{URL: srv.URL + "/feed"}
	if _, err := c.Poll(context.Background(), f, day0); !errors.Is(err, ErrStatus) {
		t.Fatalf("got %v, want ErrStatus", err)
	}
	if got := f.NextPoll.Sub(day0); got != 2*time.Hour {
		t.Errorf("got next poll in %s, want the server's Retry-After of 2h", got)
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		interval time.Duration
		failures int
		want     time.Duration
	}{
		{15 * time.Minute, 0, 15 * time.Minute},
		{15 * time.Minute, 1, 30 * time.Minute},
		{15 * time.Minute, 4, 4 * time.Hour},
		{15 * time.Minute, 7, MaxBackoff},
		{15 * time.Minute, 1000, MaxBackoff},
		{0, 1, 2 * DefaultFeedInterval},
		{48 * time.Hour, 0, MaxBackoff},
	}
	for _, tt := range tests {
		if got := Backoff(tt.interval, tt.failures); got != tt.want {
			t.Errorf("Backoff(%s, %d): got %s, want %s", tt.interval, tt.failures, got, tt.want)
		}
	}
}

// TestFeedToArticles follows a feed end to end: the new item's page is
// fetched and extracted, as a caller indexing a feed does.
func TestFeedToArticles(t *testing.T) {
	page := string(readTestdata(t, "ferry.html"))
	_, pages := newSite(map[string]string{"/local/ferry-returns": page})
	defer pages.Close()
	fs, srv := newFeedServer(t, false)
	fs.do(func() { fs.base = pages.URL })
	fs.add(feedItem{guid: "ledger-102", path: "/local/ferry-returns", title: "Ferry returns", published: day0})
	c := testClient(Options{})
	items, err := c.Poll(context.Background(), &Feed{URL: srv.URL}, day0)
	if err != nil || len(items) != 1 {
		t.Fatalf("got %v, %v; want one item", items, err)
	}
	if _, err := c.Poll(context.Background(), &Feed{URL: pages.URL + "/no-feed"}, day0); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing feed: got %v, want ErrNotFound naming 404", err)
	}
	a, err := c.Article(context.Background(), items[0].URL, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Ferry service returns to Brackenford harbour after winter repairs" || !strings.Contains(a.Text, "38 passengers") {
		t.Errorf("got article %q, want the item's page", a.Title)
	}
}

func TestTrimSeen(t *testing.T) {
	var seen []string
	for i := range 2 * maxSeen {
		seen = append(seen, fmt.Sprintf("guid:item-%05d", i))
	}
	got := trimSeen(seen)
	if len(got) != maxSeen || got[len(got)-1] != seen[len(seen)-1] {
		t.Errorf("got %d keys ending %q, want the newest %d", len(got), got[len(got)-1], maxSeen)
	}
	long := []string{"url:" + strings.Repeat("a", maxSeenBytes/2), "url:" + strings.Repeat("b", maxSeenBytes/2), "guid:new"}
	if got := trimSeen(long); len(got) != 2 || got[1] != "guid:new" {
		t.Errorf("got %d keys, want the newest that fit in %d bytes", len(got), maxSeenBytes)
	}
	data, _ := json.Marshal(&Feed{URL: "https://x.example/rss", Seen: trimSeen(seen)})
	if len(data) > 1<<20 {
		t.Errorf("a full feed state is %d bytes, over what a store keeps", len(data))
	}
}
