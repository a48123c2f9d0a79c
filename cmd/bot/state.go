package main

import (
	"context"

	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

// openState opens the bot's state for conversations, the question log,
// feedback and pins: files under the data folder. (With DATABASE_URL, the
// replicas branch's store is the one to use: PostgreSQL.) The caller
// closes it.
func (m *Main) openState(ctx context.Context) (store.Store, error) {
	if err := m.setup(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m.Config.DatabaseURL != "" {
		st, err := m.openStore(ctx)
		if err != nil {
			return nil, err
		}
		return sharedState{st}, nil
	}
	return file.Open(m.Config.DataDir, store.Options{Log: m.Logger.With("component", "store")})
}
