package store

import (
	"context"
	"time"
)

// PinStatus says whether a pinned answer's quotes still stand.
type PinStatus string

// Pin statuses, as `bot pins --json` prints them.
const (
	// PinCurrent: every quote is still verbatim in its article.
	PinCurrent PinStatus = "current"
	// PinChanged: a quoted passage is no longer verbatim in its article.
	PinChanged PinStatus = "changed"
	// PinRemoved: a quoted article is gone.
	PinRemoved PinStatus = "removed"
)

// Pin is one pinned answer as it was shown. Its JSON is the record shape of
// the pins.jsonl file the bot has always written, plus the status fields, so
// an existing file keeps working.
type Pin struct {
	Question     string     `json:"question"`
	Answer       string     `json:"answer"`
	Abstained    bool       `json:"abstained"`
	Mode         string     `json:"mode"`
	Model        string     `json:"model,omitempty"`
	Citations    []Citation `json:"citations"`
	PinnedByID   string     `json:"pinned_by_id"`
	PinnedByName string     `json:"pinned_by"`
	PinnedAt     time.Time  `json:"pinned_at"`
	GuildID      string     `json:"guild_id"`
	ChannelID    string     `json:"channel_id"`
	MessageID    string     `json:"message_id"`
	// Status is PinCurrent when empty (records written before statuses).
	Status PinStatus `json:"status,omitempty"`
	// CheckedAt is when the quotes were last checked (zero: never).
	CheckedAt time.Time `json:"checked_at,omitzero"`
	// Detail says what changed, for the edited message ("quote [2] is no
	// longer in the article").
	Detail string `json:"detail,omitempty"`
}

// PinKey names one pinned message.
type PinKey struct {
	GuildID, ChannelID, MessageID string
}

// Key returns the pin's key.
func (p Pin) Key() PinKey { return PinKey{p.GuildID, p.ChannelID, p.MessageID} }

// PinCheck is the outcome of checking one pin's quotes again.
type PinCheck struct {
	Key       PinKey
	Status    PinStatus
	CheckedAt time.Time
	Detail    string
}

// Pins keeps pinned answers.
type Pins interface {
	// AddPin records a pinned answer; pinning the same message again
	// replaces the earlier record. A new pin's empty status is current.
	AddPin(ctx context.Context, p Pin) error
	// LatestPins returns up to n pins of guildID, newest first; its cost
	// does not grow with the number of pins stored.
	LatestPins(ctx context.Context, guildID string, n int) ([]Pin, error)
	// SetPinChecks records the outcomes of checking pins again, all at
	// once (a re-check after a corpus change covers every pin); a check of
	// a pin that no longer exists is skipped.
	SetPinChecks(ctx context.Context, checks []PinCheck) error
	// EachPin calls fn for every pin of every guild, in no particular
	// order, for re-checking them after the corpus changed. fn's error
	// stops the walk and is returned.
	EachPin(ctx context.Context, fn func(Pin) error) error
	// CountPins reports how many messages of guildID were pinned at or
	// after since.
	CountPins(ctx context.Context, guildID string, since time.Time) (int, error)
}

// CheckPin reports whether p may be stored.
func CheckPin(p Pin) error {
	for _, f := range [][2]string{{"guild id", p.GuildID}, {"pinned by id", p.PinnedByID}} {
		if err := CheckID(f[0], f[1]); err != nil {
			return err
		}
	}
	if err := checkRequiredID("channel id", p.ChannelID); err != nil {
		return err
	}
	if err := checkRequiredID("message id", p.MessageID); err != nil {
		return err
	}
	if err := checkText("question", p.Question, MaxQuestionBytes); err != nil {
		return err
	}
	if err := checkText("answer", p.Answer, MaxAnswerBytes); err != nil {
		return err
	}
	for _, f := range []string{p.Mode, p.Model, p.PinnedByName, p.Detail} {
		if err := checkText("pin field", f, maxFieldBytes); err != nil {
			return err
		}
	}
	switch p.Status {
	case "", PinCurrent, PinChanged, PinRemoved:
	default:
		return invalid("unknown pin status %q", p.Status)
	}
	return checkCitations(p.Citations)
}
