//go:build unix

package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hangGuard is how long a load may take before the test calls it hung; it is
// not a speed target, only a way to fail with a message instead of the test
// binary's timeout.
const hangGuard = time.Minute

// TestLoadDirSkipsNonRegularFiles puts a named pipe with an article's name in
// the corpus folder: the load must neither hang in open nor drop the other
// files, and must say what the pipe is.
func TestLoadDirSkipsNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "story.md"), []byte("The council voted."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("pipe.md", filepath.Join(dir, "link-to-pipe.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("story.md", filepath.Join(dir, "link-to-story.md")); err != nil {
		t.Fatal(err)
	}

	type result struct {
		docs     []*Document
		problems []error
		err      error
	}
	done := make(chan result, 1)
	go func() {
		docs, problems, err := LoadDir(dir)
		done <- result{docs, problems, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(hangGuard):
		t.Fatal("LoadDir hung on a named pipe in the corpus folder")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	var ids []string
	for _, d := range r.docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, ","), "link-to-story.md,story.md"; got != want {
		t.Errorf("got documents %s, want %s", got, want)
	}
	want := map[string]bool{"pipe.md": true, "link-to-pipe.txt": true}
	for _, p := range r.problems {
		var fe *FileError
		if !errors.As(p, &fe) || !want[fe.ID] || !errors.Is(p, ErrInvalid) || !strings.Contains(p.Error(), "named pipe") {
			t.Errorf("got problem %v, want an invalid-document error naming a named pipe", p)
			continue
		}
		delete(want, fe.ID)
	}
	if len(want) > 0 {
		t.Errorf("no problem reported for %v", want)
	}
}

// TestReadRegularRefusesPipe is the race the walk cannot see: a file that was
// regular when listed and is a named pipe when opened. The open must not
// wait for a writer, and the read must refuse it.
func TestReadRegularRefusesPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "swapped.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readRegular(dirFS{FS: os.DirFS(dir), dir: dir}, "swapped.md")
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("got error %v, want one saying it is a named pipe", err)
		}
	case <-time.After(hangGuard):
		t.Fatal("opening a named pipe blocked")
	}
}

// TestLoadDirUnreadableFolder makes a folder unreadable with its permission
// bits. Root ignores them, so the test is skipped as root;
// TestLoadFSUnreadableFolder injects the same failure for every user.
func TestLoadDirUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads a folder whatever its permissions; TestLoadFSUnreadableFolder covers this")
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"top.md": "Top story.", "sub/inner.md": "Inner story."} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(sub, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(sub, 0o755) })
	docs, problems, err := LoadDirReusing(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "top.md" {
		t.Errorf("got %d documents, want top.md only", len(docs))
	}
	checkFolderProblem(t, problems, "sub")
}

// TestReadFile reads single files as the loader does: a regular file whole,
// a named pipe or an oversized file refused at once.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "story.md")
	if err := os.WriteFile(story, []byte("The council voted."), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(story); err != nil || string(data) != "The council voted." {
		t.Errorf("regular file: got %q, %v", data, err)
	}
	pipe := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(pipe)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("named pipe: got %v, want it refused", err)
		}
	case <-time.After(hangGuard):
		t.Fatal("ReadFile blocked on a named pipe")
	}
	huge := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, MaxFileBytes+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	if _, err := ReadFile(huge); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "limit") {
		t.Errorf("oversized file: got %v, want it refused", err)
	}
}
