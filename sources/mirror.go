package sources

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsbot/storybot/internal/atomicfile"
	"github.com/newsbot/storybot/store"
)

// Replicas.
//
// With Options.Files (PostgreSQL, DATABASE_URL), the store holds a copy of
// every article file the manager writes, and each replica writes its own
// folders from it: Mirror at start (and after a lost connection), and
// FollowStore for every ChangeSource the store announces, so an article
// one replica fetches is in every replica's folder, and indexed there,
// within the time a sync takes. The folders stay what the index reads,
// per-server indexes included, so nothing in rag changes with the store:
// a folder is only a replica's copy of the store's files.
//
// Mirroring was chosen over indexing the store's files directly because
// the index already follows the folders by file stamps (SyncAll), guild
// engines open and close with their folder, and quotes are re-checked
// against the files; one copy per replica on disk is the price.

// Mirror brings every folder in line with the store's files: it writes
// those missing or different, and removes the files of sources removed
// from the store. A file of a source the store holds without one (written
// before the store kept files) is stored. It reports whether any folder
// changed; it does nothing without Options.Files.
func (m *Manager) Mirror(ctx context.Context) (bool, error) {
	if m.opts.Files == nil {
		return false, nil
	}
	m.folders.Lock()
	defer m.folders.Unlock()
	stored, err := m.opts.Files.SourceFileHashes(ctx)
	if err != nil {
		return false, fmt.Errorf("mirror sources: %w", err)
	}
	byGuild := map[string]map[string]string{"": {}}
	for k, h := range stored {
		if byGuild[k.GuildID] == nil {
			byGuild[k.GuildID] = make(map[string]string)
		}
		byGuild[k.GuildID][k.ID] = h
	}
	if m.opts.Guilds != nil {
		for _, g := range m.opts.Guilds() {
			if byGuild[g] == nil {
				byGuild[g] = map[string]string{}
			}
		}
	}
	changed := false
	var errs []error
	for g, hashes := range byGuild {
		c, err := m.mirrorGuild(ctx, g, hashes)
		changed = changed || c
		if err != nil {
			if ctx.Err() != nil {
				return changed, ctx.Err()
			}
			errs = append(errs, fmt.Errorf("mirror sources of guild %q: %w", g, err))
		}
	}
	return changed, errors.Join(errs...)
}

// mirrorGuild brings guildID's folder in line with hashes, the store's
// files of the guild by source id. m.folders is held.
func (m *Manager) mirrorGuild(ctx context.Context, guildID string, hashes map[string]string) (bool, error) {
	dir := m.opts.Folder(guildID)
	if dir == "" {
		return false, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	changed := false
	local := make(map[string]bool, len(entries))
	for _, ent := range entries {
		id, ok := strings.CutSuffix(ent.Name(), ".html")
		if !ok || ent.IsDir() || strings.HasPrefix(id, ".") {
			continue
		}
		local[id] = true
		if _, ok := hashes[id]; ok {
			continue
		}
		key := store.SourceKey{GuildID: guildID, ID: id}
		_, err := m.opts.Store.Source(ctx, key)
		switch {
		case err == nil:
			// Written before the store kept files: share it.
			data, err := os.ReadFile(filepath.Join(dir, ent.Name()))
			if err != nil {
				return changed, err
			}
			if err := m.opts.Files.PutSourceFile(ctx, key, data); err != nil {
				return changed, err
			}
		case errors.Is(err, store.ErrNotFound):
			if err := os.Remove(filepath.Join(dir, ent.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return changed, err
			}
			changed = true
		default:
			return changed, err
		}
	}
	for id, h := range hashes {
		if local[id] && fileHash(filepath.Join(dir, fileName(id))) == h {
			continue
		}
		c, err := m.fetchFile(ctx, store.SourceKey{GuildID: guildID, ID: id})
		changed = changed || c
		if err != nil {
			return changed, err
		}
	}
	return changed, nil
}

// fileHash is the FileHash of the file at path ("" when unreadable).
func fileHash(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return store.FileHash(data)
}

// fetchFile writes key's file from the store, or removes it when the
// store has none. m.folders is held.
func (m *Manager) fetchFile(ctx context.Context, key store.SourceKey) (bool, error) {
	path := filepath.Join(m.opts.Folder(key.GuildID), fileName(key.ID))
	data, err := m.opts.Files.SourceFile(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return removeFile(path)
	}
	if err != nil {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, err
	}
	// A copy of the store's file: one a crash left short differs from
	// the store's hash, so the next Mirror (at start, before the index
	// reads the folder) writes it again; a fresh replica writes
	// thousands, where an fsync each would be most of its start.
	return true, atomicfile.WriteCopy(path, data)
}

// removeFile removes path, reporting whether it was there.
func removeFile(path string) (bool, error) {
	err := os.Remove(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// apply brings one source's file in line with a ChangeSource.
func (m *Manager) apply(ctx context.Context, c store.Change) (bool, error) {
	m.folders.Lock()
	defer m.folders.Unlock()
	dir := m.opts.Folder(c.GuildID)
	if dir == "" {
		return false, nil
	}
	path := filepath.Join(dir, fileName(c.ID))
	if c.Hash == "" {
		return removeFile(path)
	}
	if fileHash(path) == c.Hash {
		return false, nil // written here, or already mirrored
	}
	return m.fetchFile(ctx, store.SourceKey{GuildID: c.GuildID, ID: c.ID})
}

// FollowStore keeps the folders in line with the store until ctx ends:
// it mirrors everything once (after subscribing, so nothing is missed),
// then each source file another replica stores or removes, and indexes
// what changed (the changes that arrive together in one go). A lost
// connection (ChangeResync) mirrors everything again. Failures are logged
// and retried with the next change. It returns nil when ctx ends, at once
// without Options.Files.
func (m *Manager) FollowStore(ctx context.Context) error {
	if m.opts.Files == nil {
		return nil
	}
	ch, err := m.opts.Files.Subscribe(ctx)
	if err != nil {
		return fmt.Errorf("follow the store's sources: %w", err)
	}
	changed, err := m.Mirror(ctx)
	if err != nil && ctx.Err() == nil {
		m.log.Error("mirror the store's sources", "err", err)
	}
	for {
		if changed {
			if err := m.index(ctx); err != nil && ctx.Err() == nil {
				m.log.Error("index sources from the store", "err", err)
			}
		}
		changed = false
		var c store.Change
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case c, ok = <-ch:
			if !ok {
				return nil
			}
		}
		pending := []store.Change{c}
		for drained := false; !drained; {
			select {
			case c, ok = <-ch:
				if !ok {
					return nil
				}
				pending = append(pending, c)
			default:
				drained = true
			}
		}
		for _, c := range pending {
			var err error
			var did bool
			switch c.Kind {
			case store.ChangeResync:
				did, err = m.Mirror(ctx)
			case store.ChangeSource:
				did, err = m.apply(ctx, c)
			default:
				continue
			}
			changed = changed || did
			if err != nil && ctx.Err() == nil {
				m.log.Error("mirror a source from the store", "source", c.ID, "guild", c.GuildID, "err", err)
			}
		}
	}
}
