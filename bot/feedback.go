package bot

import (
	"context"

	"github.com/newsbot/storybot/store"
)

// FeedbackStore records members' votes on answers; store.Feedback is one.
type FeedbackStore interface {
	RecordVote(ctx context.Context, v store.Vote) error
}
