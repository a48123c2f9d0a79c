package bot

import (
	"context"

	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
)

// Engine is what the bot needs from the question-answering side. Errors that
// are rag.InvalidError are shown to the member; all others are logged and
// replaced by a short apology.
type Engine interface {
	Ask(ctx context.Context, question string) (rag.Answer, error)
	Timeline(ctx context.Context, topic string) ([]timeline.Event, error)
	WhoSaid(ctx context.Context, query string) ([]whosaid.Statement, error)
	// Speakers returns at most 25 known speakers whose names start with
	// prefix, for autocomplete.
	Speakers(ctx context.Context, prefix string) []string
}
