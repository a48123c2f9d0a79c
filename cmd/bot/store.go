package main

import (
	"context"
	"fmt"

	"github.com/newsbot/storybot/bot"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/postgres"
)

// openStore opens the shared store when DATABASE_URL is set, once; nil
// without it (state stays in files under DATA_DIR).
func (m *Main) openStore(ctx context.Context) (store.Store, error) {
	if m.Config.DatabaseURL == "" {
		return nil, nil
	}
	if m.shared != nil {
		return m.shared, nil
	}
	st, err := postgres.Open(ctx, m.Config.DatabaseURL, store.Options{Log: m.Logger.With("component", "store")})
	if err != nil {
		return nil, fmt.Errorf("open the database (DATABASE_URL): %w", err)
	}
	m.shared = st
	return st, nil
}

// closeStore closes the shared store, if one was opened.
func (m *Main) closeStore() {
	if m.shared != nil {
		if err := m.shared.Close(); err != nil {
			m.Logger.Warn("close the database", "err", err)
		}
		m.shared = nil
	}
}

// follow keeps e in line with the shared store until ctx ends, when there
// is one: what any replica adds or removes is answered here too.
func (m *Main) follow(ctx context.Context, e *rag.Engine) {
	if m.shared == nil {
		return
	}
	go func() {
		if err := e.Follow(ctx); err != nil {
			m.Logger.Error("follow the database", "err", err)
		}
	}()
}

// storePins keeps the bot's pins in a store.Pins, so every replica sees
// them.
type storePins struct{ p store.Pins }

func (s storePins) Append(ctx context.Context, r bot.PinRecord) error {
	cs := make([]store.Citation, len(r.Citations))
	for i, c := range r.Citations {
		cs[i] = store.Citation(c)
	}
	return s.p.AddPin(ctx, store.Pin{
		Question: r.Question, Answer: r.Answer, Abstained: r.Abstained, Mode: r.Mode, Model: r.Model, Citations: cs,
		PinnedByID: r.PinnedByID, PinnedByName: r.PinnedByName, PinnedAt: r.PinnedAt,
		GuildID: r.GuildID, ChannelID: r.ChannelID, MessageID: r.MessageID,
	})
}

func (s storePins) Latest(ctx context.Context, guildID string, n int) ([]bot.PinRecord, error) {
	if guildID == "" {
		return nil, nil
	}
	pins, err := s.p.LatestPins(ctx, guildID, n)
	if err != nil {
		return nil, err
	}
	out := make([]bot.PinRecord, len(pins))
	for i, p := range pins {
		cs := make([]rag.Citation, len(p.Citations))
		for j, c := range p.Citations {
			cs[j] = rag.Citation(c)
		}
		out[i] = bot.PinRecord{
			Question: p.Question, Answer: p.Answer, Abstained: p.Abstained, Mode: p.Mode, Model: p.Model, Citations: cs,
			PinnedByID: p.PinnedByID, PinnedByName: p.PinnedByName, PinnedAt: p.PinnedAt,
			GuildID: p.GuildID, ChannelID: p.ChannelID, MessageID: p.MessageID,
		}
	}
	return out, nil
}
