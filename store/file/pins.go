package file

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbot/storybot/internal/atomicfile"
	"github.com/newsbot/storybot/store"
)

// legacyPins is the single pins log of versions before this store.
const legacyPins = "pins.jsonl"

func (s *Store) pinPath(guildID string) string {
	return s.path("pins", name(guildID)+".jsonl")
}

// AddPin appends p to its guild's log.
func (s *Store) AddPin(ctx context.Context, p store.Pin) error {
	if err := ctxErr(ctx, "record pin"); err != nil {
		return err
	}
	if err := store.CheckPin(p); err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	if p.Status == "" {
		p.Status = store.PinCurrent
	}
	if p.PinnedAt.IsZero() {
		p.PinnedAt = s.opt.Now()
	}
	if err := s.write(func() error { return s.appendLine(s.pinPath(p.GuildID), p) }); err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	return nil
}

// LatestPins reads the guild's log from its end until n pins are found.
func (s *Store) LatestPins(ctx context.Context, guildID string, n int) ([]store.Pin, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	var out []store.Pin
	if n <= 0 {
		return out, nil
	}
	seen := map[store.PinKey]bool{}
	err := readLinesBackward(s.pinPath(guildID), func(p store.Pin) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.MessageID == "" || seen[p.Key()] {
			return nil
		}
		seen[p.Key()] = true
		out = append(out, normalPin(p))
		if len(out) == n {
			return errStop
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	return out, nil
}

// CountPins counts the guild's distinct pins from the end of its log back
// to the first one pinned before since.
func (s *Store) CountPins(ctx context.Context, guildID string, since time.Time) (int, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return 0, fmt.Errorf("count pins: %w", err)
	}
	seen := map[store.PinKey]bool{}
	err := readLinesBackward(s.pinPath(guildID), func(p store.Pin) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p.PinnedAt.Before(since) {
			return errStop
		}
		if p.MessageID != "" {
			seen[p.Key()] = true
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count pins: %w", err)
	}
	return len(seen), nil
}

// guildPins returns the latest record of each pin of one log, oldest
// first.
func guildPins(path string) ([]store.Pin, error) {
	var all []store.Pin
	at := map[store.PinKey]int{}
	err := readLines(path, func(p store.Pin) error {
		if p.MessageID == "" {
			return nil
		}
		if i, ok := at[p.Key()]; ok {
			all[i] = store.Pin{} // superseded: dropped below
		}
		at[p.Key()] = len(all)
		all = append(all, normalPin(p))
		return nil
	})
	out := all[:0]
	for _, p := range all {
		if p.MessageID != "" {
			out = append(out, p)
		}
	}
	return out, err
}

// SetPinChecks rewrites each affected guild's log once, compacting it.
func (s *Store) SetPinChecks(ctx context.Context, checks []store.PinCheck) error {
	byGuild := map[string]map[store.PinKey]store.PinCheck{}
	for _, c := range checks {
		if byGuild[c.Key.GuildID] == nil {
			byGuild[c.Key.GuildID] = map[store.PinKey]store.PinCheck{}
		}
		byGuild[c.Key.GuildID][c.Key] = c
	}
	err := s.write(func() error {
		for guildID, cs := range byGuild {
			if err := ctx.Err(); err != nil {
				return err
			}
			path := s.pinPath(guildID)
			pins, err := guildPins(path)
			if err != nil {
				return err
			}
			changed := false
			var buf bytes.Buffer
			for _, p := range pins {
				if c, ok := cs[p.Key()]; ok {
					p.Status, p.CheckedAt, p.Detail = c.Status, c.CheckedAt, c.Detail
					changed = true
				}
				line, err := json.Marshal(p)
				if err != nil {
					return err
				}
				buf.Write(line)
				buf.WriteByte('\n')
			}
			if changed {
				if err := atomicfile.Write(path, buf.Bytes()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record pin checks: %w", err)
	}
	return nil
}

// EachPin walks every guild's log.
func (s *Store) EachPin(ctx context.Context, fn func(store.Pin) error) error {
	paths, err := filepath.Glob(s.path("pins", "*.jsonl"))
	if err != nil {
		return fmt.Errorf("list pins: %w", err)
	}
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("list pins: %w", err)
		}
		pins, err := guildPins(path)
		if err != nil {
			return fmt.Errorf("list pins: %w", err)
		}
		for _, p := range pins {
			if err := fn(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// normalPin gives records written before statuses existed their status.
func normalPin(p store.Pin) store.Pin {
	if p.Status == "" {
		p.Status = store.PinCurrent
	}
	return p
}

// migrateLegacyPins splits an old single pins.jsonl into per-guild logs and
// renames it, so nothing pinned before is lost.
func (s *Store) migrateLegacyPins() error {
	old := s.path(legacyPins)
	if _, err := os.Stat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return s.write(func() error {
		err := readLines(old, func(p store.Pin) error {
			if p.MessageID == "" || store.CheckPin(p) != nil {
				return nil
			}
			return s.appendLine(s.pinPath(p.GuildID), p)
		})
		if err != nil {
			return fmt.Errorf("move %s: %w", legacyPins, err)
		}
		if err := os.Rename(old, strings.TrimSuffix(old, ".jsonl")+".migrated.jsonl"); err != nil {
			return fmt.Errorf("move %s: %w", legacyPins, err)
		}
		return atomicfile.SyncDir(s.dir)
	})
}
