package web

import (
	"errors"
	"fmt"
	"net/http"
)

// Kinds of failure a caller tells a moderator about; test with errors.Is.
var (
	// ErrBlocked: the URL is not http(s), or its host resolves to a private,
	// loopback or link-local address and private addresses are not allowed.
	ErrBlocked = errors.New("address not allowed")
	// ErrNotFound: the server answered 404 or 410.
	ErrNotFound = errors.New("page not found")
	// ErrStatus: the server answered another error status (see *StatusError).
	ErrStatus = errors.New("server error")
	// ErrTimeout: no complete answer within the client's timeout.
	ErrTimeout = errors.New("too slow")
	// ErrTooLarge: the answer is over the client's size limit.
	ErrTooLarge = errors.New("too large")
	// ErrTooManyRedirects: more redirects than the client follows.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrContentType: the answer is not of the type asked for (an image for
	// an article, a web page for a feed).
	ErrContentType = errors.New("wrong content type")
	// ErrNoArticle: the page holds no article text (a home page, a login
	// wall, an empty page).
	ErrNoArticle = errors.New("no article on the page")
	// ErrMalformedFeed: the answer is not an RSS, Atom or JSON feed that
	// can be read.
	ErrMalformedFeed = errors.New("malformed feed")
	// ErrNotModified: a conditional request found the page or feed
	// unchanged since the validators were taken.
	ErrNotModified = errors.New("not modified")
)

// StatusError is an HTTP error status other than 304.
type StatusError struct {
	Code   int
	Status string // as the server sent it, "503 Service Unavailable"
	// RetryAfter is the server's Retry-After in seconds, 0 when absent.
	RetryAfter int
}

func (e *StatusError) Error() string {
	if e.Code == http.StatusNotFound || e.Code == http.StatusGone {
		return fmt.Sprintf("page not found (the server answered %s)", e.Status)
	}
	return "the server answered " + e.Status
}

// Is makes a 404 or 410 match ErrNotFound and every status match ErrStatus.
func (e *StatusError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Code == http.StatusNotFound || e.Code == http.StatusGone
	case ErrStatus:
		return true
	}
	return false
}
