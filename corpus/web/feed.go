package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// MaxBackoff bounds how long a failing feed waits before its next poll.
const MaxBackoff = 24 * time.Hour

// maxSeen and maxSeenBytes bound Feed.Seen: far more than a feed lists at
// once, so an item still in the feed is never forgotten and returned again,
// and small enough for the feed's state to be stored whole (store.Source's
// State holds at most 1 MiB).
const (
	maxSeen      = 4096
	maxSeenBytes = 256 << 10
)

// Feed is a followed RSS, Atom or JSON feed and what the polls so far have
// learnt of it. The caller stores it (it marshals to JSON) and hands it to
// the next Poll.
type Feed struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	// Validators of the last feed document, for a conditional poll.
	Validators Validators `json:"validators,omitzero"`
	// Seen are the keys of the items returned so far ("guid:…", "url:…"),
	// oldest first.
	Seen []string `json:"seen,omitempty"`
	// Failures counts the polls that failed in a row; LastError is the
	// latest one's message.
	Failures  int       `json:"failures,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	LastPoll  time.Time `json:"last_poll,omitzero"`
	NextPoll  time.Time `json:"next_poll,omitzero"`
}

// Due reports whether the feed should be polled at now.
func (f *Feed) Due(now time.Time) bool { return !now.Before(f.NextPoll) }

// Item is a feed entry new to the feed's state.
type Item struct {
	GUID      string    `json:"guid,omitempty"`
	URL       string    `json:"url"` // the article page, absolute
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"` // zero when the feed does not say
	// Keys identify the item for deduplication ("url:…" and, when it has
	// one, "guid:…"): what store.Sources.MarkSeen takes, so that replicas
	// polling at once fetch an item once.
	Keys []string `json:"keys"`
}

// Backoff is how long a feed that failed failures times in a row waits
// before its next poll: the interval, doubled for each failure, at most
// MaxBackoff.
func Backoff(interval time.Duration, failures int) time.Duration {
	if interval <= 0 {
		interval = DefaultFeedInterval
	}
	d := interval
	for range failures {
		if d >= MaxBackoff/2 {
			return MaxBackoff
		}
		d *= 2
	}
	return min(d, MaxBackoff)
}

// feedType reports whether mt is a media type a feed may be served with.
func feedType(mt string) bool {
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
		"application/feed+json", "application/json":
		return true
	}
	return false
}

// Poll fetches the feed, conditionally when it was fetched before, and
// returns its items not returned by an earlier poll, in feed order. It
// updates f: validators, seen items, and the time of the next poll. A failed
// poll returns the error, counts it in f.Failures and pushes f.NextPoll back
// (Backoff, or the server's Retry-After when longer); an unchanged feed
// returns no items and no error.
func (c *Client) Poll(ctx context.Context, f *Feed, now time.Time) ([]Item, error) {
	items, err := c.poll(ctx, f)
	f.LastPoll = now
	if err != nil && ctx.Err() == nil {
		f.Failures++
		f.LastError = err.Error()
		wait := Backoff(c.opts.FeedInterval, f.Failures)
		var se *StatusError
		if errors.As(err, &se) && se.RetryAfter > 0 {
			wait = min(max(wait, time.Duration(se.RetryAfter)*time.Second), MaxBackoff)
		}
		f.NextPoll = now.Add(wait)
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	f.Failures, f.LastError = 0, ""
	f.NextPoll = now.Add(c.opts.FeedInterval)
	return items, nil
}

func (c *Client) poll(ctx context.Context, f *Feed) ([]Item, error) {
	u, err := parseURL(f.URL)
	if err != nil {
		return nil, fmt.Errorf("poll feed: %w", err)
	}
	shown := u.Redacted()
	resp, err := c.get(ctx, u, f.Validators, "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8", feedType)
	if errors.Is(err, ErrNotModified) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("poll feed %s: %w", shown, err)
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.body))
	if err != nil {
		return nil, fmt.Errorf("poll feed %s: %w: %v", shown, ErrMalformedFeed, err)
	}
	f.Validators = resp.validators
	if t := oneLine(parsed.Title); t != "" {
		f.Title = t
	}
	seen := make(map[string]bool, len(f.Seen))
	for _, k := range f.Seen {
		seen[k] = true
	}
	var items []Item
	for _, it := range parsed.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		link = resolveHTTP(resp.url, link)
		if link == "" {
			continue // nothing to fetch
		}
		keys := []string{"url:" + normalizeURL(link)}
		if g := strings.TrimSpace(it.GUID); g != "" {
			keys = append(keys, "guid:"+g)
		}
		old := false
		for _, k := range keys {
			old = old || seen[k]
		}
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				f.Seen = append(f.Seen, k)
			}
		}
		if old {
			continue
		}
		item := Item{GUID: strings.TrimSpace(it.GUID), URL: link, Title: oneLine(it.Title), Keys: keys}
		switch {
		case it.PublishedParsed != nil:
			item.Published = day(*it.PublishedParsed)
		case it.UpdatedParsed != nil:
			item.Published = day(*it.UpdatedParsed)
		}
		items = append(items, item)
	}
	f.Seen = trimSeen(f.Seen)
	return items, nil
}

// normalizeURL is the form of an item's URL that deduplication compares: the
// same page linked with another case of host, a default port or tracking
// parameters is the same item.
func normalizeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80" || u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// trimSeen keeps the newest keys within maxSeen and maxSeenBytes.
func trimSeen(seen []string) []string {
	size, keep := 0, 0
	for i := len(seen) - 1; i >= 0 && keep < maxSeen; i-- {
		if size += len(seen[i]) + 4; size > maxSeenBytes { // 4: JSON quotes and comma, roughly
			break
		}
		keep++
	}
	if keep == len(seen) {
		return seen
	}
	return append([]string(nil), seen[len(seen)-keep:]...)
}
