package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbot/storybot/internal/fakediscord"
	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
)

// fakeSources records what /sources asked of it.
type fakeSources struct {
	mu    sync.Mutex
	added []string // guild + " " + url
	fail  error
	list  []store.Source
}

func (f *fakeSources) AddURL(_ context.Context, guildID, u string) (store.Source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return store.Source{}, f.fail
	}
	f.added = append(f.added, guildID+" "+u)
	return store.Source{GuildID: guildID, ID: "a0123456789", Kind: store.KindArticle, URL: u,
		Title: "Swing bridge reopens", Published: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Chunks: 3}, nil
}

func (f *fakeSources) AddAttachment(context.Context, string, string, string, string) (store.Source, error) {
	return store.Source{}, nil
}

func (f *fakeSources) Follow(context.Context, string, string) (store.Source, sources.Report, error) {
	return store.Source{}, sources.Report{}, nil
}

func (f *fakeSources) List(context.Context, string) ([]store.Source, error) { return f.list, nil }

func (f *fakeSources) Remove(context.Context, string, string) (store.Source, error) {
	return store.Source{}, nil
}

func (f *fakeSources) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.added)
}

func TestSourcesPermissions(t *testing.T) {
	t.Parallel()
	fs := &fakeSources{}
	h := startBot(t, func(o *Options) { o.Sources, o.SourcesRole = fs, "Editors" })
	h.fake.SetRoles(h.guild, fakediscord.Role{ID: "1600000000000000007", Name: "editors"}, fakediscord.Role{ID: "1600000000000000008", Name: "Members"})

	for _, tc := range []struct {
		name      string
		roles     []any
		perms     string
		refused   bool
		wantAdded int
	}{
		{"a member without the role or Manage Server", []any{"1600000000000000008"}, "2248473465835073", true, 0},
		{"a member with the role named in SOURCES_ROLE", []any{"1600000000000000007"}, "2248473465835073", false, 1},
		{"a member with Manage Server", []any{}, "32", false, 2},
	} {
		tok := h.dispatch("sources_add", func(m map[string]any) {
			member := m["member"].(map[string]any)
			member["roles"], member["permissions"] = tc.roles, tc.perms
		})
		var got string
		if tc.refused {
			got, _ = dataOf(t, h.callback(tok))["content"].(string)
			if !strings.Contains(got, "Manage Server") || !strings.Contains(got, "Editors") {
				t.Errorf("%s: got %q, want a refusal naming Manage Server and the role", tc.name, got)
			}
		} else if got = h.reply(tok); !strings.Contains(got, "Added") || !strings.Contains(got, "Swing bridge reopens") || !strings.Contains(got, "4 Mar 2025") {
			t.Errorf("%s: got %q, want the added article named with its date", tc.name, got)
		}
		if fs.count() != tc.wantAdded {
			t.Errorf("%s: sources added: %d, want %d", tc.name, fs.count(), tc.wantAdded)
		}
	}
	if got := fs.added[0]; got != h.guild+" https://news.example/2025/03/bridge-reopens" {
		t.Errorf("added %q, want the server's guild and the URL", got)
	}

	// A fetch problem is told to the moderator in words, nothing else.
	fs.mu.Lock()
	fs.fail = &sources.InputError{Msg: "the page https://news.example/x was not found (404); check the address"}
	fs.mu.Unlock()
	tok := h.dispatch("sources_add", func(m map[string]any) { m["member"].(map[string]any)["permissions"] = "32" })
	if got := h.reply(tok); !strings.Contains(got, "was not found (404)") || !strings.Contains(got, "Nothing already added was changed") {
		t.Errorf("fetch problem: got %q", got)
	}
}

func TestConsoleSourcesSubcommands(t *testing.T) {
	fs := &fakeSources{}
	var out strings.Builder
	opts := defaultOptions(newFakeEngine(), t.TempDir())
	opts.Sources = fs
	in := strings.NewReader("/sources add url: https://news.example/a\n/sources list\n/quit\n")
	if err := RunConsole(context.Background(), in, &out, opts); err != nil {
		t.Fatal(err)
	}
	if fs.count() != 1 || fs.added[0] != consoleGuild+" https://news.example/a" {
		t.Errorf("added %v, want the URL in the console's guild", fs.added)
	}
	for _, want := range []string{"Added", "no sources of its own"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("console output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestSourcesRemoveAutocomplete(t *testing.T) {
	t.Parallel()
	fs := &fakeSources{list: []store.Source{
		{ID: "a0000000001", Kind: store.KindArticle, Title: "Swing bridge reopens", URL: "https://news.example/bridge"},
		{ID: "f0000000002", Kind: store.KindFeed, Title: "The Harbour Gazette", URL: "https://news.example/rss.xml"},
	}}
	h := startBot(t, func(o *Options) { o.Sources = fs })
	tok := h.dispatch("who_said_autocomplete", func(m map[string]any) {
		m["data"] = map[string]any{"id": "1200000000000000009", "name": "sources", "type": 1, "options": []any{
			map[string]any{"name": "remove", "type": 1, "options": []any{map[string]any{"name": "id", "type": 3, "value": "bridge", "focused": true}}}}}
	})
	cb := h.callback(tok)
	choices, _ := dataOf(t, cb)["choices"].([]any)
	if cb["type"] != 8.0 || len(choices) != 1 || choices[0].(map[string]any)["value"] != "a0000000001" {
		t.Errorf("autocomplete: %v, want the bridge article's id only", cb)
	}
}

// A moderator who types /sources alone, or a subcommand that does not exist,
// is told which subcommands there are, not that the bot failed.
func TestConsoleSourcesWithoutSubcommand(t *testing.T) {
	fs := &fakeSources{}
	var out strings.Builder
	opts := defaultOptions(newFakeEngine(), t.TempDir())
	opts.Sources = fs
	in := strings.NewReader("/sources\n/sources fetch https://news.example/a\n/quit\n")
	if err := RunConsole(context.Background(), in, &out, opts); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "went wrong") {
		t.Errorf("console reports a failure for a missing subcommand:\n%s", out.String())
	}
	if n := strings.Count(out.String(), "/sources add"); n < 2 {
		t.Errorf("console names /sources add %d times, want once per bad line:\n%s", n, out.String())
	}
	if fs.count() != 0 {
		t.Errorf("added %v, want nothing", fs.added)
	}
}
