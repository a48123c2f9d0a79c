//go:build unix

package rag

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestCitedFileBecomesPipe replaces an indexed article with a named pipe:
// neither the next sync nor an answer that cites the article (whose quotes
// are checked against the file) may hang on it.
func TestCitedFileBecomesPipe(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	const tram = "port-alder-tram.md"
	path := filepath.Join(dir, tram)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		if _, err := e.Ask(context.Background(), tramPassengers); err != nil {
			done <- err
			return
		}
		st, err := e.Sync(context.Background(), nil)
		if err == nil && (st.Kept != 1 || len(st.Problems) != 1) {
			t.Errorf("sync: got %+v, want the pipe reported and the article kept", st)
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a hang guard, not a speed target
		t.Fatal("the engine hung on a named pipe in place of an article")
	}
	askCites(t, e, tramPassengers, tram)
}
