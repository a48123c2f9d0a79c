package corpus

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// failingFS is a file system whose listed folders cannot be read, as a
// folder whose permissions were taken away.
type failingFS struct {
	fstest.MapFS
	unreadable map[string]bool
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if f.unreadable[name] {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

// checkFolderProblem fails unless problems is one folder error for dir.
func checkFolderProblem(t *testing.T, problems []error, dir string) {
	t.Helper()
	if len(problems) != 1 {
		t.Fatalf("got problems %v, want one for the folder %s", problems, dir)
	}
	var fe *FileError
	if !errors.As(problems[0], &fe) || fe.ID != dir || !fe.Dir || !errors.Is(fe, fs.ErrPermission) {
		t.Fatalf("got problem %#v, want a folder error for %s wrapping a permission error", problems[0], dir)
	}
	for id, want := range map[string]bool{dir + "/a.md": true, dir + "/deep/b.txt": true, dir + "way.md": false, "top.md": false, dir: false} {
		if got := fe.Covers(id); got != want {
			t.Errorf("Covers(%q): got %v, want %v", id, got, want)
		}
	}
}

// TestLoadFSUnreadableFolder reports a folder that cannot be listed as one
// problem that covers every document under it, so that the index can keep
// them; the rest of the corpus loads.
func TestLoadFSUnreadableFolder(t *testing.T) {
	fsys := failingFS{
		MapFS: fstest.MapFS{
			"top.md":       {Data: []byte("Top story.")},
			"sub/inner.md": {Data: []byte("Inner story.")},
		},
		unreadable: map[string]bool{"sub": true},
	}
	docs, problems, err := loadFS(context.Background(), fsys, ".", "corpus", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "top.md" {
		t.Errorf("got %d documents, want top.md only", len(docs))
	}
	checkFolderProblem(t, problems, "sub")
}

// blockingFS hangs every open until released, as a stuck network mount.
type blockingFS struct {
	fstest.MapFS
	entered chan struct{}
	release chan struct{}
}

func (b blockingFS) Open(name string) (fs.File, error) {
	if name != "." {
		b.entered <- struct{}{}
		<-b.release
	}
	return b.MapFS.Open(name)
}

// TestLoadHonoursContext cancels a load stuck in a read: the caller gets the
// context's error back without waiting for the file system.
func TestLoadHonoursContext(t *testing.T) {
	fsys := blockingFS{
		MapFS:   fstest.MapFS{"a.md": {Data: []byte("A story.")}},
		entered: make(chan struct{}, 1),
		release: make(chan struct{}),
	}
	defer close(fsys.release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-fsys.entered
		cancel()
	}()
	_, _, err := detached(ctx, func(ctx context.Context) ([]*Document, []error, error) {
		return loadFS(ctx, fsys, ".", "corpus", nil)
	})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "corpus folder") {
		t.Errorf("got error %v, want the corpus folder's load cancelled", err)
	}

	// A context that has already ended stops the load before it reads.
	_, _, err = LoadDirReusing(ctx, t.TempDir(), nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got error %v from a cancelled load, want context.Canceled", err)
	}
}

// TestParseNewsPage reads a saved news page from a corpus folder: the
// article is found by readability, as for a page fetched by URL, without
// the page's banners, boxes and links, and with its metadata.
func TestParseNewsPage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("web", "testdata", "ferry.html"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("web", "testdata", "ferry.golden"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("harbour/ferry.html", data)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Ferry service returns to Brackenford harbour after winter repairs" || d.PublishedDate() != "2025-03-08" ||
		d.URL != "https://www.coastal-ledger.example/local/2025/03/ferry-returns" || d.Source != "The Coastal Ledger" {
		t.Errorf("got title %q date %q url %q source %q", d.Title, d.PublishedDate(), d.URL, d.Source)
	}
	if d.Text != string(want) {
		t.Errorf("got text\n%s\nwant the fetched page's text\n%s", d.Text, want)
	}
}

// A Markdown article without front matter whose first line is a "# "
// heading is titled by that heading, not by its file name: the title is
// what every citation, timeline entry and who-said line shows. Like a
// front-matter title, the heading is not a sentence of the text, so it is
// never quoted as the answer.
func TestParseMarkdownHeadingTitle(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"news/bridge-works.md", "# Harwick bridge to close for *repairs*\n\nThe bridge will close on 3 March 2025.\n", "Harwick bridge to close for repairs"},
		{"news/bridge-works.md", "\n\n#  Bridge closes  #\nThe bridge will close on 3 March 2025.\n", "Bridge closes"},
		{"news/bridge-works.md", "---\ntitle: From front matter\n---\n# A heading\nThe bridge will close.\n", "From front matter"},
		{"news/bridge-works.md", "The bridge will close.\n\n# Later heading\nMore text.\n", "bridge works"},
		{"news/bridge-works.md", "## Section heading\nThe bridge will close.\n", "bridge works"},
		{"news/bridge-works.txt", "# not markdown\nThe bridge will close.\n", "bridge works"},
	}
	for _, c := range cases {
		d, err := Parse(c.name, []byte(c.data))
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.data, err)
		}
		if d.Title != c.want {
			t.Errorf("Parse(%q).Title = %q, want %q", c.data, d.Title, c.want)
		}
		if !strings.Contains(d.Text, "bridge will close") {
			t.Errorf("Parse(%q) lost the body: %q", c.data, d.Text)
		}
		if c.want != "bridge works" && strings.Contains(d.Text, c.want) {
			t.Errorf("Parse(%q).Text = %q still holds the title", c.data, d.Text)
		}
	}
}
