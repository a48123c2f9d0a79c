package store

import (
	"context"
	"fmt"
	"time"
)

// Stats is what /stats and `bot stats` show moderators about a period.
type Stats struct {
	Since     time.Time       `json:"since"`
	Questions QuestionStats   `json:"questions"`
	Feedback  FeedbackSummary `json:"feedback"`
	Pinned    int             `json:"pinned"`
}

// StatsSource is what GuildStats reads.
type StatsSource interface {
	Questions
	Feedback
	Pins
}

// GuildStats gathers a guild's questions (with at most top unanswered
// groups), feedback and pins since the given time.
func GuildStats(ctx context.Context, st StatsSource, guildID string, since time.Time, top int) (Stats, error) {
	out := Stats{Since: since}
	var err error
	if out.Questions, err = st.QuestionStats(ctx, guildID, since, top); err != nil {
		return out, fmt.Errorf("guild stats: %w", err)
	}
	if out.Feedback, err = st.FeedbackSummary(ctx, guildID, since); err != nil {
		return out, fmt.Errorf("guild stats: %w", err)
	}
	if out.Pinned, err = st.CountPins(ctx, guildID, since); err != nil {
		return out, fmt.Errorf("guild stats: %w", err)
	}
	return out, nil
}
