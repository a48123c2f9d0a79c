package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// Subscribe follows every replica's article changes. The first call starts
// a listener on a connection of its own and returns once it is listening,
// so nothing saved after Subscribe returns is missed; when the connection
// drops, the listener reconnects and announces ChangeResync, because
// notifications sent meanwhile are lost.
func (s *Store) Subscribe(ctx context.Context) (<-chan store.Change, error) {
	s.listenMu.Lock()
	defer s.listenMu.Unlock()
	// Subscribed before listening, so nothing heard in between is missed.
	ch, stop := s.hub.Subscribe(ctx)
	if s.stopListener == nil {
		// Not listening yet, or the last attempt failed: try now.
		conn, err := s.listen(ctx)
		if err != nil {
			stop()
			return nil, fmt.Errorf("subscribe to changes: %w", err)
		}
		lctx, cancel := context.WithCancel(context.Background())
		s.stopListener, s.listenerDone = cancel, make(chan struct{})
		go s.follow(lctx, conn)
	}
	return ch, nil
}

// listen opens a dedicated connection and LISTENs on the channel.
func (s *Store) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "listen "+pgx.Identifier{s.channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// follow hands notifications to the hub until ctx ends, reconnecting with
// a growing pause when the connection fails.
func (s *Store) follow(ctx context.Context, conn *pgx.Conn) {
	defer close(s.listenerDone)
	pause := 100 * time.Millisecond
	for {
		for conn != nil {
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				conn.Close(context.Background())
				conn = nil
				if ctx.Err() != nil {
					return
				}
				s.opt.Log.Warn("change feed: connection lost; reconnecting", "err", err)
				break
			}
			pause = 100 * time.Millisecond
			var c store.Change
			if json.Unmarshal([]byte(n.Payload), &c) != nil || c.Kind == "" {
				continue
			}
			s.hub.Publish(c)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, 30*time.Second)
		c, err := s.listen(ctx)
		if err != nil {
			continue
		}
		conn = c
		s.hub.Publish(store.Change{Kind: store.ChangeResync})
	}
}
