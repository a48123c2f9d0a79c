package sources_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus/web"
	"github.com/newsbot/storybot/internal/iobound"
	"github.com/newsbot/storybot/internal/metrics"
	"github.com/newsbot/storybot/internal/newssite"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

var (
	bridge     = newssite.Bridge
	lighthouse = newssite.Lighthouse
)

// TestMain runs the tests many at once: they wait on fsync and on the fake
// news site as much as on the CPU.
func TestMain(m *testing.M) { iobound.Main(m, nil) }

type fixture struct {
	site   *newssite.Site
	engine *rag.Engine
	st     *file.Store
	m      *sources.Manager
	now    time.Time
	meters *metrics.Metrics
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{site: newssite.New(t), now: time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC), meters: metrics.New()}
	data := t.TempDir()
	e, _, err := rag.Open(ctx, rag.Options{DataDir: data, SourcesDir: filepath.Join(data, "added")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.engine = e
	f.st, err = file.Open(data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.st.Close() })
	f.m, err = sources.New(sources.Options{
		Web:    web.New(web.Options{AllowPrivate: true}),
		Store:  f.st,
		Folder: e.SourcesFolder,
		Index: func(ctx context.Context) error {
			_, err := e.SyncAll(ctx)
			return err
		},
		Interval: 15 * time.Minute,
		Now:      func() time.Time { return f.now },
		Metrics:  f.meters,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) ask(t *testing.T, guild, q string) rag.Answer {
	t.Helper()
	a, err := f.engine.Ask(rag.WithGuild(context.Background(), guild), q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// cites reports whether a cites the article at url with a quote containing
// want.
func cites(a rag.Answer, url, want string) bool {
	for _, c := range a.Citations {
		if c.URL == url && strings.Contains(c.Quote, want) {
			return true
		}
	}
	return false
}

func TestAddURLIsAnsweredWithItsURL(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	u := f.site.Put(bridge)
	s, err := f.m.AddURL(ctx, "", u)
	if err != nil {
		t.Fatalf("AddURL: %v", err)
	}
	if s.Title != bridge.Title || s.URL != u || s.Published.Format("2006-01-02") != "2025-03-04" || s.Chunks == 0 || s.Kind != store.KindArticle {
		t.Errorf("source: got %+v, want title, URL, date 2025-03-04 and chunks of the page", s)
	}
	a := f.ask(t, "", "How much did the swing bridge repairs cost?")
	if !cites(a, u, "2.1 million pounds") {
		t.Fatalf("answer %q cites %+v, want the bridge page with its URL", a.Text, a.Citations)
	}
	for _, d := range f.engine.Documents() {
		if strings.HasPrefix(d.ID, "sources/") && (strings.Contains(d.Text, "cookies") || strings.Contains(d.Text, "newsletter") || strings.Contains(d.Text, "Related stories")) {
			t.Errorf("the stored article keeps page chrome: %q", d.Text)
		}
	}
	list, err := f.m.List(ctx, "")
	if err != nil || len(list) != 1 || list[0].ID != s.ID {
		t.Errorf("List: %v, %v; want the one source", list, err)
	}
}

func TestBadURLsAreReportedAndLoseNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	u := f.site.Put(bridge)
	if _, err := f.m.AddURL(ctx, "", u); err != nil {
		t.Fatal(err)
	}
	before := len(f.engine.Documents())
	for name, u := range map[string]string{
		"404":       f.site.URL + "/no/such/page",
		"not http":  "ftp://example.com/x",
		"feed page": f.site.FeedURL(),
	} {
		_, err := f.m.AddURL(ctx, "", u)
		var ie *sources.InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: AddURL error %v, want an InputError for the moderator", name, err)
		}
	}
	if _, _, err := f.m.Follow(ctx, "", u); err == nil {
		t.Error("Follow of an article page: no error, want one")
	}
	if got := len(f.engine.Documents()); got != before {
		t.Errorf("documents after bad input: %d, want %d", got, before)
	}
	if list, _ := f.m.List(ctx, ""); len(list) != 1 {
		t.Errorf("sources after bad input: %d, want 1", len(list))
	}
}

func TestFollowedFeedGrows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	f.site.Publish(bridge)
	feed, rep, err := f.m.Follow(ctx, "g1", f.site.FeedURL())
	if err != nil {
		t.Fatalf("Follow: %v", err)
	}
	if feed.Kind != store.KindFeed || len(rep.Added) != 1 {
		t.Fatalf("Follow: %+v, report %+v; want a feed that added one article", feed, rep)
	}
	u := f.site.Publish(lighthouse)

	// Not due yet: nothing polled.
	if rep, err := f.m.Sync(ctx, "", false); err != nil || rep.Polled != 0 {
		t.Fatalf("Sync before the interval: %+v, %v; want nothing polled", rep, err)
	}
	f.now = f.now.Add(16 * time.Minute)
	rep, err = f.m.Sync(ctx, "", false)
	if err != nil || rep.Polled != 1 || len(rep.Added) != 1 {
		t.Fatalf("Sync when due: %+v, %v; want one poll adding one article", rep, err)
	}
	if a := f.ask(t, "g1", "Who is the new lighthouse keeper?"); !cites(a, u, "") {
		t.Errorf("guild g1: %q cites %+v, want the new feed item", a.Text, a.Citations)
	}
	if a := f.ask(t, "g2", "Who is the new lighthouse keeper?"); cites(a, u, "") {
		t.Error("guild g2 is answered from g1's feed")
	}

	// Removing the feed removes its articles.
	if _, err := f.m.Remove(ctx, "g1", feed.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.m.List(ctx, "g1"); len(list) != 0 {
		t.Errorf("after removing the feed: %d sources left, want 0", len(list))
	}
	if a := f.ask(t, "g1", "Who is the new lighthouse keeper?"); cites(a, u, "") {
		t.Error("a removed feed's article still answers")
	}
}

func TestSyncNoticesCorrectedPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	u := f.site.Put(bridge)
	if _, err := f.m.AddURL(ctx, "", u); err != nil {
		t.Fatal(err)
	}
	rep, err := f.m.Sync(ctx, "", true)
	if err != nil || rep.Fetched != 1 || rep.Changed() {
		t.Fatalf("Sync of an unchanged page: %+v, %v; want one conditional fetch, nothing changed", rep, err)
	}
	corrected := bridge
	corrected.Paras = slices.Clone(bridge.Paras)
	corrected.Paras[1] = "The county engineer, Priya Lomax, said the repairs cost 2.4 million pounds, more than budgeted."
	f.site.Put(corrected)
	rep, err = f.m.Sync(ctx, "", true)
	if err != nil || !rep.Changed() {
		t.Fatalf("Sync of a corrected page: %+v, %v; want it changed", rep, err)
	}
	a := f.ask(t, "", "How much did the swing bridge repairs cost?")
	if !cites(a, u, "2.4 million pounds") {
		t.Errorf("after the correction: %q cites %+v, want the corrected text", a.Text, a.Citations)
	}
	if f.engine.InCorpus(a.Citations[0].Doc, "2.1 million pounds") {
		t.Error("the old figure is still in the corpus")
	}

	// A page taken down is reported and the article stays indexed.
	f.site.Remove(bridge.Path)
	rep, err = f.m.Sync(ctx, "", true)
	if err != nil || len(rep.Errors) != 1 {
		t.Fatalf("Sync of a removed page: %+v, %v; want one error reported", rep, err)
	}
	if a := f.ask(t, "", "How much did the swing bridge repairs cost?"); !cites(a, u, "2.4 million") {
		t.Error("a failed re-fetch lost the indexed article")
	}
}

func TestAddFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	md := "---\ntitle: Orchard festival moves to September\npublished: 2025-02-01\n---\nThe Penhallow orchard festival will move to the second weekend of September, the organisers said.\n"
	s, err := f.m.AddFile(ctx, "g1", "orchard.md", []byte(md), "")
	if err != nil {
		t.Fatalf("AddFile .md: %v", err)
	}
	if s.Title != "Orchard festival moves to September" {
		t.Errorf("title %q", s.Title)
	}
	a := f.ask(t, "g1", "When is the orchard festival?")
	found := false
	for _, c := range a.Citations {
		found = found || strings.Contains(c.Quote, "second weekend of September")
	}
	if !found {
		t.Errorf("answer %q cites %+v, want the attached file", a.Text, a.Citations)
	}
	for name, data := range map[string]string{
		"report.pdf": "%PDF-1.4",
		"empty.html": "<html><body><nav>Home</nav></body></html>",
		"bin.txt":    "\x00\x01\x02binary",
	} {
		var ie *sources.InputError
		if _, err := f.m.AddFile(ctx, "g1", name, []byte(data), ""); !errors.As(err, &ie) {
			t.Errorf("AddFile %s: %v, want an InputError", name, err)
		}
	}
	if entries, _ := os.ReadDir(f.engine.SourcesFolder("g1")); len(entries) != 1 {
		t.Errorf("files in g1's folder: %d, want 1", len(entries))
	}
}

func TestRecheckPinsAfterCorrection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	u := f.site.Put(bridge)
	if _, err := f.m.AddURL(ctx, "g1", u); err != nil {
		t.Fatal(err)
	}
	a := f.ask(t, "g1", "How much did the swing bridge repairs cost?")
	if !cites(a, u, "2.1 million") {
		t.Fatalf("answer cites %+v", a.Citations)
	}
	var cs []store.Citation
	for _, c := range a.Citations {
		cs = append(cs, store.Citation(c))
	}
	pin := store.Pin{Question: a.Question, Answer: a.Text, Citations: cs, GuildID: "g1", ChannelID: "c1", MessageID: "m1", PinnedAt: f.now}
	if err := f.st.AddPin(ctx, pin); err != nil {
		t.Fatal(err)
	}
	if changed, err := sources.RecheckPins(ctx, f.st, f.engine.Verify, f.now); err != nil || len(changed) != 0 {
		t.Fatalf("recheck with nothing changed: %v, %v; want none", changed, err)
	}

	corrected := bridge
	corrected.Paras = slices.Clone(bridge.Paras)
	corrected.Paras[1] = "The county engineer, Priya Lomax, said the repairs cost 2.4 million pounds, more than budgeted."
	f.site.Put(corrected)
	f.now = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	if _, err := f.m.Sync(ctx, "g1", true); err != nil {
		t.Fatal(err)
	}
	changed, err := sources.RecheckPins(ctx, f.st, f.engine.Verify, f.now)
	if err != nil || len(changed) != 1 {
		t.Fatalf("recheck after the correction: %v, %v; want the pin", changed, err)
	}
	if p := changed[0]; p.Status != store.PinChanged || !strings.HasPrefix(p.Detail, "Source updated 14 Mar: quote [") || !strings.HasSuffix(p.Detail, "is no longer in the article") {
		t.Errorf("changed pin: status %q detail %q", p.Status, p.Detail)
	}
	pins, _ := f.st.LatestPins(ctx, "g1", 5)
	if len(pins) != 1 || pins[0].Status != store.PinChanged {
		t.Errorf("stored pin: %+v, want status changed", pins)
	}
	// Checked again, nothing new: no second edit.
	if changed, _ := sources.RecheckPins(ctx, f.st, f.engine.Verify, f.now.Add(time.Hour)); len(changed) != 0 {
		t.Errorf("second recheck: %d changed, want 0", len(changed))
	}

	list, _ := f.m.List(ctx, "g1")
	if _, err := f.m.Remove(ctx, "g1", list[0].ID); err != nil {
		t.Fatal(err)
	}
	changed, err = sources.RecheckPins(ctx, f.st, f.engine.Verify, f.now)
	if err != nil || len(changed) != 1 || changed[0].Status != store.PinRemoved {
		t.Fatalf("recheck after removal: %+v, %v; want the pin removed", changed, err)
	}
}

func TestFailedFeedItemIsFetchedAgainLater(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	f.site.Publish(bridge)
	f.site.Publish(lighthouse)
	f.site.Remove(lighthouse.Path) // listed in the feed, page not up yet
	_, rep, err := f.m.Follow(ctx, "g1", f.site.FeedURL())
	if err != nil || len(rep.Added) != 1 || len(rep.Errors) != 1 {
		t.Fatalf("Follow: %+v, %v; want one article added and one failure reported", rep, err)
	}
	list, _ := f.m.List(ctx, "g1")
	failed := 0
	for _, s := range list {
		if s.Error != "" && s.Kind == store.KindArticle {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("list: %+v, want the failed item listed with its error", list)
	}
	u := f.site.Put(lighthouse)
	f.now = f.now.Add(time.Hour)
	rep, err = f.m.Sync(ctx, "", false)
	if err != nil || len(rep.Added) != 1 {
		t.Fatalf("Sync after the backoff: %+v, %v; want the item fetched", rep, err)
	}
	if a := f.ask(t, "g1", "Who is the new lighthouse keeper?"); !cites(a, u, "") {
		t.Errorf("the item fetched late is not answered from: %+v", a.Citations)
	}
}

func TestAddAttachment(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/binary.md" {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write([]byte{0, 1, 2})
			return
		}
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		io.WriteString(w, "---\ntitle: Quay bins\n---\nNew bins will be placed along the quay from Monday, the council said.\n")
	}))
	t.Cleanup(srv.Close)
	s, err := f.m.AddAttachment(ctx, "g1", "bins.md", srv.URL+"/bins.md", "")
	if err != nil || s.Title != "Quay bins" {
		t.Fatalf("AddAttachment: %+v, %v", s, err)
	}
	var ie *sources.InputError
	if _, err := f.m.AddAttachment(ctx, "g1", "binary.md", srv.URL+"/binary.md", ""); !errors.As(err, &ie) {
		t.Errorf("a binary attachment: %v, want an InputError", err)
	}
	if _, err := f.m.AddAttachment(ctx, "g1", "slides.pptx", srv.URL+"/bins.md", ""); !errors.As(err, &ie) {
		t.Errorf("an attachment of the wrong kind: %v, want an InputError", err)
	}
}

func TestAddHTMLFileIsExtracted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	resp, err := http.Get(f.site.Put(bridge))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	s, err := f.m.AddFile(ctx, "", "saved-page.html", page, "")
	if err != nil {
		t.Fatalf("AddFile .html: %v", err)
	}
	if s.Title != bridge.Title || s.Published.Format("2006-01-02") != "2025-03-04" || s.URL == "" {
		t.Errorf("source: %+v, want the page's title, date and canonical URL", s)
	}
	for _, d := range f.engine.Documents() {
		if d.ID == "sources/"+s.ID+".html" {
			for _, chrome := range []string{"Accept all cookies", "Subscribe", "Related stories", "All rights reserved", "Weather"} {
				if strings.Contains(d.Text, chrome) {
					t.Errorf("the saved page keeps %q", chrome)
				}
			}
			return
		}
	}
	t.Errorf("the saved page is not indexed")
}

func TestOldArticlesAreFetchedDaily(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	u := f.site.Put(bridge)
	if _, err := f.m.AddURL(ctx, "", u); err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(20 * time.Minute)
	if rep, _ := f.m.Sync(ctx, "", false); rep.Fetched != 1 {
		t.Errorf("a fresh article after the interval: %d fetches, want 1", rep.Fetched)
	}
	f.now = f.now.Add(3 * 24 * time.Hour)
	if rep, _ := f.m.Sync(ctx, "", false); rep.Fetched != 1 {
		t.Errorf("an old article a day later: %d fetches, want 1", rep.Fetched)
	}
	f.now = f.now.Add(20 * time.Minute)
	if rep, _ := f.m.Sync(ctx, "", false); rep.Fetched != 0 {
		t.Errorf("an old article after only the interval: %d fetches, want 0", rep.Fetched)
	}
	if rep, _ := f.m.Sync(ctx, "", true); rep.Fetched != 1 {
		t.Errorf("bot sources sync: %d fetches, want 1 (it re-fetches everything)", rep.Fetched)
	}
}

func TestFeedPollsAreCounted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	f.site.Publish(bridge)
	if _, _, err := f.m.Follow(ctx, "g1", f.site.FeedURL()); err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(16 * time.Minute)
	if _, err := f.m.Sync(ctx, "", false); err != nil { // nothing new
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	f.meters.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{`storybot_feed_polls_total{result="new"} 1`, `storybot_feed_polls_total{result="unchanged"} 1`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
