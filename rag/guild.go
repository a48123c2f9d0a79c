package rag

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsbot/storybot/corpus"
)

// Added sources and per-server stories.
//
// Articles added as sources (by URL, attached file or feed) are files under
// Options.SourcesDir: SourcesDir/_ for the shared corpus, SourcesDir/<guild>
// for one server's own. The shared corpus is the bundled story or CORPUS_DIR
// plus SourcesDir/_; its documents from there have ids "sources/<file>". A
// server with sources of its own gets an Engine of its own, its index under
// DataDir/guilds/<guild>, over the shared corpus plus its own files (ids
// "sources/<guild>/<file>"); a server without any is answered by the shared
// Engine. So a server's questions never see another server's sources.
//
// The root Engine routes each call to the server's Engine by the guild id
// the context carries (WithGuild); the command line's context carries none
// and works on the shared corpus.

// sharedDir names the shared corpus's folder under SourcesDir.
const sharedDir = "_"

// guildKey is the context key of WithGuild.
type guildKey struct{}

// WithGuild returns a context whose questions are answered from the shared
// corpus plus guildID's own sources ("" : the shared corpus alone).
func WithGuild(ctx context.Context, guildID string) context.Context {
	return context.WithValue(ctx, guildKey{}, guildID)
}

// GuildFrom returns the guild id WithGuild put in ctx ("" when none).
func GuildFrom(ctx context.Context) string {
	g, _ := ctx.Value(guildKey{}).(string)
	return g
}

// GuildDirName is the folder name of guildID's sources under SourcesDir:
// the id itself when it is plain letters, digits, '-' and '_' (a Discord
// snowflake is) and does not start with "x", else its hex encoding
// behind "x"; "_" for the shared
// corpus.
func GuildDirName(guildID string) string {
	if guildID == "" {
		return sharedDir
	}
	if strings.HasPrefix(guildID, "x") {
		return "x" + hex.EncodeToString([]byte(guildID))
	}
	for _, r := range guildID {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return "x" + hex.EncodeToString([]byte(guildID))
		}
	}
	return guildID
}

// SourcesFolder returns the folder where guildID's added articles are kept
// ("" when the engine keeps no added sources).
func (e *Engine) SourcesFolder(guildID string) string {
	if e.opts.SourcesDir == "" {
		return ""
	}
	return filepath.Join(e.opts.SourcesDir, GuildDirName(guildID))
}

// route returns the Engine that answers for ctx's guild: the guild's own
// when it has sources of its own, else e.
func (e *Engine) route(ctx context.Context) *Engine {
	g := GuildFrom(ctx)
	if g == "" || e.guild != "" {
		return e
	}
	e.gmu.RLock()
	defer e.gmu.RUnlock()
	if ge, ok := e.guilds[g]; ok {
		return ge
	}
	return e
}

// ForGuild returns the Engine answering guildID's questions: its own when the
// guild has sources of its own, else the shared one.
func (e *Engine) ForGuild(guildID string) *Engine {
	return e.route(WithGuild(context.Background(), guildID))
}

// loadAdded appends to docs the added articles the engine's corpus includes:
// the shared ones, and for a guild's engine the guild's own.
func (e *Engine) loadAdded(ctx context.Context, docs []*corpus.Document, problems []error, reuse func(string, corpus.Stamp) *corpus.Document) ([]*corpus.Document, []error, error) {
	if e.opts.SourcesDir == "" {
		return docs, problems, nil
	}
	dirs := []struct{ dir, prefix string }{{e.SourcesFolder(""), "sources/"}}
	if e.guild != "" {
		dirs = append(dirs, struct{ dir, prefix string }{e.SourcesFolder(e.guild), "sources/" + GuildDirName(e.guild) + "/"})
	}
	for _, d := range dirs {
		if _, err := os.Stat(d.dir); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		prefix := d.prefix
		var wrapped func(string, corpus.Stamp) *corpus.Document
		if reuse != nil {
			wrapped = func(id string, st corpus.Stamp) *corpus.Document { return reuse(prefix+id, st) }
		}
		added, probs, err := corpus.LoadDirReusing(ctx, d.dir, wrapped)
		if err != nil {
			return nil, nil, fmt.Errorf("added sources: %w", err)
		}
		for _, doc := range added {
			if !strings.HasPrefix(doc.ID, prefix) { // read now, not reused
				nd := corpus.NewDocument(prefix+doc.ID, doc.Title, doc.Published, doc.URL, doc.Source, doc.Text)
				nd.Path, nd.Stamp = doc.Path, doc.Stamp
				doc = nd
			}
			docs = append(docs, doc)
		}
		for _, p := range probs {
			var fe *corpus.FileError
			if errors.As(p, &fe) {
				moved := *fe
				moved.ID = prefix + fe.ID
				p = &moved
			}
			problems = append(problems, p)
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, problems, nil
}

// guildDirs lists the guilds with a folder of their own sources that holds
// at least one article file, by folder name.
func (e *Engine) guildDirs() ([]string, error) {
	if e.opts.SourcesDir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(e.opts.SourcesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list added sources: %w", err)
	}
	var out []string
	for _, ent := range entries {
		if !ent.IsDir() || ent.Name() == sharedDir || strings.HasPrefix(ent.Name(), ".") {
			continue
		}
		files, err := os.ReadDir(filepath.Join(e.opts.SourcesDir, ent.Name()))
		if err != nil {
			continue
		}
		for _, f := range files {
			if !f.IsDir() && corpus.Supported(f.Name()) {
				out = append(out, ent.Name())
				break
			}
		}
	}
	return out, nil
}

// GuildOfDirName turns a folder name of GuildDirName back into the guild
// id.
func GuildOfDirName(dir string) string { return guildID(dir) }

// guildID turns a folder name of guildDirs back into the guild id.
func guildID(dir string) string {
	if strings.HasPrefix(dir, "x") {
		if b, err := hex.DecodeString(dir[1:]); err == nil {
			return string(b)
		}
	}
	return dir
}

// openGuild opens the engine of one guild with sources of its own.
func (e *Engine) openGuild(ctx context.Context, guildID string) (*Engine, error) {
	opts := e.opts
	opts.DataDir = filepath.Join(e.opts.DataDir, "guilds", GuildDirName(guildID))
	opts.guild = guildID
	opts.Logger = e.log.With("guild", guildID)
	e.mu.RLock()
	base := e.ix.Embedder()
	e.mu.RUnlock()
	opts.Embedder = e.reusing(base)
	ge, _, err := Open(ctx, opts, nil)
	if err != nil {
		return nil, fmt.Errorf("open the index of guild %s: %w", guildID, err)
	}
	return ge, nil
}

// openGuilds opens the engines of the guilds with sources of their own, at
// start; a guild whose index cannot be opened is logged and answered from
// the shared corpus.
func (e *Engine) openGuilds(ctx context.Context) error {
	dirs, err := e.guildDirs()
	if err != nil {
		return err
	}
	for _, d := range dirs {
		g := guildID(d)
		ge, err := e.openGuild(ctx, g)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			e.log.Error("guild sources unavailable", "guild", g, "err", err)
			continue
		}
		e.setGuild(g, ge)
	}
	return nil
}

func (e *Engine) setGuild(g string, ge *Engine) {
	e.gmu.Lock()
	defer e.gmu.Unlock()
	if e.guilds == nil {
		e.guilds = make(map[string]*Engine)
	}
	if ge == nil {
		delete(e.guilds, g)
		return
	}
	e.guilds[g] = ge
}

// SyncAll brings every index up to date with what is on disk: the shared
// corpus (CORPUS_DIR or the bundled story, and the shared added sources)
// and each guild's own sources, opening the index of a guild that has just
// got its first source and dropping that of a guild with none left. Only
// what changed is embedded. It returns the guilds whose answers may have
// changed ("" for the shared corpus, which every guild reads), for
// re-checking pinned answers.
func (e *Engine) SyncAll(ctx context.Context) (changed []string, err error) {
	if e.guild != "" {
		return nil, errors.New("sync all: not the root engine")
	}
	// One SyncAll at a time, so a guild's index is opened once.
	e.syncAllMu.Lock()
	defer e.syncAllMu.Unlock()
	st, err := e.Sync(ctx, nil)
	if err != nil {
		return nil, err
	}
	sharedChanged := st.Changed()
	if sharedChanged {
		changed = append(changed, "")
	}
	dirs, err := e.guildDirs()
	if err != nil {
		return changed, err
	}
	live := make(map[string]bool)
	var errs []error
	for _, d := range dirs {
		g := guildID(d)
		live[g] = true
		e.gmu.RLock()
		ge := e.guilds[g]
		e.gmu.RUnlock()
		if ge == nil {
			ge, err = e.openGuild(ctx, g)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			e.setGuild(g, ge)
			changed = append(changed, g)
			continue
		}
		gst, err := ge.Sync(ctx, nil)
		if err != nil {
			errs = append(errs, fmt.Errorf("sync guild %s: %w", g, err))
			continue
		}
		if gst.Changed() && !sharedChanged {
			changed = append(changed, g)
		}
	}
	var dropped []*Engine
	e.gmu.Lock()
	for g, ge := range e.guilds {
		if !live[g] {
			delete(e.guilds, g)
			dropped = append(dropped, ge)
			if !sharedChanged {
				changed = append(changed, g)
			}
		}
	}
	e.gmu.Unlock()
	for _, ge := range dropped {
		if err := ge.forgetOwn(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return changed, errors.Join(errs...)
}

// Guilds returns the ids of the guilds that have sources of their own.
func (e *Engine) Guilds() []string {
	dirs, err := e.guildDirs()
	if err != nil {
		e.log.Warn("list guilds with sources", "err", err)
	}
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = guildID(d)
	}
	return out
}

// reusing wraps base so that a chunk the root index already holds (the
// shared corpus's, in a guild's index) takes its vector from there instead
// of being embedded again; only the guild's own chunks are embedded.
func (e *Engine) reusing(base *Embedder) *Embedder {
	return &Embedder{ID: base.ID, Query: base.Query, Embed: func(ctx context.Context, texts []string) ([][]float32, error) {
		e.mu.RLock()
		out := e.ix.VectorsFor(texts)
		e.mu.RUnlock()
		var missing []string
		var at []int
		for i, v := range out {
			if v == nil {
				missing = append(missing, texts[i])
				at = append(at, i)
			}
		}
		if len(missing) == 0 {
			return out, nil
		}
		vecs, err := base.Embed(ctx, missing)
		if err != nil {
			return nil, err
		}
		if len(vecs) != len(missing) {
			return nil, fmt.Errorf("embed: got %d vectors for %d texts", len(vecs), len(missing))
		}
		for j, i := range at {
			out[i] = vecs[j]
		}
		return out, nil
	}}
}

// warnProblems logs each corpus file problem once while it lasts: the
// running bot re-reads the corpus every WATCH_INTERVAL, and a bad file would
// otherwise be logged each time. Called with mu held.
func (e *Engine) warnProblems(problems []error) {
	now := make(map[string]bool, len(problems))
	for _, p := range problems {
		msg := p.Error()
		now[msg] = true
		if !e.warned[msg] {
			e.log.Warn("skipped a corpus file", "err", p)
		}
	}
	e.warned = now
}
