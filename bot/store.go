package bot

import (
	"context"
	"time"

	"github.com/newsbot/storybot/rag"
)

// PinStore keeps pinned answers. The bot declares what it needs;
// StorePins(store/file under DataDir) is the default, and any other
// (PostgreSQL's store) can take its place through Options.Pins.
type PinStore interface {
	// Append records a pin durably.
	Append(ctx context.Context, p PinRecord) error
	// Latest returns up to n pins of guildID, newest first, each message
	// once. An empty guildID has no pins: it never means all guilds.
	Latest(ctx context.Context, guildID string, n int) ([]PinRecord, error)
}

// PinRecord is one pinned answer as it was shown.
type PinRecord struct {
	Question     string         `json:"question"`
	Answer       string         `json:"answer"`
	Abstained    bool           `json:"abstained"`
	Mode         string         `json:"mode"`
	Model        string         `json:"model,omitempty"`
	Citations    []rag.Citation `json:"citations"`
	PinnedByID   string         `json:"pinned_by_id"`
	PinnedByName string         `json:"pinned_by"`
	PinnedAt     time.Time      `json:"pinned_at"`
	GuildID      string         `json:"guild_id"`
	ChannelID    string         `json:"channel_id"`
	MessageID    string         `json:"message_id"`
	// Status and Detail say whether the quotes still stand (store.Pin's):
	// "" or "current", "changed" or "removed", and what changed.
	Status string `json:"status,omitempty"`
	Detail string `json:"detail,omitempty"`
}
