// Package pgtest finds a PostgreSQL server for tests of other packages and
// gives each test a schema of its own, dropped after it, so tests run in
// parallel and leave nothing behind. A test is skipped, saying why, when no
// server is reachable.
//
// On the machine's server the schemas are spread over a few databases
// (pgtest_0 … pgtest_7, made once and kept, empty): the store's migrations
// (jackc/tern) take one advisory lock per database, so in a single
// database every test's migration, of every package and every process,
// waits for the others. A database named by $STOREBOT_TEST_DATABASE_URL is
// used alone.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Env names a database URL to use instead of the machine's server.
const Env = "STOREBOT_TEST_DATABASE_URL"

var (
	once      sync.Once
	serverURL string
	why       string
)

// Server returns the URL of a reachable PostgreSQL: $STOREBOT_TEST_DATABASE_URL,
// else the machine's server on the loopback address (trust authentication)
// as postgres or root; it skips t when there is none.
func Server(t testing.TB) string {
	t.Helper()
	if !Reachable() {
		t.Skipf("no PostgreSQL reachable, skipping (set %s to a database to run these tests): %s", Env, why)
	}
	return serverURL
}

// Reachable reports whether Server finds a PostgreSQL, for a test of which
// only a part needs one.
func Reachable() bool {
	once.Do(func() {
		candidates := []string{
			"postgres://postgres@127.0.0.1:5432/test",
			"postgres://root@127.0.0.1:5432/test",
			"postgres://postgres@127.0.0.1:5432/postgres",
			"postgres://root@127.0.0.1:5432/root",
		}
		if u := os.Getenv(Env); u != "" {
			candidates = []string{u}
		}
		var errs []string
		for _, u := range candidates {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			conn, err := pgx.Connect(ctx, u)
			if err == nil {
				err = conn.Ping(ctx)
				conn.Close(ctx)
			}
			cancel()
			if err == nil {
				serverURL = u
				return
			}
			errs = append(errs, fmt.Sprintf("%s: %v", u, err))
		}
		why = strings.Join(errs, "; ")
	})
	return serverURL != ""
}

// databases is how many databases the machine's server spreads the schemas
// over.
const databases = 8

var (
	made         [databases]sync.Once
	madeErr      [databases]error
	nextDatabase atomic.Uint32
)

// database returns the URL of one of the databases schemas are spread over,
// making it the first time; base when $STOREBOT_TEST_DATABASE_URL names the
// database, or when one cannot be made (no CREATEDB right).
func database(t testing.TB, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if os.Getenv(Env) != "" || err != nil || u.Scheme == "" {
		return base
	}
	n := nextDatabase.Add(1) % databases
	name := fmt.Sprintf("pgtest_%d", n)
	made[n].Do(func() { madeErr[n] = createDatabase(base, name) })
	if madeErr[n] != nil {
		t.Logf("pgtest: using %s alone: %v", u.Redacted(), madeErr[n])
		return base
	}
	u.Path = "/" + name
	return u.String()
}

// createDatabase makes database name on base's server unless it exists;
// another process making it at the same time is fine.
func createDatabase(base, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "select exists (select 1 from pg_database where datname = $1)", name).Scan(&exists); err != nil || exists {
		return err
	}
	_, err = conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "42P04" || pgErr.Code == "23505") { // duplicate_database, unique_violation: made meanwhile
		return nil
	}
	return err
}

// Schema creates an empty schema, dropped when t ends, and returns a URL
// whose connections use it.
func Schema(t testing.TB) string {
	t.Helper()
	base := database(t, Server(t))
	b := make([]byte, 6)
	rand.Read(b)
	schema := "pgtest_" + hex.EncodeToString(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "create schema "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop test schema: %v", err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "drop schema "+schema+" cascade"); err != nil {
			t.Errorf("drop test schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" {
		return base + " search_path=" + schema
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
