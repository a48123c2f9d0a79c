package sources_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus/web"
	"github.com/newsbot/storybot/internal/newssite"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/postgres"
	"github.com/newsbot/storybot/store/postgres/pgtest"
)

// replica is one bot process on a shared database: its own DATA_DIR, its
// own engine and sources manager.
type replica struct {
	engine *rag.Engine
	st     *postgres.Store
	m      *sources.Manager
	ahead  atomic.Int64 // how far the replica's clock is ahead of now
}

func openSourcesReplica(t *testing.T, dsn string) *replica {
	t.Helper()
	ctx := context.Background()
	st, err := postgres.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	data := t.TempDir()
	e, _, err := rag.Open(ctx, rag.Options{DataDir: data, SourcesDir: filepath.Join(data, "added"), Store: st}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{engine: e, st: st}
	r.m, err = sources.New(sources.Options{
		Web:    web.New(web.Options{AllowPrivate: true}),
		Store:  st,
		Folder: e.SourcesFolder,
		Index: func(ctx context.Context) error {
			_, err := e.SyncAll(ctx)
			return err
		},
		Guilds:   e.Guilds,
		Interval: 15 * time.Minute,
		Now:      func() time.Time { return time.Now().Add(time.Duration(r.ahead.Load())) },
		Files:    st,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.m.FollowStore(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("FollowStore: %v", err)
		}
	})
	return r
}

// within reports whether cond holds within a few seconds.
func within(cond func() bool) bool {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

func (r *replica) cites(t *testing.T, guild, q, url string) bool {
	t.Helper()
	a, err := r.engine.Ask(rag.WithGuild(context.Background(), guild), q)
	if err != nil {
		t.Fatal(err)
	}
	return cites(a, url, "")
}

// TestGuildSourceReachesEveryReplica: a server's article added through one
// replica is listed and answered by another on the same database (which
// does not fetch it), and leaves both when removed; so do a followed
// feed's articles.
func TestGuildSourceReachesEveryReplica(t *testing.T) {
	dsn := pgtest.Schema(t)
	ctx := context.Background()
	site := newssite.New(t)
	a, b := openSourcesReplica(t, dsn), openSourcesReplica(t, dsn)
	const q = "How much did the swing bridge repairs cost?"
	u := site.Put(bridge)
	s, err := a.m.AddURL(ctx, "111", u)
	if err != nil {
		t.Fatalf("AddURL on A: %v", err)
	}
	if !a.cites(t, "111", q, u) {
		t.Fatal("A does not answer from the article it added")
	}
	if list, err := b.m.List(ctx, "111"); err != nil || len(list) != 1 || list[0].ID != s.ID {
		t.Errorf("B lists %+v, %v; want the source A added", list, err)
	}
	added := time.Now()
	if !within(func() bool { return b.cites(t, "111", q, u) }) {
		t.Fatal("B does not answer guild 111 from the article A added")
	}
	t.Logf("B answered from A's article %v after A added it", time.Since(added).Round(time.Millisecond))
	if b.cites(t, "222", q, u) || b.cites(t, "", q, u) {
		t.Error("B answers another guild from guild 111's article")
	}
	if n := site.Hits(bridge.Path); n != 1 {
		t.Errorf("the page was fetched %d times, want once (by A alone)", n)
	}
	if _, err := a.m.Remove(ctx, "111", s.ID); err != nil {
		t.Fatalf("Remove on A: %v", err)
	}
	if !within(func() bool { return !b.cites(t, "111", q, u) }) {
		t.Error("B still answers from the article A removed")
	}
	if a.cites(t, "111", q, u) {
		t.Error("A still answers from the article it removed")
	}

	// A feed followed through B: its article reaches A, and leaves with
	// the feed.
	const kq = "Who is the new lighthouse keeper?"
	ku := site.Publish(lighthouse)
	feed, rep, err := b.m.Follow(ctx, "222", site.FeedURL())
	if err != nil || len(rep.Added) != 1 {
		t.Fatalf("Follow on B: %+v, %v; want one article added", rep, err)
	}
	if !within(func() bool { return a.cites(t, "222", kq, ku) }) {
		t.Fatal("A does not answer guild 222 from the feed B follows")
	}
	if _, err := b.m.Remove(ctx, "222", feed.ID); err != nil {
		t.Fatalf("Remove the feed on B: %v", err)
	}
	if !within(func() bool { return !a.cites(t, "222", kq, ku) }) {
		t.Error("A still answers from the feed B removed")
	}
}

// TestMirrorAtStart: a replica started after an article was added, and
// one holding the file of an article removed while it was down, are
// brought in line with the store by Mirror.
func TestMirrorAtStart(t *testing.T) {
	dsn := pgtest.Schema(t)
	ctx := context.Background()
	site := newssite.New(t)
	a := openSourcesReplica(t, dsn)
	u := site.Put(bridge)
	s, err := a.m.AddURL(ctx, "111", u)
	if err != nil {
		t.Fatal(err)
	}
	b := openSourcesReplica(t, dsn)
	const q = "How much did the swing bridge repairs cost?"
	if !within(func() bool { return b.cites(t, "111", q, u) }) {
		t.Fatal("a replica started later does not answer from the article")
	}
	// A file left in a folder for a source the store no longer has goes.
	stale := filepath.Join(b.engine.SourcesFolder("111"), "a0000000000.html")
	if err := os.WriteFile(stale, []byte("<html><body><p>Left over.</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := b.m.Mirror(ctx)
	if err != nil || !changed {
		t.Fatalf("Mirror with a stale file: changed %v, %v; want it removed", changed, err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale file: %v, want it removed", err)
	}
	if _, err := os.Stat(filepath.Join(b.engine.SourcesFolder("111"), s.ID+".html")); err != nil {
		t.Errorf("the source's own file: %v, want it kept", err)
	}
	// A file of a source kept before the store held files is shared.
	old := store.SourceKey{GuildID: "111", ID: "a1111111111"}
	if err := b.st.PutSource(ctx, store.Source{GuildID: old.GuildID, ID: old.ID, Kind: store.KindArticle}); err != nil {
		t.Fatal(err)
	}
	page := []byte("<html><body><p>Kept before.</p></body></html>")
	if err := os.WriteFile(filepath.Join(b.engine.SourcesFolder("111"), old.ID+".html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.m.Mirror(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := a.st.SourceFile(ctx, old); err != nil || string(got) != string(page) {
		t.Errorf("file kept before the store held files: store has %q, %v; want it shared", got, err)
	}
	if changed, err := b.m.Mirror(ctx); err != nil || changed {
		t.Errorf("Mirror again: changed %v, %v; want nothing to do", changed, err)
	}
}

// TestSharedSourceReachesEveryReplica: an article of the shared corpus
// added through one replica is answered by another following the store
// (its index and its folders both), embedded once, and leaves both when
// removed.
func TestSharedSourceReachesEveryReplica(t *testing.T) {
	dsn := pgtest.Schema(t)
	ctx := context.Background()
	site := newssite.New(t)
	a, b := openSourcesReplica(t, dsn), openSourcesReplica(t, dsn)
	for _, r := range []*replica{a, b} {
		fctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- r.engine.FollowStore(fctx) }()
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("engine FollowStore: %v", err)
			}
		})
	}
	const q = "Who is the new lighthouse keeper?"
	u := site.Put(lighthouse)
	s, err := a.m.AddURL(ctx, "", u)
	if err != nil {
		t.Fatal(err)
	}
	if !within(func() bool { return b.cites(t, "", q, u) && b.cites(t, "333", q, u) }) {
		t.Fatal("B does not answer from the shared article A added")
	}
	doc := "sources/" + s.ID + ".html"
	if hashes, err := a.st.ArticleHashes(ctx, ""); err != nil || hashes[doc] == "" {
		t.Errorf("the store's shared articles: %v, %v; want %s", hashes, err, doc)
	}
	if _, err := a.m.Remove(ctx, "", s.ID); err != nil {
		t.Fatal(err)
	}
	if !within(func() bool { return !b.cites(t, "", q, u) }) {
		t.Error("B still answers from the shared article A removed")
	}
	// Nothing brings it back into the store.
	time.Sleep(500 * time.Millisecond)
	if hashes, err := a.st.ArticleHashes(ctx, ""); err != nil || hashes[doc] != "" {
		t.Errorf("the store's shared articles after the removal: %v, %v; want the article gone", hashes, err)
	}
}

// TestOneReplicaRefetches: an article due to be fetched again is fetched
// by one replica at a time (lock "fetch:<guild>/<id>").
func TestOneReplicaRefetches(t *testing.T) {
	dsn := pgtest.Schema(t)
	ctx := context.Background()
	site := newssite.New(t)
	a, b := openSourcesReplica(t, dsn), openSourcesReplica(t, dsn)
	u := site.Put(bridge)
	s, err := a.m.AddURL(ctx, "111", u)
	if err != nil {
		t.Fatal(err)
	}
	if !within(func() bool { return b.cites(t, "111", "How much did the swing bridge repairs cost?", u) }) {
		t.Fatal("B does not answer from the article A added")
	}
	b.ahead.Store(int64(16 * time.Minute)) // past the interval: due
	unlock, ok, err := a.st.TryLock(ctx, "fetch:111/"+s.ID)
	if err != nil || !ok {
		t.Fatalf("TryLock: %v, %v", ok, err)
	}
	rep, err := b.m.Sync(ctx, "", false)
	if err != nil || rep.Fetched != 0 || site.Hits(bridge.Path) != 1 {
		t.Errorf("B's sync while A fetches: %+v, %v, %d requests; want nothing fetched again", rep, err, site.Hits(bridge.Path))
	}
	unlock()
	rep, err = b.m.Sync(ctx, "", false)
	if err != nil || rep.Fetched != 1 || site.Hits(bridge.Path) != 2 {
		t.Errorf("B's sync once free: %+v, %v, %d requests; want the article fetched again", rep, err, site.Hits(bridge.Path))
	}
}
