package postgres

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/internal/iobound"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/postgres/pgtest"
	"github.com/newsbot/storybot/store/storetest"
)

// TestMain runs the tests many at once: they wait on PostgreSQL (whose
// migrations take one lock for the whole database), not on the CPU.
func TestMain(m *testing.M) { iobound.Main(m, nil) }

// server and freshSchema are pgtest's: a reachable server (or a skip
// saying why), and a schema of the test's own, dropped after it.
func server(t testing.TB) string      { return pgtest.Server(t) }
func freshSchema(t testing.TB) string { return pgtest.Schema(t) }

func openT(t testing.TB, dsn string, o store.Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	t.Parallel()
	server(t)
	storetest.Run(t, func(t *testing.T) func(*testing.T, store.Options) store.Store {
		dsn := freshSchema(t)
		return func(t *testing.T, o store.Options) store.Store {
			s, err := Open(t.Context(), dsn, o)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}, storetest.Caps{SharedChanges: true})
}

func migrationCount(t *testing.T) int32 {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("embedded migrations: %v (%d files)", err, len(names))
	}
	return int32(len(names))
}

func TestMigrationsApplyToEmptySchema(t *testing.T) {
	t.Parallel()
	dsn := freshSchema(t)
	s := openT(t, dsn, store.Options{})
	v, err := s.SchemaVersion(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := migrationCount(t); v != want {
		t.Errorf("schema version: got %d, want %d", v, want)
	}
	// Opening again applies nothing and keeps the data.
	if err := s.AddPin(t.Context(), store.Pin{GuildID: "g", ChannelID: "c", MessageID: "m"}); err != nil {
		t.Fatal(err)
	}
	again := openT(t, dsn, store.Options{})
	pins, err := again.LatestPins(t.Context(), "g", 1)
	if err != nil || len(pins) != 1 {
		t.Errorf("after reopening: got %v, %v; want the pin", pins, err)
	}
}

func TestMigrationsApplyToOlderSchema(t *testing.T) {
	t.Parallel()
	total := migrationCount(t)
	for n := int32(1); n < total; n++ {
		t.Run(fmt.Sprint("from version ", n), func(t *testing.T) {
			t.Parallel()
			dsn := freshSchema(t)
			old, err := open(t.Context(), dsn, store.Options{}, n)
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := old.SchemaVersion(t.Context()); v != n {
				t.Fatalf("old schema: got version %d, want %d", v, n)
			}
			// Data of the old schema (pins exist since version 1) survives.
			if err := old.AddPin(t.Context(), store.Pin{GuildID: "g", ChannelID: "c", MessageID: "old", Question: "kept?"}); err != nil {
				t.Fatal(err)
			}
			old.Close()
			s := openT(t, dsn, store.Options{})
			if v, _ := s.SchemaVersion(t.Context()); v != total {
				t.Errorf("migrated schema: got version %d, want %d", v, total)
			}
			pins, err := s.LatestPins(t.Context(), "g", 5)
			if err != nil || len(pins) != 1 || pins[0].Question != "kept?" {
				t.Errorf("pin from the old schema: got %+v, %v", pins, err)
			}
			a := store.Article{GuildID: "g", ID: "a", Text: "One.", Sentences: []store.Span{{Start: 0, End: 4}}, Dim: 2,
				Chunks: []store.Chunk{{Start: 0, End: 4, First: 0, Last: 1, Vector: []float32{1, 2}}}}
			if err := s.SaveArticle(t.Context(), a); err != nil {
				t.Errorf("article on the migrated schema: %v", err)
			}
		})
	}
}

func TestConcurrentStartsMigrateOnce(t *testing.T) {
	t.Parallel()
	dsn := freshSchema(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(t.Context(), dsn, store.Options{})
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("replica start: %v", err)
		}
	}
}

func TestRestartLoadsArticlesWithoutReembedding(t *testing.T) {
	t.Parallel()
	dsn := freshSchema(t)
	s, err := Open(t.Context(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float32{}
	for i := range 20 {
		a := store.Article{GuildID: fmt.Sprint("g", i%3), ID: fmt.Sprint("doc", i), Text: "Alpha. Beta.", Hash: fmt.Sprint("h", i),
			Sentences: []store.Span{{Start: 0, End: 6}, {Start: 7, End: 12}}, Embedder: "e", Dim: 3,
			Chunks: []store.Chunk{{Start: 0, End: 12, First: 0, Last: 2, Vector: []float32{float32(i), -float32(i), 0.5}}}}
		if err := s.SaveArticle(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		want[a.GuildID+"/"+a.ID] = a.Chunks[0].Vector
	}
	s.Close()
	restarted := openT(t, dsn, store.Options{})
	got := 0
	err = restarted.EachArticle(t.Context(), func(a store.Article) error {
		got++
		w := want[a.GuildID+"/"+a.ID]
		if len(a.Chunks) != 1 || fmt.Sprint(a.Chunks[0].Vector) != fmt.Sprint(w) {
			t.Errorf("%s/%s: got chunks %+v, want vector %v", a.GuildID, a.ID, a.Chunks, w)
		}
		return nil
	})
	if err != nil || got != len(want) {
		t.Errorf("after restart: got %d articles, %v; want %d", got, err, len(want))
	}
}

func TestChangeFeedSurvivesLostConnection(t *testing.T) {
	t.Parallel()
	dsn := freshSchema(t)
	a, b := openT(t, dsn, store.Options{}), openT(t, dsn, store.Options{})
	ch, err := b.Subscribe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// Kill b's listening connection, as a database restart or a proxy would.
	tag, err := a.pool.Exec(t.Context(), "select pg_terminate_backend(pid) from pg_stat_activity where query = $1",
		"listen "+pgx.Identifier{b.channel}.Sanitize())
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("terminate the listener: %v (%d rows)", err, tag.RowsAffected())
	}
	wait := func() store.Change {
		select {
		case c := <-ch:
			return c
		case <-time.After(60 * time.Second):
			t.Fatal("no change within 60s")
			return store.Change{}
		}
	}
	if c := wait(); c.Kind != store.ChangeResync {
		t.Fatalf("after losing the connection: got %+v, want a resync", c)
	}
	art := store.Article{GuildID: "g", ID: "after", Hash: "h"}
	if err := a.SaveArticle(t.Context(), art); err != nil {
		t.Fatal(err)
	}
	if c := wait(); c.Kind != store.ChangeSaved || c.ID != "after" {
		t.Errorf("after reconnecting: got %+v, want the save of g/after", c)
	}
}

// TestArticlesCompressWithLZ4: migration 6 makes new articles' text and
// vectors lz4-compressed when the server has lz4.
func TestArticlesCompressWithLZ4(t *testing.T) {
	t.Parallel()
	dsn := freshSchema(t)
	s := openT(t, dsn, store.Options{})
	var lz4 bool
	err := s.pool.QueryRow(t.Context(), "select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'").Scan(&lz4)
	if err != nil {
		t.Fatal(err)
	}
	if !lz4 {
		t.Skip("this PostgreSQL server was built without lz4")
	}
	// Large and repetitive enough to be compressed.
	text := strings.Repeat("The council met again. ", 400)
	a := store.Article{ID: "long", Text: text, Sentences: []store.Span{{Start: 0, End: len(text)}}, Dim: 1024,
		Chunks: []store.Chunk{{Start: 0, End: len(text), First: 0, Last: 1, Vector: make([]float32, 1024)}}}
	if err := s.SaveArticle(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	var textMethod, vectorsMethod *string
	err = s.pool.QueryRow(t.Context(), "select pg_column_compression(text), pg_column_compression(vectors) from articles where id = 'long'").Scan(&textMethod, &vectorsMethod)
	if err != nil {
		t.Fatal(err)
	}
	if textMethod == nil || *textMethod != "lz4" || vectorsMethod == nil || *vectorsMethod != "lz4" {
		t.Errorf("text compressed with %v, vectors with %v; want lz4 both", deref(textMethod), deref(vectorsMethod))
	}
	got, err := s.Article(t.Context(), a.Key())
	if err != nil || got.Text != text || len(got.Chunks) != 1 || len(got.Chunks[0].Vector) != 1024 {
		t.Errorf("read back: %v, text of %d bytes, chunks %d", err, len(got.Text), len(got.Chunks))
	}
}

func deref(s *string) string {
	if s == nil {
		return "(none)"
	}
	return *s
}

// TestStemsMigration: an article saved before migration 7 reads back
// without stems (tokenised at start, as before); saved again, with them.
func TestStemsMigration(t *testing.T) {
	t.Parallel()
	dsn := freshSchema(t)
	old, err := open(t.Context(), dsn, store.Options{}, 6)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.pool.Exec(t.Context(), `insert into articles
		(guild_id, id, title, url, source, text, hash, embedder, dim, sentences, chunks, vectors, saved)
		values ('', 'a', '', '', '', 'One. Two.', 'h', 'e', 1, '{0,4,5,9}', '{0,4,0,1,5,9,1,2}', '\x0000803f0000803f', now())`); err != nil {
		t.Fatal(err)
	}
	old.Close()
	s := openT(t, dsn, store.Options{})
	a, err := s.Article(t.Context(), store.ArticleKey{ID: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Chunks) != 2 || a.Chunks[0].Stems != nil || a.Chunks[1].Stems != nil || a.Stemmer != "" {
		t.Fatalf("article from version 6: got stemmer %q, chunks %+v; want two chunks without stems", a.Stemmer, a.Chunks)
	}
	a.Stemmer = "s1"
	a.Chunks[0].Stems, a.Chunks[1].Stems = []string{"one"}, []string{"two", "two"}
	if err := s.SaveArticle(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(t.Context(), a.Key())
	if err != nil {
		t.Fatal(err)
	}
	if got.Stemmer != "s1" || fmt.Sprint(got.Chunks[0].Stems, got.Chunks[1].Stems) != "[one] [two two]" {
		t.Errorf("saved again: got stemmer %q, stems %q %q; want s1, [one] [two two]", got.Stemmer, got.Chunks[0].Stems, got.Chunks[1].Stems)
	}
}
