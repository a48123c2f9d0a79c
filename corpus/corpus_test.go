package corpus

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sentencesOf renders a document's sentences one a line with their offsets.
func sentencesOf(d *Document) string {
	var b strings.Builder
	for i, s := range d.Sentences {
		b.WriteString(strings.Join([]string{strconv.Itoa(s.Start), strconv.Itoa(s.End), d.Sentence(i)}, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

var zeroTime time.Time

func TestRawSeedGolden(t *testing.T) {
	d, err := Parse("raw-seed.txt", readTestdata(t, "raw-seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "raw-seed.sentences.golden", sentencesOf(d))
	for _, chrome := range []string{"This article is more than", "year old", "Newer articles", "Kim Jong-un", "<p>"} {
		if strings.Contains(d.Text, chrome) {
			t.Errorf("cleaned text still contains page chrome %q", chrome)
		}
	}
	for _, c := range Chunks(d, DefaultChunkOptions) {
		if strings.Contains(c.Text, "Newer articles") || strings.Contains(c.Text, "article is more than") {
			t.Errorf("chunk %s contains page chrome: %q", c.ID, c.Text)
		}
	}
}

func TestRawSeedMatchesBundled(t *testing.T) {
	raw, err := Parse("raw-seed.txt", readTestdata(t, "raw-seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d bundled documents, want 1", len(docs))
	}
	b := docs[0]
	if b.PublishedDate() != "2022-11-05" || b.URL != "" || b.Title == "" {
		t.Errorf("bundled metadata: got published %q url %q title %q", b.PublishedDate(), b.URL, b.Title)
	}
	if len(raw.Sentences) != len(b.Sentences) {
		t.Fatalf("got %d sentences from the raw seed, %d from the bundled story", len(raw.Sentences), len(b.Sentences))
	}
	for i := range raw.Sentences {
		if got, want := raw.Sentence(i), b.Sentence(i); got != want {
			t.Errorf("sentence %d: got %q, want %q", i, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"age banner glued to the first sentence", "This article is more than\n3 years oldThe council voted.", "The council voted."},
		{"age banner on its own line", "This story is more than 1 year old\nThe council voted.", "The council voted."},
		{"teaser after the body", "The council voted.\nRelated articles\nSomething else happened.", "The council voted."},
		{"teaser heading with colon", "The council voted.\nRead more:\nOther story.", "The council voted."},
		{"heading-like first line is kept", "Read more\nThe council voted.", "Read more\nThe council voted."},
		{"furniture lines", "Advertisement\nThe council voted.\nShare this article\nIt passed.", "The council voted.\nIt passed."},
		{"html tags and entities", "<p>Tom &amp; Jerry met.</p><p>They talked.</p>", "Tom & Jerry met.\nThey talked."},
		{"whitespace folded", "  The   council\tvoted. \r\n\r\n It passed.  ", "The council voted.\nIt passed."},
		{"no-break spaces", "The\u00a0council voted.", "The council voted."},
		{"prose mentioning reuters is kept", "Reuters reported the vote.", "Reuters reported the vote."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.raw)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("not idempotent: got %q after a second pass, want %q", again, got)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "One thing happened. Another followed.", []string{"One thing happened.", "Another followed."}},
		{"titles", "Dr. Jane Roe met Mr. Smith. They spoke.", []string{"Dr. Jane Roe met Mr. Smith.", "They spoke."}},
		{"initials", "George W. Bush and J. K. Rowling spoke. Then they left.", []string{"George W. Bush and J. K. Rowling spoke.", "Then they left."}},
		{"decimal and number abbreviation", "It cost 3.5 million. No. 10 said so. No. It did not.", []string{"It cost 3.5 million.", "No. 10 said so.", "No.", "It did not."}},
		{"month abbreviation before a day", "It opened on Nov. 5, 2022. It closed later.", []string{"It opened on Nov. 5, 2022.", "It closed later."}},
		{"dotted acronym", "The U.S. Army left. Others stayed.", []string{"The U.S. Army left.", "Others stayed."}},
		{"quote ends the sentence", "He said: “We are done.” Then he left.", []string{"He said: “We are done.”", "Then he left."}},
		{"quote continues the sentence", "“Are you done?” she asked. He was.", []string{"“Are you done?” she asked.", "He was."}},
		{"comma inside quote", "“We will win,” he said. “Soon.”", []string{"“We will win,” he said.", "“Soon.”"}},
		{"line breaks end sentences", "A headline\nThe body starts.", []string{"A headline", "The body starts."}},
		{"exclamation and question", "Stop! Why? Because.", []string{"Stop!", "Why?", "Because."}},
		{"lower-case after period", "It rose 5 p.c. in a year. Then fell.", []string{"It rose 5 p.c. in a year.", "Then fell."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range SplitSentences(tt.text) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChunks(t *testing.T) {
	var sb strings.Builder
	for i := range 12 {
		sb.WriteString("Sentence number ")
		sb.WriteString(strconv.Itoa(i))
		sb.WriteString(" has a few words in it to take up some room. ")
	}
	sb.WriteString(strings.Repeat("Long ", 150) + "end.")
	d := NewDocument("doc.md", "Doc", zeroTime, "", "", strings.TrimSpace(sb.String()))
	chunks := Chunks(d, ChunkOptions{MaxBytes: 200, Overlap: 1})
	if len(chunks) < 3 {
		t.Fatalf("got %d chunks, want several", len(chunks))
	}
	covered := make(map[Span]bool)
	for i, c := range chunks {
		if got := d.Text[c.Span.Start:c.Span.End]; got != c.Text {
			t.Errorf("chunk %d: text does not match its span", i)
		}
		if c.Span.Start != c.Sentences[0].Start || c.Span.End != c.Sentences[len(c.Sentences)-1].End {
			t.Errorf("chunk %d: span %v does not run from its first to its last sentence", i, c.Span)
		}
		if len(c.Sentences) > 1 && c.Span.Len() > 200 {
			t.Errorf("chunk %d: got %d bytes, want at most 200", i, c.Span.Len())
		}
		if i > 0 && len(chunks[i-1].Sentences) > 1 && chunks[i-1].Sentences[len(chunks[i-1].Sentences)-1] != c.Sentences[0] {
			t.Errorf("chunk %d: does not overlap the previous chunk by one sentence", i)
		}
		for _, s := range c.Sentences {
			covered[s] = true
		}
		if c.ID != "doc.md#"+strconv.Itoa(i) {
			t.Errorf("chunk %d: got id %q", i, c.ID)
		}
	}
	for _, s := range d.Sentences {
		if !covered[s] {
			t.Errorf("sentence %v is in no chunk", s)
		}
	}
	last := chunks[len(chunks)-1]
	if len(last.Sentences) != 1 || last.Span.Len() <= 200 {
		t.Errorf("an over-long sentence should be a chunk of its own, got %d sentences of %d bytes", len(last.Sentences), last.Span.Len())
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		id        string
		data      string
		wantErr   string
		wantTitle string
		wantDate  string
		wantURL   string
		wantText  string
	}{
		{name: "markdown with front matter", id: "a/story.md",
			data:      "---\ntitle: Storm hits coast\npublished: 2023-01-02\nurl: https://example.org/storm\nsource: Example News\n---\nThe storm hit the coast. **Many** left.\n",
			wantTitle: "Storm hits coast", wantDate: "2023-01-02", wantURL: "https://example.org/storm", wantText: "The storm hit the coast. Many left."},
		{name: "markdown without front matter", id: "notes/plain-story.md", data: "# Heading\nThe storm hit.",
			wantTitle: "Heading", wantText: "The storm hit."},
		{name: "markdown heading only", id: "notes/plain-story.md", data: "# The storm hit.\n", wantTitle: "The storm hit.", wantText: "The storm hit."},
		{name: "markdown without title", id: "notes/plain-story.md", data: "The storm hit.", wantTitle: "plain story", wantText: "The storm hit."},
		{name: "date field and long date", id: "b.md", data: "---\ntitle: T\ndate: March 3, 2021\n---\nBody text.", wantTitle: "T", wantDate: "2021-03-03", wantText: "Body text."},
		{name: "plain text", id: "c.txt", data: "The storm hit.\nIt rained.", wantTitle: "c", wantText: "The storm hit.\nIt rained."},
		{name: "html article", id: "d.html",
			data:      `<html><head><title>Site | Storm</title><meta property="article:published_time" content="2023-04-05T10:00:00Z"><link rel="canonical" href="https://example.org/d"></head><body><nav>Home News</nav><article><h1>Storm hits</h1><p>The storm hit the coast.</p><script>var x;</script><p>It rained.</p></article><footer>Copyright</footer></body></html>`,
			wantTitle: "Storm hits", wantDate: "2023-04-05", wantURL: "https://example.org/d", wantText: "The storm hit the coast.\nIt rained."},
		{name: "malformed front matter", id: "e.md", data: "---\ntitle: [unclosed\n---\nBody.", wantErr: "malformed front matter"},
		{name: "unclosed front matter", id: "f.md", data: "---\ntitle: x\nBody.", wantErr: "never closed"},
		{name: "bad date", id: "g.md", data: "---\npublished: yesterday\n---\nBody.", wantErr: "not a date"},
		{name: "not utf-8", id: "h.txt", data: "Caf\xe9 opened.", wantErr: "not valid UTF-8"},
		{name: "binary", id: "i.txt", data: "PK\x03\x04\x00\x00", wantErr: "binary"},
		{name: "nothing left", id: "j.txt", data: "Advertisement\n\n", wantErr: "no article text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.id, []byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInvalid) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.wantTitle || d.PublishedDate() != tt.wantDate || d.URL != tt.wantURL || d.Text != tt.wantText {
				t.Errorf("got title %q date %q url %q text %q, want %q %q %q %q",
					d.Title, d.PublishedDate(), d.URL, d.Text, tt.wantTitle, tt.wantDate, tt.wantURL, tt.wantText)
			}
			if d.ID != tt.id {
				t.Errorf("got id %q, want %q", d.ID, tt.id)
			}
		})
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("one.md", "---\ntitle: One\n---\nFirst story.")
	write("sub/deeper/two.txt", "Second story.")
	write("sub/three.html", "<p>Third story.</p>")
	write("bad.txt", "Caf\xe9")
	write(".hidden/four.md", "Hidden story.")
	write("notes.pdf", "%PDF")

	docs, problems, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, ","), "one.md,sub/deeper/two.txt,sub/three.html"; got != want {
		t.Errorf("got documents %s, want %s", got, want)
	}
	if len(problems) != 1 {
		t.Fatalf("got problems %v, want one for bad.txt", problems)
	}
	var fe *FileError
	if !errors.As(problems[0], &fe) || fe.ID != "bad.txt" || !strings.Contains(fe.Error(), "bad.txt") {
		t.Errorf("got problem %v, want a FileError naming bad.txt", problems[0])
	}

	if _, _, err := LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Error("got no error for a missing folder")
	}
	if _, _, err := LoadDir(filepath.Join(dir, "one.md")); err == nil {
		t.Error("got no error for a file given as the folder")
	}
}

func TestSentenceAt(t *testing.T) {
	d := NewDocument("x", "x", zeroTime, "", "", "One. Two. Three.")
	for _, tt := range []struct{ off, want int }{{0, 0}, {3, 0}, {4, -1}, {5, 1}, {10, 2}, {99, -1}} {
		if got := d.SentenceAt(tt.off); got != tt.want {
			t.Errorf("SentenceAt(%d): got %d, want %d", tt.off, got, tt.want)
		}
	}
}

func TestLoadDirReusing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("The first version."), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, _, err := LoadDir(dir)
	if err != nil || len(docs) != 1 {
		t.Fatalf("got %d docs, %v", len(docs), err)
	}
	first := docs[0]
	info, _ := os.Stat(path)
	if first.Stamp.Size != info.Size() || first.Stamp.ModTime != info.ModTime().UnixNano() {
		t.Fatalf("got stamp %+v, want the file's size and modification time", first.Stamp)
	}
	reuse := func(id string, s Stamp) *Document {
		if id == first.ID && s == first.Stamp {
			return first
		}
		return nil
	}

	// Same size and time: the file is not read again, even though its bytes
	// are now invalid.
	if err := os.WriteFile(path, []byte("Caf\xe9 first version"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	docs, problems, err := LoadDirReusing(context.Background(), dir, reuse)
	if err != nil || len(problems) != 0 || len(docs) != 1 || docs[0] != first {
		t.Fatalf("got docs %v problems %v err %v, want the reused document", docs, problems, err)
	}

	// A new modification time: the file is read, and its problem reported.
	later := info.ModTime().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	docs, problems, _ = LoadDirReusing(context.Background(), dir, reuse)
	if len(docs) != 0 || len(problems) != 1 {
		t.Fatalf("got docs %v problems %v, want the changed file read and rejected", docs, problems)
	}
}

func TestHashIsNewDocumentsHash(t *testing.T) {
	for _, tc := range []struct {
		name      string
		published time.Time
	}{
		{"dated", time.Date(2024, 3, 3, 1, 0, 0, 0, time.FixedZone("UTC+5", 5*3600))},
		{"undated", time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDocument("a.md", "Title", tc.published, "https://example.com/a", "Example", "One sentence. Another.")
			if got := Hash(d.ID, d.Title, d.Published, d.URL, d.Source, d.Text); got != d.Hash {
				t.Errorf("Hash: got %s, want NewDocument's %s", got, d.Hash)
			}
			if other := Hash(d.ID, d.Title, tc.published.AddDate(0, 0, 1), d.URL, d.Source, d.Text); tc.name == "dated" && other == d.Hash {
				t.Error("Hash ignores the published date")
			}
		})
	}
}
