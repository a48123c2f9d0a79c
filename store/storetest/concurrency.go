package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/newsbot/storybot/store"
)

// testConcurrentReplicas has two stores write at once, as two replicas
// serving one server do: nothing is lost or counted twice.
func testConcurrentReplicas(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	key := store.ConversationKey{GuildID: "g1", ID: "busy-thread"}
	feed := store.SourceKey{GuildID: "g1", ID: "feed"}
	keys := make([]string, 40)
	for i := range keys {
		keys[i] = fmt.Sprint("guid", i)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		fresh = map[string]int{}
	)
	perStore := store.DefaultMaxTurns / 2
	for si, s := range []store.Store{a, b} {
		for i := range perStore {
			wg.Add(3)
			go func() {
				defer wg.Done()
				if err := s.AppendTurn(ctx(t), key, store.Turn{Question: fmt.Sprint(si, "-", i), Answer: "a"}); err != nil {
					t.Error(err)
				}
			}()
			go func() {
				defer wg.Done()
				v := vote(fmt.Sprint("member", si, "-", i), true, "")
				if err := s.RecordVote(ctx(t), v); err != nil {
					t.Error(err)
				}
			}()
			go func() {
				defer wg.Done()
				got, err := s.MarkSeen(ctx(t), feed, keys)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, k := range got {
					fresh[k]++
				}
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	c, err := a.Conversation(ctx(t), key)
	must(t, err)
	if len(c.Turns) != 2*perStore {
		t.Errorf("got %d turns (%s), want all %d", len(c.Turns), questions(c), 2*perStore)
	}
	vs, err := b.Votes(ctx(t), "g1", "c1", "answer1")
	must(t, err)
	if len(vs) != 2*perStore {
		t.Errorf("got %d votes, want %d", len(vs), 2*perStore)
	}
	for _, k := range keys {
		if fresh[k] != 1 {
			t.Errorf("key %s reported new %d times, want once between both stores", k, fresh[k])
		}
	}
}
