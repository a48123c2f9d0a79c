package whosaid

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzExtract checks that extraction never panics and that every quote is
// the document text at its offsets, whatever the input.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("“Unclosed quote, he said\n“Next,” said")
	f.Add("‘ ’ ' \" ” “ , said , according to , which")
	f.Fuzz(func(t *testing.T, text string) {
		d := textDoc(text)
		stmts := Extract(d)
		for _, s := range stmts {
			if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End || d.Text[s.Start:s.End] != s.Quote {
				t.Fatalf("quote %q does not match the text at [%d:%d]", s.Quote, s.Start, s.End)
			}
		}
		Search(stmts, text)
		Speakers(stmts)
	})
}
