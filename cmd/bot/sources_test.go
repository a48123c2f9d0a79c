package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsbot/storybot/internal/newssite"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

func TestSourcesCommandLine(t *testing.T) {
	t.Parallel()
	site := newssite.New(t)
	u := site.Put(newssite.Bridge)
	data := t.TempDir()
	env := map[string]string{"FETCH_ALLOW_PRIVATE": "true"}

	out, errOut, code := runWith(t, env, "--data-dir", data, "sources", "add", "--json", u)
	if code != 0 {
		t.Fatalf("sources add: exit %d: %s", code, errOut)
	}
	var added struct {
		Sources []struct {
			ID, Kind, URL, Title, Published, Added, Error string
			Chunks                                        int
		}
	}
	if err := json.Unmarshal([]byte(out), &added); err != nil {
		t.Fatalf("sources add --json: %v\n%s", err, out)
	}
	if len(added.Sources) != 1 || added.Sources[0].URL != u || added.Sources[0].Kind != "article" ||
		added.Sources[0].Published != "2025-03-04" || added.Sources[0].Chunks == 0 || added.Sources[0].Title != newssite.Bridge.Title {
		t.Fatalf("sources add --json: got %+v", added)
	}

	out, errOut, code = runWith(t, nil, "--data-dir", data, "ask", "--json", "How much did the swing bridge repairs cost?")
	if code != 0 || !strings.Contains(out, `"url": "`+u+`"`) || !strings.Contains(out, "2.1 million pounds") {
		t.Fatalf("ask after add: exit %d, %s\n%s", code, out, errOut)
	}

	// A bad URL exits non-zero with a message, and loses nothing.
	_, errOut, code = runWith(t, env, "--data-dir", data, "sources", "add", site.URL+"/missing")
	if code == 0 || !strings.Contains(errOut, "not found") {
		t.Errorf("sources add of a 404: exit %d, %q; want non-zero and a clear message", code, errOut)
	}
	// A guild's source is not in the shared corpus.
	md := filepath.Join(t.TempDir(), "statement.md")
	os.WriteFile(md, []byte("---\ntitle: Harbour statement\n---\nThe harbour office will close on Fridays from June, a spokesman said.\n"), 0o644)
	if _, errOut, code = runWith(t, nil, "--data-dir", data, "sources", "add", "--guild", "77", md); code != 0 {
		t.Fatalf("sources add --guild FILE: exit %d: %s", code, errOut)
	}
	out, _, _ = runWith(t, nil, "--data-dir", data, "sources", "list", "--json")
	if strings.Contains(out, "Harbour statement") || !strings.Contains(out, newssite.Bridge.Title) {
		t.Errorf("shared list shows the guild's source or lacks the shared one:\n%s", out)
	}
	out, _, _ = runWith(t, nil, "--data-dir", data, "sources", "list", "--guild", "77")
	if !strings.Contains(out, "Harbour statement") {
		t.Errorf("guild list lacks its source:\n%s", out)
	}

	out, errOut, code = runWith(t, nil, "--data-dir", data, "sources", "remove", added.Sources[0].ID)
	if code != 0 {
		t.Fatalf("sources remove: exit %d: %s", code, errOut)
	}
	out, _, _ = runWith(t, nil, "--data-dir", data, "ask", "--json", "How much did the swing bridge repairs cost?")
	if strings.Contains(out, u) {
		t.Errorf("a removed source is still cited:\n%s", out)
	}
	if _, _, code = runWith(t, nil, "--data-dir", data, "sources", "remove", "nosuch"); code == 0 {
		t.Error("remove of an unknown id: exit 0, want non-zero")
	}
}

func TestSourcesFollowAndSync(t *testing.T) {
	t.Parallel()
	site := newssite.New(t)
	site.Publish(newssite.Bridge)
	data := t.TempDir()
	env := map[string]string{"FETCH_ALLOW_PRIVATE": "true"}
	out, errOut, code := runWith(t, env, "--data-dir", data, "sources", "follow", site.FeedURL())
	if code != 0 || !strings.Contains(out, "1 new articles") {
		t.Fatalf("follow: exit %d, %q, %s", code, out, errOut)
	}
	u := site.Publish(newssite.Lighthouse)
	out, errOut, code = runWith(t, env, "--data-dir", data, "sources", "sync")
	if code != 0 || !strings.Contains(out, "1 new or changed") {
		t.Fatalf("sync: exit %d, %q, %s", code, out, errOut)
	}
	out, _, _ = runWith(t, nil, "--data-dir", data, "ask", "--json", "Who will live in the lighthouse keeper's cottage?")
	if !strings.Contains(out, u) {
		t.Errorf("the new feed item is not cited:\n%s", out)
	}
	if _, errOut, code = runWith(t, nil, "--data-dir", data, "sources", "follow", site.URL+"/nofeed"); code == 0 {
		t.Errorf("follow of a 404: exit 0 (%s), want non-zero", errOut)
	}
}

func TestPinsShowsWhetherQuotesStand(t *testing.T) {
	t.Parallel()
	site := newssite.New(t)
	u := site.Put(newssite.Bridge)
	data := t.TempDir()
	env := map[string]string{"FETCH_ALLOW_PRIVATE": "true"}
	if _, errOut, code := runWith(t, env, "--data-dir", data, "sources", "add", u); code != 0 {
		t.Fatalf("sources add: %s", errOut)
	}
	out, _, _ := runWith(t, nil, "--data-dir", data, "ask", "--json", "How much did the swing bridge repairs cost?")
	var ans struct {
		Question  string
		Citations []store.Citation
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil || len(ans.Citations) == 0 {
		t.Fatalf("ask: %v\n%s", err, out)
	}
	st, err := file.Open(data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = st.AddPin(context.Background(), store.Pin{Question: ans.Question, Citations: ans.Citations, GuildID: "77", ChannelID: "1", MessageID: "2", PinnedByName: "mod"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	pinsJSON := func() []map[string]any {
		out, errOut, code := runWith(t, nil, "--data-dir", data, "pins", "--json")
		var v struct{ Pins []map[string]any }
		if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
			t.Fatalf("pins --json: exit %d %s %s", code, out, errOut)
		}
		return v.Pins
	}
	if p := pinsJSON(); len(p) != 1 || p[0]["status"] != "current" || p[0]["guild"] != "77" {
		t.Fatalf("pins before the correction: %v", p)
	}
	corrected := newssite.Bridge
	corrected.Paras = slices.Clone(corrected.Paras)
	for i, p := range corrected.Paras {
		corrected.Paras[i] = strings.ReplaceAll(p, "2.1 million", "2.6 million")
	}
	site.Put(corrected)
	if _, errOut, code := runWith(t, env, "--data-dir", data, "sources", "sync"); code != 0 {
		t.Fatalf("sources sync: %s", errOut)
	}
	if p := pinsJSON(); len(p) != 1 || p[0]["status"] != "changed" || !strings.Contains(p[0]["detail"].(string), "no longer in the article") {
		t.Errorf("pins after the correction: %v, want changed", p)
	}
}

func TestAskWithGuildReadsItsOwnSources(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	md := filepath.Join(t.TempDir(), "statement.md")
	os.WriteFile(md, []byte("---\ntitle: Harbour statement\n---\nThe harbour office will close on Fridays from June, a spokesman said.\n"), 0o644)
	if _, errOut, code := runWith(t, nil, "--data-dir", data, "sources", "add", "--guild", "77", md); code != 0 {
		t.Fatalf("sources add --guild: %s", errOut)
	}
	const q = "When will the harbour office close?"
	if out, _, _ := runWith(t, nil, "--data-dir", data, "--guild", "77", "ask", q); !strings.Contains(out, "close on Fridays") {
		t.Errorf("ask --guild 77: %s, want the guild's source", out)
	}
	if out, _, _ := runWith(t, nil, "--data-dir", data, "ask", q); strings.Contains(out, "close on Fridays") {
		t.Errorf("ask on the shared corpus: %s, want no guild source", out)
	}
	if _, errOut, code := runWith(t, nil, "--data-dir", data, "pins", "--guild", "77"); code != 0 {
		t.Errorf("pins --guild: exit %d: %s", code, errOut)
	}
}

// TestSourcesFollowSyncRemoveJSON checks that follow, sync and remove print
// DESIGN's sources JSON too: the feed and what it brought, what a sync
// added, what was removed.
func TestSourcesFollowSyncRemoveJSON(t *testing.T) {
	t.Parallel()
	site := newssite.New(t)
	bridge := site.Publish(newssite.Bridge)
	data := t.TempDir()
	env := map[string]string{"FETCH_ALLOW_PRIVATE": "true"}
	type sourcesJSON struct {
		Sources []struct{ ID, Kind, URL, Title, Error string }
	}
	runJSON := func(args ...string) sourcesJSON {
		t.Helper()
		out, errOut, code := runWith(t, env, append([]string{"--data-dir", data, "sources"}, args...)...)
		if code != 0 {
			t.Fatalf("sources %v: exit %d: %s", args, code, errOut)
		}
		var got sourcesJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("sources %v: %v\n%s", args, err, out)
		}
		return got
	}
	got := runJSON("follow", "--json", site.FeedURL())
	if len(got.Sources) != 2 || got.Sources[0].Kind != "feed" || got.Sources[0].URL != site.FeedURL() ||
		got.Sources[1].Kind != "article" || got.Sources[1].URL != bridge {
		t.Fatalf("follow --json: got %+v, want the feed then its article", got)
	}
	feed := got.Sources[0].ID
	lighthouse := site.Publish(newssite.Lighthouse)
	got = runJSON("sync", "--json")
	if len(got.Sources) != 1 || got.Sources[0].URL != lighthouse {
		t.Fatalf("sync --json: got %+v, want the new article", got)
	}
	got = runJSON("remove", "--json", feed)
	if len(got.Sources) != 1 || got.Sources[0].ID != feed {
		t.Fatalf("remove --json: got %+v, want the removed feed", got)
	}
}
