// Package postgres keeps the bot's state (store's interfaces) in
// PostgreSQL through pgx, so several replicas share it: pins, votes and
// conversation turns made through one are seen by all; articles are saved
// with their chunks and vectors so each replica builds its index without
// re-embedding; a saved or deleted article is announced with NOTIFY to
// every replica's Subscribe; TryLock is a session advisory lock.
//
// Open applies the embedded schema migrations (migrations/*.sql, with
// github.com/jackc/tern/v2/migrate, which serialises concurrent starts with
// an advisory lock) before returning. Tables live in the connection's
// search_path schema (public unless the URL says ?search_path=…), so one
// database can hold several independent stores; the NOTIFY channel and
// lock keys are named after that schema too.
//
// DATABASE_URL is a pgx connection string: besides the usual
// postgres://user@host:port/db it takes pgxpool's pool_max_conns (default
// the larger of 4 and the number of CPUs; each lock TryLock holds keeps
// one of them, and the Subscribe listener opens one more beside the pool)
// and any run-time parameter such as search_path.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/tern/v2/migrate"

	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/internal/hub"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// versionTable records the schema version tern has applied.
const versionTable = "storybot_schema_version"

// Store is the PostgreSQL implementation of store.Store.
type Store struct {
	pool    *pgxpool.Pool
	opt     store.Options
	schema  string
	channel string // NOTIFY channel of this schema's article changes

	hub          *hub.Hub
	listenMu     sync.Mutex // guards starting and stopping the listener
	stopListener context.CancelFunc
	listenerDone chan struct{}
}

var _ store.Store = (*Store)(nil)

// Open connects to databaseURL, applies every pending migration and
// returns the store.
func Open(ctx context.Context, databaseURL string, opt store.Options) (*Store, error) {
	return open(ctx, databaseURL, opt, -1)
}

// open applies migrations up to target (-1: all).
func open(ctx context.Context, databaseURL string, opt store.Options, target int32) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("open database: parse DATABASE_URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	s := &Store{pool: pool, opt: opt.WithDefaults(), hub: hub.New()}
	if err := pool.QueryRow(ctx, "select current_schema()").Scan(&s.schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	if s.schema == "" {
		pool.Close()
		return nil, errors.New("open database: no schema: the search_path names none that exists")
	}
	s.channel = channelName(s.schema)
	if err := s.migrate(ctx, target); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// channelName fits "storybot_<schema>" in an identifier's 63 bytes.
func channelName(schema string) string {
	c := "storybot_" + schema
	if len(c) > 63 {
		h := fnv.New64a()
		h.Write([]byte(schema))
		c = fmt.Sprintf("storybot_%x", h.Sum64())
	}
	return c
}

// migrate applies the embedded migrations up to target (-1: all).
func (s *Store) migrate(ctx context.Context, target int32) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	defer conn.Release()
	m, err := migrate.NewMigrator(ctx, conn.Conn(), versionTable)
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	if err := m.LoadMigrations(sub); err != nil {
		return fmt.Errorf("migrate schema: load migrations: %w", err)
	}
	if target < 0 {
		err = m.Migrate(ctx)
	} else {
		err = m.MigrateTo(ctx, target)
	}
	if err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}

// SchemaVersion reports the applied migration version.
func (s *Store) SchemaVersion(ctx context.Context) (int32, error) {
	var v int32
	err := s.pool.QueryRow(ctx, "select version from "+versionTable).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// Close stops the change listener and closes the pool.
func (s *Store) Close() error {
	s.listenMu.Lock()
	if s.stopListener != nil {
		s.stopListener()
		<-s.listenerDone
	}
	s.listenMu.Unlock()
	s.pool.Close()
	return nil
}

// lockKey turns a lock name into an advisory lock key of this schema.
func (s *Store) lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(s.schema))
	h.Write([]byte{0})
	h.Write([]byte(name))
	return int64(h.Sum64())
}

// TryLock takes a session advisory lock on a connection of its own, held
// until unlock; if the replica dies, PostgreSQL releases it.
func (s *Store) TryLock(ctx context.Context, name string) (func(), bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("take lock %q: %w", name, err)
	}
	key := s.lockKey(name)
	var ok bool
	if err := conn.QueryRow(ctx, "select pg_try_advisory_lock($1)", key).Scan(&ok); err != nil {
		conn.Release()
		return nil, false, fmt.Errorf("take lock %q: %w", name, err)
	}
	if !ok {
		conn.Release()
		return nil, false, nil
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			// Unlocking must not depend on the caller's (maybe ended)
			// context; if it fails, closing the connection releases it.
			if _, err := conn.Exec(context.WithoutCancel(ctx), "select pg_advisory_unlock($1)", key); err != nil {
				conn.Hijack().Close(context.Background())
				return
			}
			conn.Release()
		})
	}, true, nil
}

func notFound(what, id string) error { return fmt.Errorf("%s %q: %w", what, id, store.ErrNotFound) }

// isNoRows reports pgx's "no rows" error.
func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
