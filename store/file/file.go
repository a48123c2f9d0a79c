// Package file keeps the bot's state (store's interfaces) in files under
// the data folder, the default for one process. Logs (pins, votes,
// questions) are JSON lines, each appended whole and fsynced so a crash can
// at worst tear the last line, which reading skips; small files
// (conversations, sources, indexes) are replaced atomically (write, fsync,
// rename). Every mutation holds an advisory file lock, so a command-line
// run beside the running bot does not interleave writes.
//
// Layout under the folder, one file per guild ("_" is the empty guild,
// ids that are not plain letters and digits are hex-encoded):
//
//	pins/<guild>.jsonl            pinned answers, newest last
//	votes/<guild>.jsonl           feedback votes, the latest per member and answer counts
//	questions/<guild>.jsonl       the question log
//	conversations/<guild>/<id>.json   a conversation's last turns
//	sources/<guild>.json          sources and feed state
//	seen/<guild>/<feed>.jsonl     item keys a feed has seen
//	source_files/<guild>/<id>     an added article's file (SourceFiles)
//	settings/<guild>.json         per-server settings
//	articles/<guild>/<id>.gob     an article with chunks and vectors
//	articles/<guild>/index.json   id → hash of the guild's articles
//	locks/                        lock files of Locker
//
// Changes are announced to subscribers of the same Store only: another
// process does not hear them (use PostgreSQL for replicas).
package file

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/internal/hub"
)

// Store is the file implementation of store.Store.
type Store struct {
	dir  string
	opt  store.Options
	hub  *hub.Hub
	lock *os.File // held while writing, across processes

	mu       sync.Mutex // serialises this process's writes
	repaired map[string]bool
}

var _ store.Store = (*Store)(nil)

// Open opens (creating) the store in dir and moves a pins.jsonl written by
// earlier versions into the per-guild layout.
func Open(dir string, opt store.Options) (*Store, error) {
	if dir == "" {
		return nil, errors.New("open file store: no data dir set (DATA_DIR)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open file store: %w", err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, ".store.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open file store: %w", err)
	}
	s := &Store{dir: dir, opt: opt.WithDefaults(), hub: hub.New(), lock: lock, repaired: map[string]bool{}}
	if err := s.migrateLegacyPins(); err != nil {
		lock.Close()
		return nil, fmt.Errorf("open file store: %w", err)
	}
	return s, nil
}

// Close releases the lock file.
func (s *Store) Close() error { return s.lock.Close() }

// write runs fn holding this process's mutex and the folder's file lock.
func (s *Store) write(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := lockFile(s.lock, true); err != nil {
		return fmt.Errorf("lock data dir: %w", err)
	}
	defer unlockFile(s.lock)
	return fn()
}

// name turns an id into a file name: plain ids as they are, anything else
// (the empty guild included) as "_" and its hex, or, when that would make
// too long a name, "_h" and its SHA-256, so names never collide.
func name(id string) string {
	plain := id != ""
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			plain = false
			break
		}
	}
	if plain && len(id) <= 64 {
		return id
	}
	if len(id) <= 60 {
		return "_" + hex.EncodeToString([]byte(id))
	}
	sum := sha256.Sum256([]byte(id))
	return "_h" + hex.EncodeToString(sum[:])
}

func (s *Store) path(parts ...string) string {
	return filepath.Join(append([]string{s.dir}, parts...)...)
}

func ctxErr(ctx context.Context, step string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", step, err)
	}
	return nil
}
