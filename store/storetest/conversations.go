package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

func questions(c store.Conversation) string {
	s := ""
	for i, t := range c.Turns {
		if i > 0 {
			s += ","
		}
		s += t.Question
	}
	return s
}

func testTurns(t *testing.T, e env) {
	s := e.store(t)
	key := store.ConversationKey{GuildID: "g1", ID: "thread1"}
	first := store.Turn{Question: "Who is Iran's foreign minister?", Resolved: "Who is Iran's foreign minister?", Answer: "A [1]",
		Citations: []store.Citation{{N: 1, Doc: "d", Quote: "q"}}, Focus: []string{"foreign", "minister"},
		Entities: []store.Entity{{Name: "Hossein Amirabdollahian", Role: "Iranian Foreign Minister", Kind: "person", Gender: "male"}}}
	must(t, s.AppendTurn(ctx(t), key, first))
	c, err := s.Conversation(ctx(t), key)
	must(t, err)
	if len(c.Turns) != 1 || c.Expired {
		t.Fatalf("got %+v, want one live turn", c)
	}
	got := c.Turns[0]
	if !reflect.DeepEqual(got.Entities, first.Entities) || !reflect.DeepEqual(got.Focus, first.Focus) || got.Citations[0].Quote != "q" || !got.At.Equal(e.clock.Now()) {
		t.Errorf("got %+v, want the turn as recorded, stamped now", got)
	}
	for i := 2; i <= store.DefaultMaxTurns+3; i++ {
		e.clock.Advance(time.Minute)
		must(t, s.AppendTurn(ctx(t), key, store.Turn{Question: fmt.Sprint(i), Answer: "a"}))
	}
	c, err = s.Conversation(ctx(t), key)
	must(t, err)
	if len(c.Turns) != store.DefaultMaxTurns || c.Turns[0].Question != "4" || c.Turns[len(c.Turns)-1].Question != fmt.Sprint(store.DefaultMaxTurns+3) {
		t.Errorf("got turns %s, want the last %d (4..%d), oldest first", questions(c), store.DefaultMaxTurns, store.DefaultMaxTurns+3)
	}
}

func testTurnsExpire(t *testing.T, e env) {
	s := e.store(t)
	key := store.ConversationKey{GuildID: "g1", ID: "thread1"}
	c, err := s.Conversation(ctx(t), key)
	must(t, err)
	if len(c.Turns) != 0 || c.Expired {
		t.Errorf("unknown conversation: got %+v, want new (no turns, not expired)", c)
	}
	must(t, s.AppendTurn(ctx(t), key, store.Turn{Question: "one", Answer: "a"}))
	e.clock.Advance(store.DefaultConversationTTL - time.Minute)
	c, err = s.Conversation(ctx(t), key)
	must(t, err)
	if len(c.Turns) != 1 {
		t.Errorf("before the TTL: got %+v, want the turn", c)
	}
	e.clock.Advance(2 * time.Minute)
	c, err = s.Conversation(ctx(t), key)
	must(t, err)
	if len(c.Turns) != 0 || !c.Expired {
		t.Errorf("after the TTL: got %+v, want expired", c)
	}
	must(t, s.AppendTurn(ctx(t), key, store.Turn{Question: "two", Answer: "a"}))
	c, err = s.Conversation(ctx(t), key)
	must(t, err)
	if questions(c) != "two" || c.Expired {
		t.Errorf("after appending to an expired one: got %q expired=%v, want a fresh conversation of \"two\"", questions(c), c.Expired)
	}
	other := store.ConversationKey{GuildID: "g1", ID: "old"}
	must(t, s.AppendTurn(ctx(t), other, store.Turn{Question: "x", Answer: "a"}))
	e.clock.Advance(store.DefaultConversationTTL + time.Hour)
	must(t, s.PruneConversations(ctx(t)))
	c, err = s.Conversation(ctx(t), other)
	must(t, err)
	if c.Expired || len(c.Turns) != 0 {
		t.Errorf("after pruning: got %+v, want the conversation forgotten (new)", c)
	}
}

func testTurnsIsolated(t *testing.T, e env) {
	s := e.store(t)
	keys := []store.ConversationKey{{GuildID: "g1", ID: "t1"}, {GuildID: "g1", ID: "t2"}, {GuildID: "g2", ID: "t1"}, {GuildID: "", ID: "t1"}}
	for _, k := range keys {
		must(t, s.AppendTurn(ctx(t), k, store.Turn{Question: k.GuildID + "/" + k.ID, Answer: "a"}))
	}
	for _, k := range keys {
		c, err := s.Conversation(ctx(t), k)
		must(t, err)
		if want := k.GuildID + "/" + k.ID; questions(c) != want {
			t.Errorf("conversation %+v: got %q, want only %q", k, questions(c), want)
		}
	}
}
