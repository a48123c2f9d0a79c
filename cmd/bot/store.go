package main

import (
	"context"
	"fmt"

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
		if err := e.FollowStore(ctx); err != nil {
			m.Logger.Error("follow the database", "err", err)
		}
	}()
}

// sharedState is the shared store as the bot's state: closing it is left
// to Run (closeStore), as the engine uses it too.
type sharedState struct{ store.Store }

// Close does nothing: Run closes the shared store once, at the end.
func (sharedState) Close() error { return nil }
