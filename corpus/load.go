package corpus

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed articles/*.md
var bundled embed.FS

// MaxFileBytes bounds the size of one corpus file; news articles are far
// smaller, and a larger file is almost certainly not an article.
const MaxFileBytes = 8 << 20

// ErrInvalid marks a file that cannot be read as an article. Loading goes on
// with the other files.
var ErrInvalid = errors.New("invalid document")

// FileError reports a corpus file (or folder) that was skipped and why.
type FileError struct {
	Path string // as shown to the user
	ID   string // the document id the file would have had, or the folder's path
	// Dir reports that a whole folder could not be read: every document
	// whose id lies under ID is affected.
	Dir bool
	Err error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Covers reports whether the document with the given id is one the error
// kept from being read: the file itself, or any file under the folder.
func (e *FileError) Covers(id string) bool {
	if e.Dir {
		return e.ID == "." || strings.HasPrefix(id, e.ID+"/")
	}
	return id == e.ID
}

// Supported reports whether a file name has an extension the loader reads.
func Supported(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".txt", ".text", ".html", ".htm":
		return true
	}
	return false
}

// Bundled returns the story that ships inside the binary.
func Bundled() ([]*Document, error) {
	docs, problems, err := loadFS(context.Background(), bundled, "articles", "", nil)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("bundled corpus: %w", problems[0])
	}
	return docs, nil
}

// LoadDir reads every supported file under dir, recursively, skipping hidden
// files and folders. A file that cannot be used is reported in problems and
// the others still load; err is set only when dir itself cannot be read.
func LoadDir(dir string) (docs []*Document, problems []error, err error) {
	return LoadDirReusing(context.Background(), dir, nil)
}

// LoadDirReusing is LoadDir for a folder read before: for each file, reuse is
// asked for the document it gave last time, given the file's id and stamp; a
// document it returns is taken as it is, and the file is not read again.
//
// Only regular files are read (a symbolic link is followed to one): a named
// pipe, device or socket is reported as a problem, and files are opened so
// that one swapped for a pipe in the meantime cannot block. When ctx ends,
// LoadDirReusing returns at once with its error, even if the file system
// itself hangs.
func LoadDirReusing(ctx context.Context, dir string, reuse func(id string, stamp Stamp) *Document) (docs []*Document, problems []error, err error) {
	return detached(ctx, func(ctx context.Context) ([]*Document, []error, error) {
		return loadDir(ctx, dir, reuse)
	})
}

// detached runs load apart so that a read stuck in the kernel (a hung
// network mount) cannot hold the caller past its context; load itself stops
// at its next step once ctx ends.
func detached(ctx context.Context, load func(context.Context) ([]*Document, []error, error)) ([]*Document, []error, error) {
	type result struct {
		docs     []*Document
		problems []error
		err      error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.docs, r.problems, r.err = load(ctx)
		done <- r
	}()
	select {
	case r := <-done:
		return r.docs, r.problems, r.err
	case <-ctx.Done():
		return nil, nil, fmt.Errorf("corpus folder: %w", ctx.Err())
	}
}

func loadDir(ctx context.Context, dir string, reuse func(string, Stamp) *Document) ([]*Document, []error, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("corpus folder: %s is not a folder", dir)
	}
	return loadFS(ctx, dirFS{FS: os.DirFS(dir), dir: dir}, ".", dir, reuse)
}

// dirFS is os.DirFS whose Open cannot block: a named pipe is opened without
// waiting for a writer, so that the reader can see what it is and refuse it.
type dirFS struct {
	fs.FS
	dir string
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(d.dir, filepath.FromSlash(name)), openFlags, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func loadFS(ctx context.Context, fsys fs.FS, root, display string, reuse func(string, Stamp) *Document) ([]*Document, []error, error) {
	// The walk lists the files; reading and parsing them, most of the cost,
	// is shared out among the CPUs; results are gathered in walk order.
	type entry struct {
		p, shown, id string
		dir          bool
		stamp        Stamp
		doc          *Document
		reused       bool
		err          error
	}
	var entries []entry
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		shown := filepath.Join(display, filepath.FromSlash(p))
		if err != nil {
			if p == root {
				return err
			}
			e := entry{shown: shown, id: strings.TrimPrefix(p, root+"/"), err: err}
			if d != nil && d.IsDir() {
				e.dir = true
				entries = append(entries, e)
				return fs.SkipDir
			}
			entries = append(entries, e)
			return nil
		}
		name := d.Name()
		if p != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !Supported(name) {
			return nil
		}
		e := entry{p: p, shown: shown, id: strings.TrimPrefix(p, root+"/")}
		info, err := entryInfo(fsys, p, d)
		switch {
		case err != nil:
			e.err = err
		case !info.Mode().IsRegular():
			e.err = notRegular(info.Mode())
		case display != "":
			e.stamp = Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
			if reuse != nil {
				if doc := reuse(e.id, e.stamp); doc != nil {
					e.doc, e.reused = doc, true
				}
			}
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("corpus folder: %w", err)
	}
	// Each worker takes the next file not yet taken: a few files (a
	// manual on one page) cost as much as hundreds of others, and a fixed
	// share would leave one CPU idle while the other reads them.
	workers := max(min(runtime.NumCPU(), len(entries)/16), 1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(entries) {
					return
				}
				e := &entries[i]
				if e.err != nil || e.reused || ctx.Err() != nil {
					continue
				}
				data, err := readRegular(fsys, e.p)
				if err == nil {
					e.doc, err = Parse(e.id, data)
				}
				if err == nil {
					e.doc.Stamp = e.stamp
				}
				e.err = err
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("corpus folder: %w", err)
	}
	var docs []*Document
	var problems []error
	for _, e := range entries {
		if e.err != nil {
			problems = append(problems, &FileError{Path: e.shown, ID: e.id, Dir: e.dir, Err: e.err})
			continue
		}
		if display != "" && e.doc.Path != e.shown {
			if e.reused { // the caller's document stays as it was
				moved := *e.doc
				e.doc = &moved
			}
			e.doc.Path = e.shown
		}
		docs = append(docs, e.doc)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, problems, nil
}

// ReadFile reads one corpus file as LoadDir reads each: a regular file (or
// a symbolic link to one) of at most MaxFileBytes, opened so that a named
// pipe put in its place cannot block the reader.
func ReadFile(path string) ([]byte, error) {
	return readRegular(dirFS{dir: filepath.Dir(path)}, filepath.Base(path))
}

// entryInfo describes the file a walk entry names, following a symbolic
// link to its target (whose size and time are the ones that matter).
func entryInfo(fsys fs.FS, p string, d fs.DirEntry) (fs.FileInfo, error) {
	if d.Type()&fs.ModeSymlink != 0 {
		return fs.Stat(fsys, p)
	}
	return d.Info()
}

// notRegular explains why a file that is not a regular file is not read.
func notRegular(mode fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode.IsDir():
		kind = "a folder"
	}
	return fmt.Errorf("%w: %s, not a regular file; only regular files are read", ErrInvalid, kind)
}

// readRegular reads a regular file of at most MaxFileBytes. The type is
// checked on the opened file, so a file swapped for a pipe after the walk
// saw it is refused too (dirFS opens without blocking).
func readRegular(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode())
	}
	if info.Size() > MaxFileBytes {
		return nil, tooLarge(info.Size())
	}
	// Sized to the file, the buffer is allocated once, not doubled up to
	// it as io.ReadAll's is (a tenth of ingest's allocations).
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileBytes+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if len(data) > MaxFileBytes { // it grew after the stat
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

func tooLarge(n int64) error {
	return fmt.Errorf("%w: %d bytes is over the %d-byte limit for one article", ErrInvalid, n, MaxFileBytes)
}

// Parse reads one article. The format follows the extension of id: Markdown
// with optional YAML front matter (title, published, url, source), plain
// text, or HTML. The text is cleaned before it is split into sentences.
func Parse(id string, data []byte) (*Document, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	var (
		meta    frontMatter
		text    string // the cleaned body
		heading string
		err     error
	)
	// Each body is stripped and cleaned once: ReadHTML's text is cleaned
	// already, and a Markdown body cleaned to see whether it holds more
	// than its heading is the text kept.
	switch strings.ToLower(path.Ext(id)) {
	case ".html", ".htm":
		meta, text, err = parseHTML(data)
	case ".md", ".markdown":
		var body string
		meta, body, err = splitFrontMatter(string(data))
		if meta.Title == "" {
			// The heading is the title, as front matter's would be, and
			// like it not a sentence of the text.
			var rest string
			heading, rest = leadingHeading(body)
			if heading != "" {
				text = Clean(stripMarkdown(rest))
			}
		}
		if text == "" {
			text = Clean(stripMarkdown(body))
		}
	default:
		text = Clean(string(data))
	}
	if err != nil {
		return nil, err
	}
	published, err := parseDate(meta.Published)
	if err != nil {
		return nil, err
	}
	if text == "" {
		return nil, fmt.Errorf("%w: no article text left after cleaning", ErrInvalid)
	}
	title := strings.TrimSpace(meta.Title)
	if title == "" {
		title = heading
	}
	if title == "" {
		title = titleFromID(id)
	}
	return NewDocument(id, title, published, strings.TrimSpace(meta.URL), strings.TrimSpace(meta.Source), text), nil
}

func checkText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w: binary data (NUL byte at offset %d); only UTF-8 text files are read", ErrInvalid, i)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return fmt.Errorf("%w: not valid UTF-8 (first bad byte at offset %d); save the file as UTF-8", ErrInvalid, off)
	}
	return nil
}

type frontMatter struct {
	Title     string `yaml:"title"`
	Published string `yaml:"published"`
	Date      string `yaml:"date"`
	URL       string `yaml:"url"`
	Source    string `yaml:"source"`
}

// splitFrontMatter separates a leading "---" YAML block from the body.
func splitFrontMatter(s string) (frontMatter, string, error) {
	var fm frontMatter
	s = strings.TrimPrefix(s, "\uFEFF")
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "---\r\n") {
		return fm, s, nil
	}
	rest := s[strings.IndexByte(s, '\n')+1:]
	end := -1
	for off := 0; off < len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if strings.TrimRight(line, "\r ") == "---" {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return fm, "", fmt.Errorf("%w: front matter opened with --- is never closed", ErrInvalid)
	}
	if err := yaml.Unmarshal([]byte(rest[:end]), &fm); err != nil {
		return fm, "", fmt.Errorf("%w: malformed front matter: %v", ErrInvalid, err)
	}
	if fm.Published == "" {
		fm.Published = fm.Date
	}
	body := rest[end:]
	if nl := strings.IndexByte(body, '\n'); nl >= 0 {
		body = body[nl+1:]
	} else {
		body = ""
	}
	return fm, body, nil
}

var dateLayouts = []string{
	DateLayout, time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "02 Jan 2006", time.RFC1123Z, time.RFC1123,
}

// parseDate reads a published date; "" is an unknown date, not an error.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: published date %q is not a date (use YYYY-MM-DD)", ErrInvalid, s)
}

// stripMarkdown removes the Markdown syntax that is not prose: heading marks,
// emphasis markers, link targets and images. Quotation marks and apostrophes
// are prose and stay.
func stripMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		t := strings.TrimSpace(line)
		t = strings.TrimLeft(t, "#>")
		t = strings.TrimSpace(t)
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
			t = t[2:]
		}
		t = removeEmphasis(removeLinkTargets(removeImages(t)))
		lines[i] = t
	}
	return strings.Join(lines, "\n")
}

// leadingHeading returns the text of a Markdown body's first line when that
// line is a level-one ATX heading ("# Bridge to close"), the usual way to
// title an article without front matter, and the body after it; "" and body
// otherwise.
func leadingHeading(body string) (heading, rest string) {
	line, after, _ := strings.Cut(strings.TrimLeft(body, " \t\r\n"), "\n")
	h, ok := strings.CutPrefix(strings.TrimSpace(line), "# ")
	if !ok {
		return "", body
	}
	h = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h), "#"))
	return strings.Join(strings.Fields(stripMarkdown(h)), " "), after
}

func titleFromID(id string) string {
	base := path.Base(id)
	base = strings.TrimSuffix(base, path.Ext(base))
	base = strings.NewReplacer("-", " ", "_", " ").Replace(base)
	return strings.TrimSpace(base)
}
