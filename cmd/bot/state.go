package main

import (
	"context"

	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
	"github.com/newsbot/storybot/store/postgres"
)

// openState opens the bot's state: PostgreSQL when DATABASE_URL is set,
// else files under the data folder. The caller closes it.
func (m *Main) openState(ctx context.Context) (store.Store, error) {
	if err := m.setup(); err != nil {
		return nil, err
	}
	opts := store.Options{Log: m.Logger.With("component", "store")}
	if m.Config.DatabaseURL != "" {
		return postgres.Open(ctx, m.Config.DatabaseURL, opts)
	}
	return file.Open(m.Config.DataDir, opts)
}
