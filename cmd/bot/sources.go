package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/newsbot/storybot/bot"
	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/corpus/web"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
	"github.com/spf13/cobra"
)

// sourcesDir is where added articles are kept under DATA_DIR, a folder per
// guild (rag.Options.SourcesDir).
const sourcesDir = "added"

// living is the running corpus: the engine, the state store and the sources
// manager, wired so that every change re-indexes and re-checks the pins.
type living struct {
	engine  *rag.Engine
	store   store.Store
	sources *sources.Manager
	// onPins is told of pins whose status changed (the bot edits their
	// messages); nil at the command line.
	onPins   func(ctx context.Context, pins []store.Pin)
	log      func(msg string, args ...any) // warnings
	info     func(msg string, args ...any)
	now      func() time.Time
	ownStore bool // Close closes store
}

// openLiving opens the state store and the sources manager over e, for a
// command-line run; Close closes the store.
func (m *Main) openLiving(ctx context.Context, e *rag.Engine) (*living, error) {
	st, err := m.openState(ctx)
	if err != nil {
		return nil, fmt.Errorf("open the state store: %w", err)
	}
	l, err := m.newLiving(e, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	l.ownStore = true
	return l, nil
}

// newLiving builds the sources manager over e and the store st (which the
// caller keeps and closes).
func (m *Main) newLiving(e *rag.Engine, st store.Store) (*living, error) {
	cfg := m.Config
	lg := m.Logger.With("component", "live")
	l := &living{engine: e, store: st, log: lg.Warn, info: lg.Info, now: time.Now}
	var files sources.Files
	if m.shared != nil {
		// Replicas: each article file is kept in the database too, and
		// every replica writes its folders from there (FollowStore).
		files = m.shared
	}
	var err error
	l.sources, err = sources.New(sources.Options{
		Web: web.New(web.Options{
			AllowPrivate: cfg.FetchAllowPrivate, Timeout: cfg.FetchTimeout,
			MaxBytes: cfg.FetchMaxBytes, FeedInterval: cfg.FeedInterval,
		}),
		Store:    st,
		Metrics:  m.metrics(),
		Folder:   e.SourcesFolder,
		Index:    l.changed,
		Guilds:   e.Guilds,
		Interval: cfg.FeedInterval,
		Logger:   m.Logger,
		Files:    files,
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// mirrorSources writes the sources folders under dir from the shared
// store before the engine reads them, so a replica starts with every
// source added elsewhere, and without the files of those removed while it
// was down (a stale file of the shared corpus would be embedded and saved
// again). A failure is logged: the running bot mirrors again once it
// follows the store.
func (m *Main) mirrorSources(ctx context.Context, st store.Store, dir string) {
	mgr, err := sources.New(sources.Options{
		Web: web.New(web.Options{}), Store: st, Files: st, Logger: m.Logger,
		Folder: func(guildID string) string { return filepath.Join(dir, rag.GuildDirName(guildID)) },
		Guilds: func() []string { return guildFolders(dir) },
		Index:  func(context.Context) error { return nil },
	})
	if err == nil {
		_, err = mgr.Mirror(ctx)
	}
	if err != nil && ctx.Err() == nil {
		m.Logger.Warn("write the sources folders from the database", "err", err)
	}
}

// guildFolders lists the guilds with a folder of their own under dir.
func guildFolders(dir string) []string {
	entries, _ := os.ReadDir(dir) // none yet: nothing to list
	var out []string
	for _, ent := range entries {
		if ent.IsDir() && ent.Name() != rag.GuildDirName("") && !strings.HasPrefix(ent.Name(), ".") {
			out = append(out, rag.GuildOfDirName(ent.Name()))
		}
	}
	return out
}

// Close closes the store if openLiving opened it.
func (l *living) Close() error {
	if !l.ownStore {
		return nil
	}
	return l.store.Close()
}

// changed brings the indexes up to date and, in the running bot, re-checks
// the pins. At the command line the pins are left for the running bot to
// re-check, so that it is the one that records their new status and edits
// their messages.
func (l *living) changed(ctx context.Context) error {
	if _, err := l.engine.SyncAll(ctx); err != nil {
		return err
	}
	if l.onPins == nil {
		return nil
	}
	return l.recheck(ctx)
}

// recheck re-checks every pin and hands those whose status changed on.
func (l *living) recheck(ctx context.Context) error {
	if l.onPins == nil {
		return nil
	}
	pins, err := sources.RecheckPins(ctx, l.store, l.engine.Verify, l.now())
	if err != nil {
		return err
	}
	if len(pins) > 0 && l.onPins != nil {
		l.onPins(ctx, pins)
	}
	return nil
}

// watchInBackground runs watch, and with a shared store the sources
// manager's FollowStore (what another replica adds or removes reaches this
// one's folders and indexes), until the returned stop is called, which
// waits for them to finish.
func (l *living) watchInBackground(ctx context.Context, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { l.watch(ctx, every) })
	wg.Go(func() {
		if err := l.sources.FollowStore(ctx); err != nil {
			l.log("follow the database's sources", "err", err)
		}
	})
	return func() {
		cancel()
		wg.Wait()
	}
}

// watch keeps the corpus live until ctx ends: every watchEvery it syncs the
// indexes with the folders (CORPUS_DIR and the sources), re-checks the pins,
// and polls the feeds and re-fetches the articles that are due. Failures are
// logged and tried again next time.
func (l *living) watch(ctx context.Context, watchEvery time.Duration) {
	t := time.NewTicker(watchEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		changed, err := l.engine.SyncAll(ctx)
		if err != nil && ctx.Err() == nil {
			l.log("sync the corpus", "err", err)
		}
		if len(changed) > 0 {
			l.info("corpus changed; indexes updated", "guilds", changed)
		}
		// Every time, not only after a change seen here: another process
		// (`bot sources add`) may have changed the shared index.
		if err := l.recheck(ctx); err != nil && ctx.Err() == nil {
			l.log("recheck pins", "err", err)
		}
		rep, err := l.sources.Sync(ctx, "", false)
		if err != nil && ctx.Err() == nil {
			l.log("poll sources", "err", err)
		}
		if rep.Changed() {
			l.info("sources updated", "articles", rep.Added)
		}
		for _, e := range rep.Errors {
			l.log("a source failed", "problem", e)
		}
	}
}

// sourcesCommand is `bot sources add|follow|list|remove|sync`.
func (m *Main) sourcesCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "Add articles by URL or file, follow feeds, list and remove them",
		Long: `sources manages the articles added to the corpus besides CORPUS_DIR (or the
bundled story): pages fetched by URL, files, and the items of followed RSS/Atom
feeds. They are kept under DATA_DIR/added and indexed at once; answers cite them
with their URL. Without --guild they belong to the shared corpus, which every
server reads; with --guild ID, to that server only.`,
	}
	var guild string
	with := func(run func(ctx context.Context, l *living, a []string) error) func(*cobra.Command, []string) error {
		return func(c *cobra.Command, a []string) error {
			guild = m.guildFlag
			e, err := m.openEngine(c.Context())
			if err != nil {
				return err
			}
			l, err := m.openLiving(c.Context(), e)
			if err != nil {
				return err
			}
			defer l.Close()
			return run(c.Context(), l, a)
		}
	}
	add := &cobra.Command{
		Use:   "add [--json] URL|FILE",
		Short: "Fetch or read one article, extract it, store it and index it",
		Example: `  bot sources add https://news.example/2025/03/story
  bot sources add --guild 1400000000000000001 notes/statement.md`,
		Args: args(cobra.ExactArgs(1)),
		RunE: with(func(ctx context.Context, l *living, a []string) error {
			var s store.Source
			var err error
			if isURL(a[0]) {
				s, err = l.sources.AddURL(ctx, guild, a[0])
			} else {
				s, err = addFile(ctx, l.sources, guild, a[0])
			}
			if err != nil {
				return err
			}
			return m.printSources([]store.Source{s}, asJSON, "added")
		}),
	}
	add.Flags().BoolVar(&asJSON, "json", false, "print the source as JSON")
	follow := &cobra.Command{
		Use:   "follow [--json] FEED_URL",
		Short: "Follow an RSS/Atom feed; its items are added now and as they appear",
		Args:  args(cobra.ExactArgs(1)),
		RunE: with(func(ctx context.Context, l *living, a []string) error {
			s, rep, err := l.sources.Follow(ctx, guild, a[0])
			if err != nil {
				return err
			}
			if asJSON {
				added, err := l.sourcesByID(ctx, guild, rep.Added)
				if err != nil {
					return err
				}
				if err := m.printSources(append([]store.Source{s}, added...), true, ""); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(m.Stdout, "following %s (%s): %d new articles\n", s.URL, s.ID, len(rep.Added))
			}
			return reportErrors(m, rep)
		}),
	}
	follow.Flags().BoolVar(&asJSON, "json", false, "print the feed and the articles it brought as JSON")
	list := &cobra.Command{
		Use:   "list [--json]",
		Short: "List the sources",
		Args:  args(cobra.NoArgs),
		RunE: with(func(ctx context.Context, l *living, _ []string) error {
			list, err := l.sources.List(ctx, guild)
			if err != nil {
				return err
			}
			return m.printSources(list, asJSON, "")
		}),
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print the sources as JSON")
	remove := &cobra.Command{
		Use:   "remove [--json] ID",
		Short: "Remove a source (a feed with its articles) and drop it from the index",
		Args:  args(cobra.ExactArgs(1)),
		RunE: with(func(ctx context.Context, l *living, a []string) error {
			s, err := l.sources.Remove(ctx, guild, a[0])
			if err != nil {
				return err
			}
			if asJSON {
				return m.printSources([]store.Source{s}, true, "")
			}
			fmt.Fprintf(m.Stdout, "removed %s %s\n", s.ID, s.URL)
			return nil
		}),
	}
	remove.Flags().BoolVar(&asJSON, "json", false, "print the removed source as JSON")
	sync := &cobra.Command{
		Use:   "sync [--json]",
		Short: "Poll every feed now and re-fetch the added articles (conditional requests)",
		Args:  args(cobra.NoArgs),
		RunE: with(func(ctx context.Context, l *living, _ []string) error {
			rep, err := l.sources.Sync(ctx, guild, true)
			if err != nil {
				return err
			}
			if err := l.changed(ctx); err != nil {
				return err
			}
			if asJSON {
				added, err := l.sourcesByID(ctx, guild, rep.Added)
				if err != nil {
					return err
				}
				if err := m.printSources(added, true, ""); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(m.Stdout, "polled %d feeds, re-fetched %d articles, %d new or changed\n", rep.Polled, rep.Fetched, len(rep.Added))
			}
			return reportErrors(m, rep)
		}),
	}
	sync.Flags().BoolVar(&asJSON, "json", false, "print the articles added or changed as JSON")
	cmd.AddCommand(add, follow, list, remove, sync)
	return cmd
}

// sourcesByID is the guild's sources of ids, in that order; an id no longer
// listed is left out.
func (l *living) sourcesByID(ctx context.Context, guild string, ids []string) ([]store.Source, error) {
	all, err := l.sources.List(ctx, guild)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	byID := make(map[string]store.Source, len(all))
	for _, s := range all {
		byID[s.ID] = s
	}
	out := make([]store.Source, 0, len(ids))
	for _, id := range ids {
		if s, ok := byID[id]; ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// reportErrors prints a report's problems and fails when there are any.
func reportErrors(m *Main, rep sources.Report) error {
	for _, e := range rep.Errors {
		fmt.Fprintf(m.Stderr, "problem: %s\n", e)
	}
	if len(rep.Errors) > 0 {
		return fmt.Errorf("%d sources could not be fetched", len(rep.Errors))
	}
	return nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.Contains(s, "://")
}

// addFile reads a local file and adds it as corpus files are checked.
func addFile(ctx context.Context, mgr *sources.Manager, guild, path string) (store.Source, error) {
	if !corpus.Supported(path) {
		return store.Source{}, fmt.Errorf("%s: not a .md, .txt or .html file (or give an http(s) URL)", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return store.Source{}, fmt.Errorf("read %s: %w", path, err)
	}
	return mgr.AddFile(ctx, guild, filepath.Base(path), data, "")
}

// sourceJSON is one source in DESIGN's sources JSON.
type sourceJSON struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Chunks    int    `json:"chunks"`
	Added     string `json:"added"`
	Error     string `json:"error"`
}

func (m *Main) printSources(list []store.Source, asJSON bool, verb string) error {
	if asJSON {
		out := make([]sourceJSON, 0, len(list))
		for _, s := range list {
			j := sourceJSON{ID: s.ID, Kind: string(s.Kind), URL: s.URL, Title: s.Title, Chunks: s.Chunks,
				Added: s.Added.UTC().Format(time.RFC3339), Error: s.Error}
			if !s.Published.IsZero() {
				j.Published = s.Published.Format(corpus.DateLayout)
			}
			out = append(out, j)
		}
		return writeJSON(m.Stdout, map[string]any{"sources": out})
	}
	if len(list) == 0 {
		fmt.Fprintln(m.Stdout, "no sources added; add one with `bot sources add URL` or `bot sources follow FEED_URL`")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 2, 8, 2, ' ', 0)
	for _, s := range list {
		date := ""
		if !s.Published.IsZero() {
			date = s.Published.Format(corpus.DateLayout)
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s", s.ID, s.Kind, date, s.Title, s.URL)
		if verb != "" {
			line = verb + " " + line
		}
		if s.Error != "" {
			line += "\t(" + s.Error + ")"
		}
		fmt.Fprintln(w, line)
	}
	return w.Flush()
}

// botOptions gives the bot the sources manager (its pins come from the
// same store, by stateOptions).
func (l *living) botOptions(o bot.Options, role string) bot.Options {
	o.Sources = l.sources
	o.SourcesRole = role
	return o
}

// pinUpdates words pins whose status changed as edits of their messages.
func pinUpdates(pins []store.Pin) []bot.PinUpdate {
	var out []bot.PinUpdate
	for _, p := range pins {
		detail := p.Detail
		if p.Status == store.PinCurrent || p.Status == "" {
			detail = "" // its quotes stand again: the warning goes
		}
		out = append(out, bot.PinUpdate{ChannelID: p.ChannelID, MessageID: p.MessageID, Detail: detail})
	}
	return out
}

// guildFlags adds --guild to every command: the questions, timeline and
// statements of a server's own story (the shared corpus plus its sources),
// and its sources for `bot sources`.
func (m *Main) guildFlags(root *cobra.Command) {
	root.PersistentFlags().StringVar(&m.guildFlag, "guild", "", "a server's own story: the shared corpus plus that server's sources (default: the shared corpus)")
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		if m.guildFlag != "" {
			cmd.SetContext(rag.WithGuild(cmd.Context(), m.guildFlag))
		}
	}
}
