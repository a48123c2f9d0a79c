package store

import (
	"errors"
	"log/slog"
	"time"
)

// ErrNotFound is returned (wrapped) when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrInvalid is returned (wrapped) when a record breaks a limit or lacks a
// required field; nothing is stored.
var ErrInvalid = errors.New("invalid record")

// Store is every concern at once, as the implementations provide it.
type Store interface {
	Pins
	Conversations
	Feedback
	Questions
	Sources
	SourceFiles
	Settings
	Articles
	Changes
	Locker
	// Close releases the store's files or connections.
	Close() error
}

// Options tune an implementation; the zero value is the documented default.
type Options struct {
	// MaxTurns is how many turns a conversation keeps (default 10).
	MaxTurns int
	// ConversationTTL is how long after its last turn a conversation
	// expires (default 24h).
	ConversationTTL time.Duration
	// Now is the clock (default time.Now); tests set it.
	Now func() time.Time
	// Log receives what the store handles itself, such as a lost database
	// connection it reconnects (default: discarded).
	Log *slog.Logger
}

// Defaults of Options.
const (
	DefaultMaxTurns        = 10
	DefaultConversationTTL = 24 * time.Hour
)

// WithDefaults returns o with every zero field set to its default.
func (o Options) WithDefaults() Options {
	if o.MaxTurns <= 0 {
		o.MaxTurns = DefaultMaxTurns
	}
	if o.ConversationTTL <= 0 {
		o.ConversationTTL = DefaultConversationTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Citation is one quoted passage of an answer as it was shown. Its fields
// are rag.Citation's, so either converts to the other.
type Citation struct {
	N         int    `json:"n"`
	Doc       string `json:"doc"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Quote     string `json:"quote"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}
