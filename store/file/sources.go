package file

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/newsbot/storybot/internal/atomicfile"
	"github.com/newsbot/storybot/store"
)

func (s *Store) sourcesPath(guildID string) string {
	return s.path("sources", name(guildID)+".json")
}

func (s *Store) seenPath(feed store.SourceKey) string {
	return s.path("seen", name(feed.GuildID), name(feed.ID)+".jsonl")
}

func readSources(path string) ([]store.Source, error) {
	var ss []store.Source
	err := readJSON(path, &ss)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return ss, err
}

// PutSource rewrites the guild's sources file.
func (s *Store) PutSource(ctx context.Context, src store.Source) error {
	if err := ctxErr(ctx, "save source"); err != nil {
		return err
	}
	if err := store.CheckSource(src); err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	err := s.write(func() error {
		path := s.sourcesPath(src.GuildID)
		ss, err := readSources(path)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ss, func(o store.Source) bool { return o.ID == src.ID })
		if i >= 0 {
			src.Added = ss[i].Added
			ss[i] = src
		} else {
			if src.Added.IsZero() {
				src.Added = s.opt.Now()
			}
			ss = append(ss, src)
		}
		return writeJSONAtomic(path, ss)
	})
	if err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	return nil
}

// Source returns one source.
func (s *Store) Source(ctx context.Context, key store.SourceKey) (store.Source, error) {
	ss, err := s.ListSources(ctx, key.GuildID)
	if err != nil {
		return store.Source{}, err
	}
	for _, src := range ss {
		if src.ID == key.ID {
			return src, nil
		}
	}
	return store.Source{}, fmt.Errorf("read source %q: %w", key.ID, store.ErrNotFound)
}

// ListSources reads the guild's sources file.
func (s *Store) ListSources(ctx context.Context, guildID string) ([]store.Source, error) {
	if err := ctxErr(ctx, "list sources"); err != nil {
		return nil, err
	}
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	ss, err := readSources(s.sourcesPath(guildID))
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].Added.Before(ss[j].Added) })
	return ss, nil
}

// RemoveSource drops a source and the keys its feed has seen.
func (s *Store) RemoveSource(ctx context.Context, key store.SourceKey) error {
	if err := ctxErr(ctx, "remove source"); err != nil {
		return err
	}
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	hadFile := false
	err := s.write(func() error {
		path := s.sourcesPath(key.GuildID)
		ss, err := readSources(path)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ss, func(o store.Source) bool { return o.ID == key.ID })
		if i < 0 {
			return fmt.Errorf("source %q: %w", key.ID, store.ErrNotFound)
		}
		if err := writeJSONAtomic(path, slices.Delete(ss, i, i+1)); err != nil {
			return err
		}
		if err := os.Remove(s.seenPath(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		err = os.Remove(s.sourceFilePath(key))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		hadFile = err == nil
		return err
	})
	if err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	if hadFile {
		s.hub.Publish(store.Change{Kind: store.ChangeSource, GuildID: key.GuildID, ID: key.ID})
	}
	return nil
}

// Feeds reads every guild's sources file.
func (s *Store) Feeds(ctx context.Context) ([]store.Source, error) {
	paths, err := filepath.Glob(s.path("sources", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	var out []store.Source
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		ss, err := readSources(path)
		if err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		for _, src := range ss {
			if src.Kind == store.KindFeed {
				out = append(out, src)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Added.Before(out[j].Added) })
	return out, nil
}

// MarkSeen appends the new keys to the feed's log, compacting it to the
// last MaxSeenKeys when it has grown to twice that.
func (s *Store) MarkSeen(ctx context.Context, feed store.SourceKey, keys []string) ([]string, error) {
	if err := ctxErr(ctx, "mark seen"); err != nil {
		return nil, err
	}
	if err := store.CheckID("guild id", feed.GuildID); err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	if err := store.CheckSeenKeys(keys); err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	var fresh []string
	err := s.write(func() error {
		path := s.seenPath(feed)
		var all []string
		seen := map[string]bool{}
		if err := readLines(path, func(k string) error {
			all = append(all, k)
			seen[k] = true
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if seen[k] {
				continue
			}
			seen[k] = true
			fresh = append(fresh, k)
			all = append(all, k)
		}
		if len(all) >= 2*store.MaxSeenKeys {
			var buf []byte
			for _, k := range all[len(all)-store.MaxSeenKeys:] {
				buf = appendJSONString(buf, k)
			}
			return atomicfile.Write(path, buf)
		}
		for _, k := range fresh {
			if err := s.appendLine(path, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	return fresh, nil
}

func (s *Store) sourceFilePath(key store.SourceKey) string {
	return s.path("source_files", name(key.GuildID), name(key.ID))
}

// PutSourceFile replaces the source's file and announces it.
func (s *Store) PutSourceFile(ctx context.Context, key store.SourceKey, data []byte) error {
	if err := ctxErr(ctx, "save source file"); err != nil {
		return err
	}
	if err := store.CheckSourceFile(key, data); err != nil {
		return fmt.Errorf("save source file: %w", err)
	}
	if err := s.write(func() error { return atomicfile.Write(s.sourceFilePath(key), data) }); err != nil {
		return fmt.Errorf("save source file: %w", err)
	}
	s.hub.Publish(store.Change{Kind: store.ChangeSource, GuildID: key.GuildID, ID: key.ID, Hash: store.FileHash(data)})
	return nil
}

// SourceFile reads one source's file.
func (s *Store) SourceFile(ctx context.Context, key store.SourceKey) ([]byte, error) {
	if err := ctxErr(ctx, "read source file"); err != nil {
		return nil, err
	}
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return nil, fmt.Errorf("read source file: %w", err)
	}
	data, err := os.ReadFile(s.sourceFilePath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read source file %q: %w", key.ID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read source file: %w", err)
	}
	return data, nil
}

// SourceFileHashes hashes the stored file of every source that has one;
// the guild and id of each come from the sources files, as a file's name
// may be a hash of them.
func (s *Store) SourceFileHashes(ctx context.Context) (map[store.SourceKey]string, error) {
	paths, err := filepath.Glob(s.path("sources", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list source files: %w", err)
	}
	out := make(map[store.SourceKey]string)
	for _, path := range paths {
		ss, err := readSources(path)
		if err != nil {
			return nil, fmt.Errorf("list source files: %w", err)
		}
		for _, src := range ss {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("list source files: %w", err)
			}
			key := store.SourceKey{GuildID: src.GuildID, ID: src.ID}
			data, err := os.ReadFile(s.sourceFilePath(key))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("list source files: %w", err)
			}
			out[key] = store.FileHash(data)
		}
	}
	return out, nil
}
