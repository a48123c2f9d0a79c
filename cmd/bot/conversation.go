package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/newsbot/storybot/bot"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/spf13/cobra"
)

// conversationCommands are the commands of conversations and claims: check
// and stats.
func (m *Main) conversationCommands() []*cobra.Command {
	return []*cobra.Command{m.checkCommand(), m.statsCommand()}
}

// errDays is a --days below one.
var errDays = errors.New("--days must be 1 or more")

// conversationAnswer is `bot ask --json --conversation`'s output: the
// answer, with the conversation and the standalone question answered.
type conversationAnswer struct {
	rag.Answer
	Conversation     string `json:"conversation"`
	ResolvedQuestion string `json:"resolved_question"`
	// NewConversation says the conversation had expired and this turn
	// began it again.
	NewConversation bool `json:"new_conversation,omitempty"`
}

// askInConversation answers q as the next turn of conversation id, kept in
// the store with the command line's (empty) guild.
func (m *Main) askInConversation(ctx context.Context, e *rag.Engine, id, q string, asJSON bool) error {
	st, err := m.openState(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	t, err := bot.Converse(ctx, e, st, store.ConversationKey{ID: id}, q)
	if err != nil {
		if rag.IsInvalid(err) {
			return err
		}
		return fmt.Errorf("conversation %s: %w", id, err)
	}
	if err := bot.LogQuestion(ctx, st, "", q, t.Answer, t.Resolved.Question); err != nil {
		m.Logger.Warn("question not logged", "err", err)
	}
	if asJSON {
		return writeJSON(m.Stdout, conversationAnswer{Answer: bot.PlainAnswer(t.Answer), Conversation: id,
			ResolvedQuestion: t.Resolved.Question, NewConversation: t.Expired})
	}
	return bot.WriteFollowUp(m.Stdout, t)
}

// logQuestion records a command-line question for `bot stats`; a store that
// cannot be opened only costs the record.
func (m *Main) logQuestion(ctx context.Context, q string, a rag.Answer, resolved string) {
	st, err := m.openState(ctx)
	if err != nil {
		m.Logger.Warn("question not logged", "err", err)
		return
	}
	defer st.Close()
	if err := bot.LogQuestion(ctx, st, "", q, a, resolved); err != nil {
		m.Logger.Warn("question not logged", "err", err)
	}
}

// withState opens the store and gives the bot its state (see
// stateOptions); the returned close releases the store.
func (m *Main) withState(ctx context.Context, opts *bot.Options) (store.Store, func(), error) {
	st, err := m.openState(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("open the bot's state: %w", err)
	}
	m.stateOptions(opts, st)
	pctx, stopPruning := context.WithCancel(ctx)
	pruned := make(chan struct{})
	go func() {
		defer close(pruned)
		m.pruneConversations(pctx, st)
	}()
	return st, func() {
		stopPruning()
		<-pruned
		if err := st.Close(); err != nil {
			m.Logger.Warn("close the bot's state", "err", err)
		}
	}, nil
}

// stateOptions gives the bot its state in st: conversations, the question
// log, feedback, /stats and the pins (so /stats counts them, and opening
// the file store, which moves an old pins.jsonl into it, loses none).
func (m *Main) stateOptions(opts *bot.Options, st store.Store) {
	opts.Conversations, opts.Questions, opts.Feedback = st, st, st
	opts.Pins = bot.StorePins(st)
	opts.Stats = func(ctx context.Context, guildID string, since time.Time, top int) (store.Stats, error) {
		return store.GuildStats(ctx, st, guildID, since, top)
	}
	opts.MessageContent = m.Config.DiscordMessageContent
}

// pruneEvery is how often expired conversations are removed from the store.
const pruneEvery = time.Hour

// pruneConversations removes expired conversations now and every
// pruneEvery until ctx is done: each answer starts one, and a day later it
// is of no use.
func (m *Main) pruneConversations(ctx context.Context, st store.Conversations) {
	t := time.NewTicker(pruneEvery)
	defer t.Stop()
	for {
		if err := st.PruneConversations(ctx); err != nil && ctx.Err() == nil {
			m.Logger.Warn("prune expired conversations", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
