// Package sources keeps the corpus alive: it adds articles by URL or by file,
// follows RSS/Atom feeds, lists and removes them, and polls feeds and
// re-fetches articles so that new and corrected articles reach the index.
//
// It sits between three parts it does not own: corpus/web fetches and
// extracts (with its network guards), store.Sources records each source and
// its conditional-request and backoff state, and the index is told through
// Options.Index after every change. An added article is kept as a small
// HTML file (web.Article.HTML) in its guild's folder (Options.Folder, the
// engine's SourcesFolder), which the index reads like any corpus file; so
// the files are the truth the index follows, and removing a source is
// removing its file. With replicas on one database (Options.Files,
// mirror.go) the store holds each file too, and every replica writes its
// folders from the store; a folder is then that replica's copy.
//
// The running bot calls Sync every few seconds; each feed is polled when
// due (every Interval, FEED_INTERVAL, or later after failures, with
// backoff), and each article fetched by URL is fetched again with its
// validators (a 304 when unchanged) every Interval for two days after it
// was added, then daily, so a corrected page is noticed.
//
// A source belongs to a guild; the empty guild is the shared corpus. A feed's
// articles belong to the feed's guild and name the feed (Source.Feed);
// removing a feed removes them too.
package sources

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/corpus/web"
	"github.com/newsbot/storybot/internal/atomicfile"
	"github.com/newsbot/storybot/internal/metrics"
	"github.com/newsbot/storybot/store"
)

// Store is what the manager needs of the state store.
type Store interface {
	store.Sources
	store.Locker
}

// Files is what the manager needs of a store shared by replicas
// (PostgreSQL) to keep every replica's folders alike.
type Files interface {
	store.SourceFiles
	store.Changes
}

// Options configure a Manager; Web, Store, Folder and Index are required.
type Options struct {
	Web   *web.Client
	Store Store
	// Folder returns the folder where guildID's article files are kept.
	Folder func(guildID string) string
	// Index brings the index up to date with the folders after a change.
	Index func(ctx context.Context) error
	// Guilds lists the guilds with sources of their own (rag.Engine.Guilds),
	// whose articles the running bot re-fetches; nil: those following a
	// feed.
	Guilds func() []string
	// Interval is how often a feed is polled and an article re-fetched
	// (FEED_INTERVAL).
	Interval time.Duration
	Now      func() time.Time
	Logger   *slog.Logger
	// Metrics counts feed polls (new, unchanged, failed); nil counts
	// nothing.
	Metrics *metrics.Metrics
	// Files, set when replicas share the store (DATABASE_URL), keeps a
	// copy of every article file written, from which Mirror and
	// FollowStore write the folders of the other replicas; nil: the
	// folders are the only copy (one process, DATA_DIR).
	Files Files
}

// Manager adds, lists, removes and refreshes sources. It is safe for
// concurrent use; two processes polling one feed take turns through the
// store's lock "poll:<guild>/<feed>".
type Manager struct {
	opts Options
	log  *slog.Logger
	// folders is held while this process writes or removes article files
	// together with their records, so that mirroring the store never
	// sees a file before its record or a record before its file.
	folders sync.Mutex
}

// New checks opts and returns a Manager.
func New(opts Options) (*Manager, error) {
	if opts.Web == nil || opts.Store == nil || opts.Folder == nil || opts.Index == nil {
		return nil, errors.New("new sources manager: Web, Store, Folder and Index are required")
	}
	if opts.Interval <= 0 {
		opts.Interval = web.DefaultFeedInterval
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Manager{opts: opts, log: opts.Logger.With("component", "sources")}, nil
}

// InputError is a problem with what the moderator gave (a bad URL, a page
// with no article, a file of the wrong kind): its message is written for
// them. The fetch errors of corpus/web are wrapped in it.
type InputError struct {
	Msg string
	Err error
}

func (e *InputError) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *InputError) Unwrap() error { return e.Err }

// fetchProblem words a fetch error of corpus/web for the moderator.
func fetchProblem(what, u string, err error) error {
	var msg string
	switch {
	case errors.Is(err, web.ErrNotFound):
		msg = "the page " + u + " was not found (404); check the address"
	case errors.Is(err, web.ErrNoArticle):
		msg = "no article could be found on " + u + "; link the article page itself"
	case errors.Is(err, web.ErrTooLarge):
		msg = "the page " + u + " is too large (FETCH_MAX_BYTES)"
	case errors.Is(err, web.ErrTimeout):
		msg = u + " took too long to answer (FETCH_TIMEOUT); try again later"
	case errors.Is(err, web.ErrBlocked):
		msg = u + " is a private or local address, which is refused (FETCH_ALLOW_PRIVATE)"
	case errors.Is(err, web.ErrContentType):
		msg = u + " is not " + what
	case errors.Is(err, web.ErrMalformedFeed):
		msg = u + " is not a valid RSS or Atom feed"
	case errors.Is(err, web.ErrTooManyRedirects):
		msg = u + " redirects too many times"
	default:
		msg = "could not fetch " + u
	}
	return &InputError{Msg: msg, Err: err}
}

// checkURL refuses what is not a web address before anything is fetched.
func checkURL(u string) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return &InputError{Msg: fmt.Sprintf("%q is not a web address; give one starting with https://", u)}
	}
	return nil
}

// sourceID is a short id stable for a URL: "a" for an article, "f" for a
// feed, then 10 hex digits of its hash.
func sourceID(kind store.SourceKind, u string) string {
	sum := sha256.Sum256([]byte(u))
	return string(kind[0]) + hex.EncodeToString(sum[:5])
}

// fromFile reports whether a source id is of an attached file, which has
// no page to fetch again.
func fromFile(id string) bool { return strings.HasPrefix(id, "d") }

// fileName is the article file of a source id.
func fileName(id string) string { return id + ".html" }

// AddURL fetches the article at u, stores it in guildID's folder and the
// store, and indexes it.
func (m *Manager) AddURL(ctx context.Context, guildID, u string) (store.Source, error) {
	u = strings.TrimSpace(u)
	if err := checkURL(u); err != nil {
		return store.Source{}, err
	}
	a, err := m.opts.Web.Article(ctx, u, web.Validators{})
	if err != nil {
		return store.Source{}, fetchProblem("an HTML page", u, err)
	}
	s := store.Source{GuildID: guildID, ID: sourceID(store.KindArticle, a.URL), Kind: store.KindArticle, URL: a.URL}
	s, err = m.keep(ctx, s, a)
	if err != nil {
		return s, err
	}
	return s, m.index(ctx)
}

// Attachment sizes and kinds accepted by AddFile, as corpus files are.
const maxFileBytes = 8 << 20

// AddFile checks an attached file (.md, .txt or .html) as a corpus file is
// checked, stores it in guildID's folder and the store, and indexes it.
// pageURL, when known, is where the file came from; an .html file is
// extracted as a fetched page is.
func (m *Manager) AddFile(ctx context.Context, guildID, name string, data []byte, pageURL string) (store.Source, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if !corpus.Supported(name) {
		return store.Source{}, &InputError{Msg: fmt.Sprintf("%s is not a .md, .txt or .html file", name)}
	}
	if len(data) > maxFileBytes {
		return store.Source{}, &InputError{Msg: fmt.Sprintf("%s is larger than %d MiB", name, maxFileBytes>>20)}
	}
	sum := sha256.Sum256(append([]byte(name+"\x00"), data...))
	id := "d" + hex.EncodeToString(sum[:5])
	var a *web.Article
	if ext == ".html" || ext == ".htm" {
		var err error
		a, err = web.Extract(nil, data)
		if err != nil {
			return store.Source{}, &InputError{Msg: "no article could be found in " + name, Err: err}
		}
		if pageURL != "" && a.URL == "" {
			a.URL = pageURL
		}
	} else {
		d, err := corpus.Parse(name, data)
		if err != nil {
			return store.Source{}, &InputError{Msg: name + " cannot be read as an article", Err: err}
		}
		if strings.TrimSpace(d.Text) == "" {
			return store.Source{}, &InputError{Msg: name + " holds no text"}
		}
		a = &web.Article{URL: d.URL, Title: d.Title, Published: d.Published, Site: d.Source, Text: d.Text}
		if a.URL == "" {
			a.URL = pageURL
		}
	}
	s := store.Source{GuildID: guildID, ID: id, Kind: store.KindArticle, URL: a.URL}
	s, err := m.keep(ctx, s, a)
	if err != nil {
		return s, err
	}
	return s, m.index(ctx)
}

// AddAttachment downloads an attached file (a Discord attachment's URL)
// through the web client's guards and adds it as AddFile does.
func (m *Manager) AddAttachment(ctx context.Context, guildID, name, fileURL, pageURL string) (store.Source, error) {
	if !corpus.Supported(name) {
		return store.Source{}, &InputError{Msg: fmt.Sprintf("%s is not a .md, .txt or .html file", name)}
	}
	data, err := m.opts.Web.File(ctx, fileURL)
	if err != nil {
		return store.Source{}, fetchProblem("a text file", name, err)
	}
	return m.AddFile(ctx, guildID, name, data, pageURL)
}

// keep writes a's file (in the shared store too, with Files) and records
// s with a's metadata.
func (m *Manager) keep(ctx context.Context, s store.Source, a *web.Article) (store.Source, error) {
	m.folders.Lock()
	defer m.folders.Unlock()
	html := a.HTML()
	dir := m.opts.Folder(s.GuildID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return s, fmt.Errorf("create sources folder: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, fileName(s.ID)), html); err != nil {
		return s, fmt.Errorf("save article: %w", err)
	}
	if prev, err := m.opts.Store.Source(ctx, store.SourceKey{GuildID: s.GuildID, ID: s.ID}); err == nil {
		// An article keeps where it first came from: one added by hand
		// and later listed in a feed stays when the feed is removed.
		s.Added, s.Feed = prev.Added, prev.Feed
	}
	s.Title = a.Title
	s.Published = a.Published
	s.Chunks = len(corpus.Chunks(a.Document(fileName(s.ID)), corpus.DefaultChunkOptions))
	s.ETag, s.LastModified = a.Validators.ETag, a.Validators.LastModified
	s.Checked = m.opts.Now().UTC()
	s.Error, s.Failures, s.BackoffUntil = "", 0, time.Time{}
	if s.Added.IsZero() {
		s.Added = s.Checked
	}
	if err := m.opts.Store.PutSource(ctx, s); err != nil {
		return s, fmt.Errorf("record source: %w", err)
	}
	// Shared after its record, so a replica that hears of the file or
	// lists the files finds the source too (a failure here is mended by
	// the next Mirror, which shares a recorded source's file).
	if m.opts.Files != nil {
		if err := m.opts.Files.PutSourceFile(ctx, store.SourceKey{GuildID: s.GuildID, ID: s.ID}, html); err != nil {
			return s, fmt.Errorf("share article: %w", err)
		}
	}
	return s, nil
}

func (m *Manager) index(ctx context.Context) error {
	if err := m.opts.Index(ctx); err != nil {
		return fmt.Errorf("index sources: %w", err)
	}
	return nil
}

// List returns guildID's sources, oldest first.
func (m *Manager) List(ctx context.Context, guildID string) ([]store.Source, error) {
	list, err := m.opts.Store.ListSources(ctx, guildID)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return list, nil
}

// ErrNotFound is returned (wrapped) by Remove for an unknown id.
var ErrNotFound = errors.New("no such source")

// Remove removes one of guildID's sources (a feed with the articles it
// brought), its files, and updates the index.
func (m *Manager) Remove(ctx context.Context, guildID, id string) (store.Source, error) {
	s, err := m.remove(ctx, guildID, id)
	if err != nil {
		return s, err
	}
	return s, m.index(ctx)
}

func (m *Manager) remove(ctx context.Context, guildID, id string) (store.Source, error) {
	s, err := m.opts.Store.Source(ctx, store.SourceKey{GuildID: guildID, ID: id})
	if errors.Is(err, store.ErrNotFound) {
		return s, &InputError{Msg: fmt.Sprintf("there is no source %q here; see the list of sources for ids", id), Err: ErrNotFound}
	}
	if err != nil {
		return s, fmt.Errorf("remove source: %w", err)
	}
	drop := []store.Source{s}
	if s.Kind == store.KindFeed {
		all, err := m.opts.Store.ListSources(ctx, guildID)
		if err != nil {
			return s, fmt.Errorf("remove source: %w", err)
		}
		for _, a := range all {
			if a.Feed == s.ID {
				drop = append(drop, a)
			}
		}
	}
	m.folders.Lock()
	defer m.folders.Unlock()
	for _, d := range drop {
		if d.Kind == store.KindArticle {
			if err := os.Remove(filepath.Join(m.opts.Folder(guildID), fileName(d.ID))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return s, fmt.Errorf("remove article file: %w", err)
			}
		}
		if err := m.opts.Store.RemoveSource(ctx, store.SourceKey{GuildID: guildID, ID: d.ID}); err != nil && !errors.Is(err, store.ErrNotFound) {
			return s, fmt.Errorf("remove source: %w", err)
		}
	}
	return s, nil
}

// Follow starts following the feed at u for guildID: it polls it at once
// (so a bad address is reported now), adds its items' articles and indexes
// them. Following a feed again polls it now.
func (m *Manager) Follow(ctx context.Context, guildID, u string) (store.Source, Report, error) {
	u = strings.TrimSpace(u)
	if err := checkURL(u); err != nil {
		return store.Source{}, Report{}, err
	}
	s := store.Source{GuildID: guildID, ID: sourceID(store.KindFeed, u), Kind: store.KindFeed, URL: u}
	known := false
	if prev, err := m.opts.Store.Source(ctx, store.SourceKey{GuildID: guildID, ID: s.ID}); err == nil {
		s, known = prev, true
	}
	var rep Report
	err := m.pollFeed(ctx, &s, &rep, !known)
	if err != nil {
		return s, rep, err
	}
	return s, rep, m.index(ctx)
}

// Report says what a sync or poll did.
type Report struct {
	Polled  int      // feeds polled
	Added   []string // ids of articles added or changed
	Fetched int      // articles re-fetched
	Errors  []string // problems, worded for the moderator
}

// Changed reports whether anything reached the folders.
func (r Report) Changed() bool { return len(r.Added) > 0 }

// pollFeed polls one feed (under its lock) and keeps the new items; s is
// updated and stored. A failed poll is reported in rep and backs the feed
// off, unless strict (a feed not followed yet): then it is returned and
// nothing is stored.
func (m *Manager) pollFeed(ctx context.Context, s *store.Source, rep *Report, strict bool) error {
	unlock, ok, err := m.opts.Store.TryLock(ctx, "poll:"+s.GuildID+"/"+s.ID)
	if err != nil {
		return fmt.Errorf("poll feed: %w", err)
	}
	if !ok {
		return nil // another process polls it now
	}
	defer unlock()
	f := &web.Feed{URL: s.URL}
	if len(s.State) > 0 {
		if err := json.Unmarshal(s.State, f); err != nil {
			m.log.Warn("feed state unreadable; starting afresh", "feed", s.ID, "err", err)
			f = &web.Feed{URL: s.URL}
		}
	}
	now := m.opts.Now()
	items, perr := m.opts.Web.Poll(ctx, f, now)
	rep.Polled++
	if f.Title != "" {
		s.Title = f.Title
	}
	s.Checked = now.UTC()
	s.Failures, s.BackoffUntil = f.Failures, f.NextPoll
	s.ETag, s.LastModified = f.Validators.ETag, f.Validators.LastModified
	if perr != nil {
		s.Error = fetchProblem("a feed", s.URL, perr).Error()
	} else {
		s.Error = ""
	}
	if state, err := json.Marshal(f); err == nil {
		s.State = state
	}
	if s.Added.IsZero() {
		s.Added = s.Checked
	}
	if perr != nil {
		m.opts.Metrics.FeedPoll(metrics.PollFailed)
		if strict || ctx.Err() != nil {
			return fetchProblem("a feed", s.URL, perr)
		}
		rep.Errors = append(rep.Errors, s.Error)
		return m.opts.Store.PutSource(ctx, *s)
	}
	added := len(rep.Added)
	defer func() {
		if len(rep.Added) > added {
			m.opts.Metrics.FeedPoll(metrics.PollNew)
		} else {
			m.opts.Metrics.FeedPoll(metrics.PollUnchanged)
		}
	}()
	for _, it := range items {
		fresh, err := m.opts.Store.MarkSeen(ctx, store.SourceKey{GuildID: s.GuildID, ID: s.ID}, it.Keys)
		if err != nil {
			return fmt.Errorf("mark feed items seen: %w", err)
		}
		if len(fresh) == 0 {
			continue // another replica took it
		}
		a, err := m.opts.Web.Article(ctx, it.URL, web.Validators{})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// Kept as a failed article of the feed, so the list shows it
			// and it is fetched again after a backoff.
			msg := fetchProblem("an HTML page", it.URL, err).Error()
			rep.Errors = append(rep.Errors, msg)
			failed := store.Source{GuildID: s.GuildID, ID: sourceID(store.KindArticle, it.URL), Kind: store.KindArticle, URL: it.URL,
				Title: it.Title, Published: it.Published, Feed: s.ID, Added: now.UTC(), Checked: now.UTC(), Error: msg, Failures: 1,
				BackoffUntil: now.Add(web.Backoff(m.opts.Interval, 1))}
			if err := m.opts.Store.PutSource(ctx, failed); err != nil {
				return fmt.Errorf("record failed feed item: %w", err)
			}
			continue
		}
		if a.Published.IsZero() && !it.Published.IsZero() {
			a.Published = it.Published.UTC().Truncate(24 * time.Hour)
		}
		as := store.Source{GuildID: s.GuildID, ID: sourceID(store.KindArticle, a.URL), Kind: store.KindArticle, URL: a.URL, Feed: s.ID}
		as, err = m.keep(ctx, as, a)
		if err != nil {
			return err
		}
		rep.Added = append(rep.Added, as.ID)
	}
	s.Chunks = 0
	return m.opts.Store.PutSource(ctx, *s)
}

// refetch fetches an article again with its validators; a changed page
// replaces its file. Replicas (Options.Files) take turns through the lock
// "fetch:<guild>/<id>", and one that finds the article fetched since it
// was listed leaves it.
func (m *Manager) refetch(ctx context.Context, s store.Source, rep *Report) error {
	if m.opts.Files != nil {
		unlock, ok, err := m.opts.Store.TryLock(ctx, "fetch:"+s.GuildID+"/"+s.ID)
		if err != nil {
			return fmt.Errorf("re-fetch article: %w", err)
		}
		if !ok {
			return nil // another replica fetches it now
		}
		defer unlock()
		cur, err := m.opts.Store.Source(ctx, store.SourceKey{GuildID: s.GuildID, ID: s.ID})
		if errors.Is(err, store.ErrNotFound) {
			return nil // removed since
		}
		if err != nil {
			return fmt.Errorf("re-fetch article: %w", err)
		}
		if cur.Checked.After(s.Checked) {
			return nil // fetched since it was listed
		}
	}
	a, err := m.opts.Web.Article(ctx, s.URL, web.Validators{ETag: s.ETag, LastModified: s.LastModified})
	rep.Fetched++
	now := m.opts.Now().UTC()
	switch {
	case errors.Is(err, web.ErrNotModified):
		s.Checked, s.Error, s.Failures = now, "", 0
		return m.opts.Store.PutSource(ctx, s)
	case err != nil:
		if ctx.Err() != nil {
			return ctx.Err()
		}
		s.Checked, s.Failures = now, s.Failures+1
		s.Error = fetchProblem("an HTML page", s.URL, err).Error()
		s.BackoffUntil = now.Add(web.Backoff(m.opts.Interval, s.Failures))
		rep.Errors = append(rep.Errors, s.Error)
		return m.opts.Store.PutSource(ctx, s) // the article as last fetched stays indexed
	}
	old, _ := os.ReadFile(filepath.Join(m.opts.Folder(s.GuildID), fileName(s.ID)))
	if _, err := m.keep(ctx, s, a); err != nil {
		return err
	}
	if string(old) != string(a.HTML()) {
		rep.Added = append(rep.Added, s.ID)
	}
	return nil
}

// Sync polls the feeds and re-fetches the articles fetched by URL: every
// one of guildID's when all is true (`bot sources sync`), else those of
// every guild that are due (the running bot's loop: each at most every
// Interval, a failing one after its backoff). What changed is indexed.
func (m *Manager) Sync(ctx context.Context, guildID string, all bool) (Report, error) {
	var list []store.Source
	var err error
	if all {
		list, err = m.opts.Store.ListSources(ctx, guildID)
	} else {
		list, err = m.due(ctx)
	}
	if err != nil {
		return Report{}, fmt.Errorf("sync sources: %w", err)
	}
	var rep Report
	for _, s := range list {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		switch {
		case s.Kind == store.KindFeed:
			err = m.pollFeed(ctx, &s, &rep, false)
		case s.URL != "" && !fromFile(s.ID):
			err = m.refetch(ctx, s, &rep)
		}
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				return rep, err
			}
			rep.Errors = append(rep.Errors, err.Error())
		}
	}
	if rep.Changed() {
		return rep, m.index(ctx)
	}
	return rep, nil
}

// due lists the sources of every guild whose next fetch is due.
func (m *Manager) due(ctx context.Context) ([]store.Source, error) {
	feeds, err := m.opts.Store.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	now := m.opts.Now()
	var out []store.Source
	guilds := map[string]bool{"": true}
	for _, f := range feeds {
		guilds[f.GuildID] = true
		if !now.Before(f.BackoffUntil) {
			out = append(out, f)
		}
	}
	// Articles added by URL are re-fetched too: those of the shared corpus,
	// of the guilds with sources of their own and of those that follow a
	// feed.
	if m.opts.Guilds != nil {
		for _, g := range m.opts.Guilds() {
			guilds[g] = true
		}
	}
	for g := range guilds {
		list, err := m.opts.Store.ListSources(ctx, g)
		if err != nil {
			return nil, err
		}
		for _, s := range list {
			// A feed's articles are not re-fetched (the feed tells of new
			// ones), except one whose first fetch failed.
			if s.Kind == store.KindArticle && (s.Feed == "" || s.Chunks == 0 && s.Error != "") && !fromFile(s.ID) &&
				!now.Before(s.Checked.Add(m.refetchEvery(now.Sub(s.Added)))) && !now.Before(s.BackoffUntil) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// Re-fetching an article: every Interval while it is fresh (when
// corrections come), then once a day, so that a large collection of old
// articles does not cost its sites a request each per Interval.
const (
	freshFor   = 48 * time.Hour
	staleEvery = 24 * time.Hour
)

func (m *Manager) refetchEvery(age time.Duration) time.Duration {
	if age < freshFor {
		return m.opts.Interval
	}
	return max(m.opts.Interval, staleEvery)
}
