// Package hub fans store changes out to local subscribers without ever
// blocking the publisher: a subscriber that falls far behind gets one
// ChangeResync instead of the changes it missed.
package hub

import (
	"context"
	"sync"

	"github.com/newsbot/storybot/store"
)

// maxQueue is how many changes a subscriber may be behind before they are
// collapsed into one resync.
const maxQueue = 1024

// Hub is a set of subscribers.
type Hub struct {
	mu   sync.Mutex
	subs map[*sub]struct{}
}

type sub struct {
	mu    sync.Mutex
	queue []store.Change
	wake  chan struct{}
}

// New returns an empty hub.
func New() *Hub { return &Hub{subs: map[*sub]struct{}{}} }

// Subscribe returns a channel of changes published from now on, closed
// when ctx ends or stop is called.
func (h *Hub) Subscribe(ctx context.Context) (ch <-chan store.Change, stop func()) {
	ctx, stop = context.WithCancel(ctx)
	s := &sub{wake: make(chan struct{}, 1)}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	out := make(chan store.Change)
	go func() {
		defer close(out)
		defer func() {
			h.mu.Lock()
			delete(h.subs, s)
			h.mu.Unlock()
		}()
		for {
			s.mu.Lock()
			var next []store.Change
			next, s.queue = s.queue, nil
			s.mu.Unlock()
			for _, c := range next {
				select {
				case out <- c:
				case <-ctx.Done():
					return
				}
			}
			if len(next) > 0 {
				continue
			}
			select {
			case <-s.wake:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, stop
}

// Publish hands c to every subscriber.
func (h *Hub) Publish(c store.Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.mu.Lock()
		if len(s.queue) >= maxQueue {
			s.queue = append(s.queue[:0], store.Change{Kind: store.ChangeResync})
		} else {
			s.queue = append(s.queue, c)
		}
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}
