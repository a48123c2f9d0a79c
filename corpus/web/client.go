package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Defaults of Options.
const (
	DefaultTimeout      = 15 * time.Second
	DefaultMaxBytes     = 8 << 20
	DefaultMaxRedirects = 5
	DefaultFeedInterval = 15 * time.Minute
	DefaultUserAgent    = "storybot/1 (+https://github.com/newsbot/storybot)"
)

// Options bound a Client. The zero value is the safe default.
type Options struct {
	// Timeout bounds one fetch, from dialling to the last byte (default 15 s).
	Timeout time.Duration
	// MaxBytes bounds the size of one answer (default 8 MiB).
	MaxBytes int64
	// MaxRedirects is how many redirects one fetch follows (default 5).
	MaxRedirects int
	// AllowPrivate lets fetches reach private, loopback and link-local
	// addresses; tests and local setups set it, a public bot must not.
	AllowPrivate bool
	// FeedInterval is how long after a good poll a feed is due again
	// (default 15 minutes); failures back off from it.
	FeedInterval time.Duration
	// UserAgent is sent with every request.
	UserAgent string
}

// Client fetches pages and feeds within the bounds of its Options. It is
// safe for concurrent use.
type Client struct {
	opts Options
	http *http.Client
}

// New returns a client; zero options take their defaults.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.FeedInterval <= 0 {
		opts.FeedInterval = DefaultFeedInterval
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		// No proxy from the environment: through a proxy the dial check
		// would see the proxy's address, not the page's.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
	}
	c := &Client{opts: opts}
	c.http = &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, opts.MaxRedirects)
			}
			if err := checkScheme(req.URL); err != nil {
				return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)
			}
			return nil
		},
	}
	return c
}

// refusePrivate is a net.Dialer Control: it sees the address being dialled,
// after name resolution, and refuses the machine's own networks.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot check address %q: %v", ErrBlocked, address, err)
	}
	if !publicAddr(ap.Addr()) {
		return fmt.Errorf("%w: %s is a private, loopback or link-local address", ErrBlocked, ap.Addr())
	}
	return nil
}

// sharedSpace is the carrier-grade NAT range (RFC 6598), private in all but
// name; netip does not count it as private.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// publicAddr reports whether a fetch may dial ip.
func publicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsValid() && ip.IsGlobalUnicast() && !ip.IsPrivate() && !sharedSpace.Contains(ip) &&
		!ip.IsLoopback() && !ip.IsLinkLocalUnicast() && !ip.IsUnspecified()
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: only http and https URLs are fetched, not %q", ErrBlocked, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: the URL has no host", ErrBlocked)
	}
	return nil
}

// parseURL reads a URL a moderator typed or a feed listed.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: not a URL: %v", ErrBlocked, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// Validators make a request conditional: they are the ETag and
// Last-Modified of the version the caller holds.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func (v Validators) zero() bool { return v == Validators{} }

// response is one fetched answer, read whole within the limits.
type response struct {
	url         *url.URL // after redirects
	contentType string   // media type, lower case
	charset     string
	body        []byte
	validators  Validators
}

// get fetches u, conditionally when v is set. accepted lists the media
// types the answer may have; accept is the Accept header.
func (c *Client) get(ctx context.Context, u *url.URL, v Validators, accept string, accepted func(mediaType string) bool) (*response, error) {
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBlocked, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(parent, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && !v.zero():
		return nil, ErrNotModified
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		se := &StatusError{Code: resp.StatusCode, Status: resp.Status}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			se.RetryAfter = s
		}
		return nil, se
	}
	r := &response{url: resp.Request.URL, validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		mt = ""
	}
	r.contentType, r.charset = strings.ToLower(mt), params["charset"]
	if !accepted(r.contentType) {
		shown := r.contentType
		if shown == "" {
			shown = "no content type"
		}
		return nil, fmt.Errorf("%w: the server sent %s", ErrContentType, shown)
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, c.tooLarge(resp.ContentLength)
	}
	r.body, err = io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, c.transportError(parent, err)
	}
	if int64(len(r.body)) > c.opts.MaxBytes {
		return nil, c.tooLarge(-1)
	}
	return r, nil
}

func (c *Client) tooLarge(n int64) error {
	if n < 0 {
		return fmt.Errorf("%w: over the %d-byte limit", ErrTooLarge, c.opts.MaxBytes)
	}
	return fmt.Errorf("%w: %d bytes is over the %d-byte limit", ErrTooLarge, n, c.opts.MaxBytes)
}

// transportError names a failed request's cause: the caller's context, the
// client's timeout, or the network (a refused address among them).
func (c *Client) transportError(parent context.Context, err error) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: no complete answer within %s", ErrTimeout, c.opts.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is named by the caller
	}
	return err
}
