package hub

import (
	"context"
	"testing"

	"github.com/newsbot/storybot/store"
)

func TestPublishReachesEverySubscriberInOrder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := New()
	a, _ := h.Subscribe(ctx)
	b, _ := h.Subscribe(ctx)
	for _, id := range []string{"one", "two", "three"} {
		h.Publish(store.Change{Kind: store.ChangeSaved, ID: id})
	}
	for name, ch := range map[string]<-chan store.Change{"a": a, "b": b} {
		for _, want := range []string{"one", "two", "three"} {
			if got := (<-ch).ID; got != want {
				t.Fatalf("subscriber %s: got %q, want %q", name, got, want)
			}
		}
	}
}

func TestSlowSubscriberGetsResync(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h := New()
	ch, _ := h.Subscribe(ctx)
	// Nobody reads while far more than maxQueue changes are published.
	for i := 0; i < 3*maxQueue; i++ {
		h.Publish(store.Change{Kind: store.ChangeSaved, ID: "x"})
	}
	sawResync := false
	for c := range ch {
		if c.Kind == store.ChangeResync {
			sawResync = true
		}
		if sawResync {
			break
		}
	}
	if !sawResync {
		t.Fatal("got no resync after the subscriber fell behind")
	}
}

func TestCancelClosesChannel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := New()
	ch, _ := h.Subscribe(ctx)
	cancel()
	for range ch {
	}
	ch, stop := h.Subscribe(context.Background())
	stop()
	for range ch {
	}
	h.Publish(store.Change{Kind: store.ChangeSaved}) // no subscriber left: must not block
}
