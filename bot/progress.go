package bot

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
)

// progressEvery is the least time between two progress edits of a reply.
const progressEvery = time.Second

// progressResponder can show, in a deferred reply, what it is waiting for.
type progressResponder interface {
	Progress(ctx context.Context, text string) error
}

// withProgress returns a context under which the engine's steps on a slow
// (LLM) answer are shown in r's deferred reply ("Searching 40 articles…"),
// at most one edit every progressEvery. Only the steps are shown, never
// the model's text before it is checked.
func (b *Bot) withProgress(ctx context.Context, r responder) context.Context {
	pr, ok := r.(progressResponder)
	if !ok {
		return ctx
	}
	th := &throttle{now: b.now, every: progressEvery}
	return rag.WithSteps(ctx, func(s rag.Step) {
		if !th.allow() {
			return
		}
		if err := pr.Progress(ctx, stepText(s)); err != nil {
			b.log.Debug("progress not shown", "err", err)
		}
	})
}

// stepText is how a step reads.
func stepText(s rag.Step) string {
	switch s.Stage {
	case rag.StageSearching:
		return fmt.Sprintf("🔎 Searching %s…", countText(s.N, "article"))
	case rag.StageWriting:
		return fmt.Sprintf("✍️ Writing the answer from %s…", countText(s.N, "passage"))
	case rag.StageChecking:
		return fmt.Sprintf("🔍 Checking %s against the sources…", countText(s.N, "quote"))
	}
	return "Working on it…"
}

// throttle allows an event at most once every every.
type throttle struct {
	now   func() time.Time
	every time.Duration
	mu    sync.Mutex
	last  time.Time
}

func (t *throttle) allow() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if !t.last.IsZero() && now.Sub(t.last) < t.every {
		return false
	}
	t.last = now
	return true
}

// Progress edits the deferred reply's text; once the reply is sent it does
// nothing.
func (r *discordResponder) Progress(ctx context.Context, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != stateDeferred || r.deferKind == deferUpdate {
		return nil
	}
	_, err := r.s.InteractionResponseEdit(r.i, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions()},
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	if err != nil {
		return fmt.Errorf("edit progress: %w", err)
	}
	return nil
}

// Progress prints the step.
func (r *consoleResponder) Progress(_ context.Context, text string) error {
	_, err := fmt.Fprintln(r.c.out, text)
	return err
}
