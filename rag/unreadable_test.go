package rag

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

// folderCorpus is the test corpus with the tram article moved into a
// sub-folder, which the tests then make unreadable.
func folderCorpus(t *testing.T) (dir, sub, id string) {
	t.Helper()
	dir = copyCorpus(t, testCorpus)
	sub = filepath.Join(dir, "transport")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "port-alder-tram.md"), filepath.Join(sub, "port-alder-tram.md")); err != nil {
		t.Fatal(err)
	}
	return dir, sub, "transport/port-alder-tram.md"
}

const tramPassengers = "How many passengers a day does the council expect?"

// TestSyncUnreadableFolderKept injects what a sync sees when a folder of the
// corpus cannot be listed (as with chmod 000, which root ignores): the
// documents under it keep their indexed version and still answer, rather
// than being removed.
func TestSyncUnreadableFolderKept(t *testing.T) {
	t.Parallel()
	dir, sub, id := folderCorpus(t)
	docs := loadCorpus(t, dir)
	all := chunkCount(docs)
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})

	var readable []*corpus.Document
	for _, d := range docs {
		if !strings.HasPrefix(d.ID, "transport/") {
			readable = append(readable, d)
		}
	}
	problems := []error{&corpus.FileError{Path: sub, ID: "transport", Dir: true, Err: fs.ErrPermission}}
	st, err := e.syncDocs(context.Background(), readable, problems, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkStats(t, "folder unreadable", st, SyncStats{Documents: 3, Chunks: all, Kept: 1})
	checkCitations(t, e, docs, askCites(t, e, tramPassengers, id))
}

// TestSyncChmodFolderKept is the same break made for real; root reads a
// folder whatever its permissions, so it runs only as another user.
func TestSyncChmodFolderKept(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads a folder whatever its permissions; TestSyncUnreadableFolderKept injects the failure instead")
	}
	dir, sub, id := folderCorpus(t)
	docs := loadCorpus(t, dir)
	all := chunkCount(docs)
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if err := os.Chmod(sub, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(sub, 0o755) })
	for _, step := range []string{"first sync after the break", "restart"} {
		e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
		checkStats(t, step, st, SyncStats{Documents: 3, Chunks: all, Kept: 1})
		checkCitations(t, e, docs, askCites(t, e, tramPassengers, id))
	}
}

// TestSyncUnreadableCorpusKept injects a corpus folder that cannot be read
// at all: every indexed document is kept and answers.
func TestSyncUnreadableCorpusKept(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	docs := loadCorpus(t, dir)
	all := chunkCount(docs)
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: t.TempDir()})
	problems := []error{&corpus.FileError{Path: dir, ID: ".", Dir: true, Err: fs.ErrPermission}}
	st, err := e.syncDocs(context.Background(), nil, problems, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkStats(t, "corpus unreadable", st, SyncStats{Documents: 3, Chunks: all, Kept: 3})
	checkCitations(t, e, docs, askCites(t, e, tramPassengers, "port-alder-tram.md"))
}

// TestChmodCorpusKept makes the corpus folder itself unreadable for real;
// root reads it whatever its permissions, so this runs only as another user.
// A fresh data folder still fails to open: there is nothing to keep.
func TestChmodCorpusKept(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads a folder whatever its permissions; TestSyncUnreadableCorpusKept injects the failure instead")
	}
	dir := copyCorpus(t, testCorpus)
	docs := loadCorpus(t, dir)
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})
	if err := os.Chmod(dir, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	e, st := openEngine(t, Options{CorpusDir: dir, DataDir: data})
	checkStats(t, "restart", st, SyncStats{Documents: 3, Chunks: chunkCount(docs), Kept: 3})
	askCites(t, e, tramPassengers, "port-alder-tram.md")
	if _, _, err := Open(context.Background(), Options{CorpusDir: dir, DataDir: t.TempDir()}, nil); err == nil {
		t.Error("a fresh data folder over an unreadable corpus opened without error")
	}
}
