package rag

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/gofrs/flock"

	"github.com/newsbot/storybot/rag/index"
)

// holdLock takes the data folder's lock as another process would.
func holdLock(t *testing.T, data string) *flock.Flock {
	t.Helper()
	fl := flock.New(filepath.Join(data, lockFile))
	ok, err := fl.TryLock()
	if err != nil || !ok {
		t.Fatalf("take the lock: %v %v", ok, err)
	}
	t.Cleanup(func() { fl.Unlock() })
	return fl
}

// signalHandler is a log handler that tells a test when a message with a
// given text is logged.
type signalHandler struct {
	slog.Handler
	text string
	once sync.Once
	seen chan struct{}
}

func (h *signalHandler) Handle(ctx context.Context, r slog.Record) error {
	if strings.Contains(r.Message, h.text) {
		h.once.Do(func() { close(h.seen) })
	}
	return nil
}

func (h *signalHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *signalHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *signalHandler) WithGroup(string) slog.Handler            { return h }

// TestSecondWriterWaits holds the lock as another process: a writer waits
// for it, says so in the log, and goes on once it is released; a writer
// whose context ends first says clearly that another process holds it.
func TestSecondWriterWaits(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
	fl := holdLock(t, data)

	ctx, cancel := context.WithCancel(context.Background())
	h := &signalHandler{Handler: slog.DiscardHandler, text: "waiting", seen: make(chan struct{})}
	go func() {
		<-h.seen
		cancel()
	}()
	_, _, err := Open(ctx, Options{CorpusDir: testCorpus, DataDir: data, Logger: slog.New(h)}, nil)
	if !errors.Is(err, ErrBusy) || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "another process") || !strings.Contains(err.Error(), lockFile) {
		t.Errorf("got %v, want ErrBusy naming the lock", err)
	}

	h = &signalHandler{Handler: slog.DiscardHandler, text: "waiting", seen: make(chan struct{})}
	go func() {
		<-h.seen
		fl.Unlock()
	}()
	e, st, err := Open(context.Background(), Options{CorpusDir: testCorpus, DataDir: data, Logger: slog.New(h)}, nil)
	if err != nil {
		t.Fatalf("after the lock was released: %v", err)
	}
	if st.Embedded != 0 {
		t.Errorf("got %d chunks embedded, want 0", st.Embedded)
	}
	askCites(t, e, "How much honey did the beekeepers collect?", "tessin-honey.md")
}

// TestWritersAndReadersShareAFolder runs two engines that keep changing and
// saving one data folder while a reader keeps loading it: no save fails, no
// load fails or sees a mix of two saves, and the folder ends whole.
func TestWritersAndReadersShareAFolder(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	a, _ := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	b, _ := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	const rounds = 6
	embedder := a.ix.Embedder()
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds+1)
	for w, e := range []*Engine{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				name := fmt.Sprintf("writer%d-%d.md", w, i)
				body := fmt.Sprintf("---\ntitle: Bulletin %d from desk %d\n---\nDesk %d filed bulletin %d about the harbour lights.\n", i, w, w, i)
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					errs <- err
					return
				}
				if _, err := e.Sync(context.Background(), nil); err != nil {
					errs <- fmt.Errorf("writer %d sync %d: %w", w, i, err)
				}
			}
		}()
	}
	done := make(chan struct{})
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for loads := 0; ; loads++ {
			select {
			case <-done:
				return
			default:
			}
			// A load that fails gives an empty index, to be rebuilt.
			ix := index.Open(filepath.Join(data, "index"), embedder, slog.New(slog.DiscardHandler))
			if ix.Len() == 0 {
				errs <- fmt.Errorf("load %d during saves found no index", loads)
				return
			}
			if err := ix.CheckConsistency(context.Background()); err != nil {
				errs <- fmt.Errorf("load %d during saves: %w", loads, err)
				return
			}
		}
	}()
	wg.Wait()
	close(done)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if st.Embedded != 0 || st.Documents != 3+2*rounds {
		t.Errorf("reopen: got %+v, want %d documents and nothing to embed", st, 3+2*rounds)
	}
	askCites(t, e, "What did desk 1 file in bulletin 5?", "writer1-5.md")
}

// helperEnv names the data folder when the test binary runs as a helper
// process of TestTwoProcesses.
const helperEnv = "RAG_TEST_HELPER_DATA"

// TestHelperProcess is not a test: it is one of the processes that
// TestTwoProcesses starts. It opens the engine and prints its stats.
func TestHelperProcess(t *testing.T) {
	t.Parallel()
	data := os.Getenv(helperEnv)
	if data == "" {
		t.Skip("helper process of TestTwoProcesses")
	}
	_, st, err := Open(context.Background(), Options{CorpusDir: testCorpus, DataDir: data}, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(st)
	os.Exit(0)
}

// TestTwoProcesses starts processes at once on one empty data folder: all
// succeed, and the index is built once, the others loading it.
func TestTwoProcesses(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	const procs = 3
	outs := make([][]byte, procs)
	errs := make([]error, procs)
	var wg sync.WaitGroup
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
			cmd.Env = append(os.Environ(), helperEnv+"="+data)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			outs[i], errs[i] = cmd.Output()
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%w: %s", errs[i], stderr.String())
			}
		}()
	}
	wg.Wait()
	embedded := 0
	for i := range procs {
		if errs[i] != nil {
			t.Fatalf("process %d: %v", i, errs[i])
		}
		var st SyncStats
		if err := json.Unmarshal(outs[i], &st); err != nil {
			t.Fatalf("process %d printed %q: %v", i, outs[i], err)
		}
		if st.Documents != 3 {
			t.Errorf("process %d: got %d documents, want 3", i, st.Documents)
		}
		embedded += st.Embedded
	}
	if all := chunkCount(loadCorpus(t, testCorpus)); embedded != all {
		t.Errorf("the processes embedded %d chunks in all, want %d: the index was built once", embedded, all)
	}
	_, st := openEngine(t, Options{CorpusDir: testCorpus, DataDir: data})
	if st.Embedded != 0 {
		t.Errorf("reopen: got %d embedded, want 0", st.Embedded)
	}
}

// TestReadOnlyDataFolder makes the data folder unwritable (injected, as root
// writes anywhere): the engine still opens and answers, from an index synced
// in memory, and saves nothing. It replaces mkdirAll for the package, so it
// is the one test here that does not run in parallel: the parallel ones
// start once every sequential one has returned.
func TestReadOnlyDataFolder(t *testing.T) {
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})
	lighthouse, err := os.ReadFile("testdata/onechunk/lighthouse.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lighthouse.md"), lighthouse, 0o644); err != nil {
		t.Fatal(err)
	}

	mkdirAll = func(path string, _ os.FileMode) error {
		return &fs.PathError{Op: "mkdir", Path: path, Err: syscall.EROFS}
	}
	t.Cleanup(func() { mkdirAll = os.MkdirAll })
	log, logs := logBuffer()
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data, Logger: log})
	if st.Added != 1 || st.Documents != 4 {
		t.Errorf("read-only: got %+v, want the new article added in memory", st)
	}
	askCites(t, e, "Who repainted the Skerry Point lighthouse?", "lighthouse.md")
	if !strings.Contains(logs.String(), "read-only") {
		t.Errorf("the log does not say the index is not saved:\n%s", logs)
	}

	mkdirAll = os.MkdirAll
	_, st = openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if st.Added != 1 {
		t.Errorf("writable again: got %+v, want the article added now, as nothing was saved before", st)
	}
}

// TestChmodReadOnlyDataFolder is the same with real permissions; root
// ignores them, so it runs only as another user.
func TestChmodReadOnlyDataFolder(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which writes whatever the permissions; TestReadOnlyDataFolder injects the failure instead")
	}
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if err := os.WriteFile(filepath.Join(dir, "extra.md"), []byte("The harbour lights were switched on at dusk by the keeper."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(data, "index"), data} {
		if err := os.Chmod(p, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(data, 0o755); os.Chmod(filepath.Join(data, "index"), 0o755) })
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if st.Added != 1 {
		t.Errorf("got %+v, want the new article added in memory", st)
	}
	askCites(t, e, "Who switched on the harbour lights?", "extra.md")
}
