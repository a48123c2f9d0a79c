package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord's HTTP interactions: Discord POSTs each interaction to the
// endpoint, signed with the application's Ed25519 key, and takes the HTTP
// response as the interaction's first callback. What follows (the edit of
// a deferred reply, follow-ups) goes through the REST API as for the
// gateway, so the same handlers and the same responder serve both.

// maxInteractionBody bounds one interaction's JSON: a slash command with
// its resolved users and channels is a few KiB; a modal's text is at most
// 4000 characters a field.
const maxInteractionBody = 1 << 20

// httpReplyWindow is how long the endpoint waits for a handler's first
// callback before giving up on the request: Discord waits 3 s in all, and
// the response still has to travel.
const httpReplyWindow = callbackWindow - 500*time.Millisecond

// ParsePublicKey decodes the application's public key as the Developer
// Portal shows it (64 hex digits).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	raw, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("parse public key: not hex: %w", err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("parse public key: %d bytes, want %d", len(raw), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(raw), nil
}

// httpCallback carries an interaction's first callback into the HTTP
// response while the request still waits for it.
type httpCallback struct {
	mu      sync.Mutex
	waiting bool        // the HTTP request has not been answered yet
	body    chan []byte // the first callback, JSON
	written chan error  // what writing it to the response gave
}

func newHTTPCallback() *httpCallback {
	return &httpCallback{waiting: true, body: make(chan []byte, 1), written: make(chan error, 1)}
}

// errRequestGone means the HTTP request no longer waits for a callback.
var errRequestGone = errors.New("the interaction's HTTP request was already answered")

// deliver hands v to the waiting HTTP request and waits until it is
// written; errRequestGone when the request was answered already.
func (c *httpCallback) deliver(ctx context.Context, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode interaction callback: %w", err)
	}
	c.mu.Lock()
	if !c.waiting {
		c.mu.Unlock()
		return errRequestGone
	}
	c.waiting = false
	c.body <- raw
	c.mu.Unlock()
	select {
	case err := <-c.written:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// abandon stops the request from waiting; it reports false when a
// callback was already handed over (and must be written).
func (c *httpCallback) abandon() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.waiting {
		return false
	}
	c.waiting = false
	return true
}

// endpoint serves verified interactions through bot b with its REST
// session s, in flight fl, under work.
type endpoint struct {
	b    *Bot
	s    *discordgo.Session
	key  ed25519.PublicKey
	work context.Context
	fl   *flight
}

// ServeHTTP verifies the request's signature (401 when it is missing or
// wrong), answers a PING with a PONG, and hands any other interaction to
// the bot's handlers, writing their first callback as the response.
func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "interactions are POSTed", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxInteractionBody)
	if !fresh(r.Header.Get("X-Signature-Timestamp"), time.Now()) || !discordgo.VerifyInteraction(r, e.key) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeCallback(w, mustJSON(discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}))
		return
	}
	cb := newHTTPCallback()
	resp := newDiscordResponder(e.s, &i, e.b.log)
	resp.http = cb
	handled := make(chan struct{})
	go func() {
		defer close(handled)
		e.b.interaction(e.work, e.fl, resp, &i)
	}()
	t := time.NewTimer(httpReplyWindow)
	defer t.Stop()
	select {
	case body := <-cb.body:
		cb.written <- writeCallback(w, body)
		return
	case <-handled:
	case <-t.C:
	case <-r.Context().Done():
	}
	if !cb.abandon() {
		cb.written <- writeCallback(w, <-cb.body)
		return
	}
	// No callback in time: Discord tells the member the interaction
	// failed; the responder's later sends fall back as after a missed
	// gateway callback.
	e.b.log.Warn("no interaction callback in time", "interaction", i.ID)
	http.Error(w, "no response in time", http.StatusServiceUnavailable)
}

// maxSignatureAge bounds how far a signed request's timestamp may be from
// now: Discord sends each interaction at once, so an old signature is a
// replay of a captured request (the signature covers the timestamp).
const maxSignatureAge = 5 * time.Minute

// fresh reports whether a signature timestamp (Unix seconds) is within
// maxSignatureAge of now.
func fresh(ts string, now time.Time) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := now.Sub(time.Unix(sec, 0))
	return d <= maxSignatureAge && d >= -maxSignatureAge
}

// writeCallback writes a callback body as the HTTP response.
func writeCallback(w http.ResponseWriter, body []byte) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return err
}

func mustJSON(v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return raw
}
