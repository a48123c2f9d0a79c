// Package storetest is the contract every store implementation passes: one
// suite of tests, run by store/file and store/postgres against their own
// backing (a temporary folder, a fresh database schema).
package storetest

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

// Backend creates a fresh, empty backing for one test and returns how to
// open a store on it; every store opened on one backing shares its state,
// as two replicas on one database do. Stores are closed by the suite.
type Backend func(t *testing.T) func(t *testing.T, o store.Options) store.Store

// Caps says what an implementation offers beyond the common contract.
type Caps struct {
	// SharedChanges: a change saved through one store reaches the
	// subscribers of another store on the same backing.
	SharedChanges bool
}

// Clock is a settable clock for Options.Now.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at a fixed instant.
func NewClock() *Clock {
	return &Clock{t: time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is one test's backing with a clock shared by its stores.
type env struct {
	open  func(t *testing.T, o store.Options) store.Store
	clock *Clock
}

func (e env) store(t *testing.T) store.Store {
	t.Helper()
	s := e.open(t, store.Options{Now: e.clock.Now})
	t.Cleanup(func() { s.Close() })
	return s
}

// Run runs the whole contract against backend.
func Run(t *testing.T, backend Backend, caps Caps) {
	tests := []struct {
		name string
		fn   func(t *testing.T, e env)
	}{
		{"pins/latest newest first per guild", testPinsLatest},
		{"pins/re-pin replaces", testPinsRepin},
		{"pins/checks and walk", testPinChecks},
		{"pins/count since", testPinsCount},
		{"pins/bounded records", testPinsBounded},
		{"conversations/turns in order, last ones kept", testTurns},
		{"conversations/expiry", testTurnsExpire},
		{"conversations/never mixed", testTurnsIsolated},
		{"feedback/one vote per member, changeable", testVotes},
		{"questions/stats and grouping", testQuestionStats},
		{"questions/a guild's stats of a period", testGuildStats},
		{"sources/put list remove", testSources},
		{"sources/feeds and seen keys", testFeeds},
		{"sources/files stored and announced", testSourceFiles},
		{"settings/per guild, shared", testSettings},
		{"articles/round trip without re-embedding", testArticles},
		{"articles/each and delete", testEachArticle},
		{"changes/announced", testChanges},
		{"locker/one holder", testLocker},
		{"locker/one replica embeds an article", testEmbedOnce},
		{"ids/over-long guild ids refused", testBadIDs},
		{"replicas/see each other's state", testReplicas},
		{"replicas/write at once", testConcurrentReplicas},
	}
	if caps.SharedChanges {
		tests = append(tests, struct {
			name string
			fn   func(t *testing.T, e env)
		}{"replicas/changes reach the other", testSharedChanges},
			struct {
				name string
				fn   func(t *testing.T, e env)
			}{"replicas/source files reach the other", testSharedSourceFiles})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, env{open: backend(t), clock: NewClock()})
		})
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func pin(guild, msg string, at time.Time) store.Pin {
	return store.Pin{
		GuildID: guild, ChannelID: "c1", MessageID: msg, Question: "q " + msg, Answer: "a " + msg + " [1]",
		Mode: "extractive", PinnedByID: "u1", PinnedByName: "mod", PinnedAt: at,
		Citations: []store.Citation{{N: 1, Doc: "d.md", Title: "T", Published: "2022-11-05", Quote: "verbatim", Start: 3, End: 11}},
	}
}

func messages(ps []store.Pin) string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.MessageID)
	}
	return strings.Join(ids, ",")
}

func testPinsLatest(t *testing.T, e env) {
	s := e.store(t)
	t0 := e.clock.Now()
	for i, m := range []string{"m1", "m2", "m3", "m4"} {
		must(t, s.AddPin(ctx(t), pin("g1", m, t0.Add(time.Duration(i)*time.Minute))))
	}
	must(t, s.AddPin(ctx(t), pin("g2", "other", t0)))
	must(t, s.AddPin(ctx(t), pin("", "dm", t0)))
	for _, tc := range []struct {
		guild string
		n     int
		want  string
	}{
		{"g1", 10, "m4,m3,m2,m1"},
		{"g1", 2, "m4,m3"},
		{"g2", 10, "other"},
		{"", 10, "dm"}, // the empty guild is direct messages, not every guild
		{"nobody", 10, ""},
		{"g1", 0, ""},
	} {
		got, err := s.LatestPins(ctx(t), tc.guild, tc.n)
		must(t, err)
		if messages(got) != tc.want {
			t.Errorf("LatestPins(%q, %d): got %q, want %q", tc.guild, tc.n, messages(got), tc.want)
		}
	}
	got, err := s.LatestPins(ctx(t), "g1", 1)
	must(t, err)
	p := got[0]
	if p.Status != store.PinCurrent || p.Question != "q m4" || len(p.Citations) != 1 || p.Citations[0].Quote != "verbatim" || !p.PinnedAt.Equal(t0.Add(3*time.Minute)) {
		t.Errorf("got %+v, want the pin of m4 as recorded, status current", p)
	}
}

func testPinsRepin(t *testing.T, e env) {
	s := e.store(t)
	t0 := e.clock.Now()
	must(t, s.AddPin(ctx(t), pin("g1", "m1", t0)))
	must(t, s.AddPin(ctx(t), pin("g1", "m2", t0.Add(time.Minute))))
	again := pin("g1", "m1", t0.Add(2*time.Minute))
	again.PinnedByName = "second mod"
	must(t, s.AddPin(ctx(t), again))
	got, err := s.LatestPins(ctx(t), "g1", 10)
	must(t, err)
	if messages(got) != "m1,m2" || got[0].PinnedByName != "second mod" {
		t.Errorf("got %q (first pinned by %q), want m1,m2 with m1 pinned by second mod", messages(got), got[0].PinnedByName)
	}
}

func testPinChecks(t *testing.T, e env) {
	s := e.store(t)
	t0 := e.clock.Now()
	must(t, s.AddPin(ctx(t), pin("g1", "m1", t0)))
	must(t, s.AddPin(ctx(t), pin("g1", "m2", t0)))
	must(t, s.AddPin(ctx(t), pin("g2", "m3", t0)))
	checked := t0.Add(time.Hour)
	must(t, s.SetPinChecks(ctx(t), []store.PinCheck{
		{Key: store.PinKey{GuildID: "g1", ChannelID: "c1", MessageID: "m1"}, Status: store.PinChanged, CheckedAt: checked, Detail: "quote [1] is no longer in the article"},
		{Key: store.PinKey{GuildID: "g2", ChannelID: "c1", MessageID: "m3"}, Status: store.PinRemoved, CheckedAt: checked},
		{Key: store.PinKey{GuildID: "g1", ChannelID: "c1", MessageID: "gone"}, Status: store.PinRemoved, CheckedAt: checked},
	}))
	status := map[string]store.Pin{}
	must(t, s.EachPin(ctx(t), func(p store.Pin) error { status[p.MessageID] = p; return nil }))
	if len(status) != 3 {
		t.Fatalf("EachPin: got %d pins, want 3 (every guild's)", len(status))
	}
	for m, want := range map[string]store.PinStatus{"m1": store.PinChanged, "m2": store.PinCurrent, "m3": store.PinRemoved} {
		if got := status[m].Status; got != want {
			t.Errorf("pin %s: got status %q, want %q", m, got, want)
		}
	}
	if p := status["m1"]; !p.CheckedAt.Equal(checked) || p.Detail == "" || p.Answer != "a m1 [1]" {
		t.Errorf("pin m1: got %+v, want checked_at %v, the detail and the answer kept", p, checked)
	}
	latest, err := s.LatestPins(ctx(t), "g1", 10)
	must(t, err)
	if len(latest) != 2 {
		t.Fatalf("LatestPins after checks: got %q, want m1 and m2", messages(latest))
	}
	for _, p := range latest {
		if p.MessageID == "m1" && p.Status != store.PinChanged {
			t.Errorf("LatestPins: m1 status %q, want changed", p.Status)
		}
	}
	// A pin added after a check is listed first, and the check survives.
	must(t, s.AddPin(ctx(t), pin("g1", "m4", t0.Add(2*time.Hour))))
	latest, err = s.LatestPins(ctx(t), "g1", 10)
	must(t, err)
	if messages(latest)[:2] != "m4" || len(latest) != 3 {
		t.Errorf("got %q, want m4 first of three", messages(latest))
	}
}

func testPinsCount(t *testing.T, e env) {
	s := e.store(t)
	t0 := e.clock.Now()
	for i, m := range []string{"m1", "m2", "m3"} {
		must(t, s.AddPin(ctx(t), pin("g1", m, t0.Add(time.Duration(i)*24*time.Hour))))
	}
	must(t, s.AddPin(ctx(t), pin("g1", "m3", t0.Add(50*time.Hour)))) // re-pinned: still one
	must(t, s.AddPin(ctx(t), pin("g2", "x", t0.Add(50*time.Hour))))
	n, err := s.CountPins(ctx(t), "g1", t0.Add(12*time.Hour))
	must(t, err)
	if n != 2 {
		t.Errorf("CountPins: got %d, want 2 (m2, m3)", n)
	}
}

func testPinsBounded(t *testing.T, e env) {
	s := e.store(t)
	big := pin("g1", "m1", e.clock.Now())
	big.Answer = strings.Repeat("x", store.MaxAnswerBytes+1)
	if err := s.AddPin(ctx(t), big); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("oversized answer: got %v, want ErrInvalid", err)
	}
	noMsg := pin("g1", "", e.clock.Now())
	if err := s.AddPin(ctx(t), noMsg); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("no message id: got %v, want ErrInvalid", err)
	}
	many := pin("g1", "m2", e.clock.Now())
	for len(many.Citations) <= store.MaxCitations {
		many.Citations = append(many.Citations, many.Citations[0])
	}
	if err := s.AddPin(ctx(t), many); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("too many citations: got %v, want ErrInvalid", err)
	}
	got, err := s.LatestPins(ctx(t), "g1", 10)
	must(t, err)
	if len(got) != 0 {
		t.Errorf("got %d pins stored, want none of the refused", len(got))
	}
}
