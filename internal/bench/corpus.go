package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsbot/storybot/corpus"
)

// source is the corpus a benchmark draws on: its documents, in load order,
// with their chunk counts.
type source struct {
	dir    string // "" for the bundled story
	docs   []*corpus.Document
	chunks []int // chunks of each document
	total  int
}

func loadSource(dir string) (*source, error) {
	var docs []*corpus.Document
	var err error
	if dir == "" {
		docs, err = corpus.Bundled()
	} else {
		docs, _, err = corpus.LoadDir(dir)
	}
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("corpus folder %s holds no readable .md, .txt or .html files", dir)
	}
	s := &source{dir: dir, docs: docs, chunks: make([]int, len(docs))}
	for i, d := range docs {
		s.chunks[i] = len(corpus.Chunks(d, corpus.DefaultChunkOptions))
		s.total += s.chunks[i]
	}
	if s.total == 0 {
		return nil, fmt.Errorf("corpus %s yields no chunks", dir)
	}
	return s, nil
}

// sample is a folder of corpus files that yields about the wanted number of
// chunks, for the product to load as a user's corpus folder.
type sample struct {
	dir       string
	documents int
	chunks    int
	repeated  bool // documents were copied more than once to reach the size
}

// materialize writes the first documents of s, cycling through them again
// when s has too few, into dir until they yield at least want chunks. Files
// keep their bytes and extension, so the product reads, cleans and splits
// them exactly as it would the originals; a repetition lives in a folder of
// its own (r001/…), which gives its documents their own ids.
func (s *source) materialize(dir string, want int) (sample, error) {
	out := sample{dir: dir}
	for rep := 0; out.chunks < want; rep++ {
		for i, d := range s.docs {
			if out.chunks >= want {
				break
			}
			if err := s.write(dir, rep, d); err != nil {
				return out, err
			}
			out.documents++
			out.chunks += s.chunks[i]
		}
		if rep > 0 {
			out.repeated = true
		}
	}
	return out, nil
}

func (s *source) write(dir string, rep int, d *corpus.Document) error {
	var rel string
	var data []byte
	if d.Path != "" {
		r, err := filepath.Rel(s.dir, d.Path)
		if err != nil {
			return fmt.Errorf("copy %s: %w", d.Path, err)
		}
		if data, err = os.ReadFile(d.Path); err != nil {
			return fmt.Errorf("copy corpus file: %w", err)
		}
		rel = r
	} else {
		// The bundled story is embedded; its cleaned text with front matter
		// cleans to itself, so the copy reads back as the same document.
		rel = strings.TrimSuffix(d.ID, filepath.Ext(d.ID)) + ".md"
		var b strings.Builder
		b.WriteString("---\ntitle: " + strconv.Quote(d.Title) + "\n")
		if p := d.PublishedDate(); p != "" {
			b.WriteString("published: " + p + "\n")
		}
		if d.URL != "" {
			b.WriteString("url: " + strconv.Quote(d.URL) + "\n")
		}
		if d.Source != "" {
			b.WriteString("source: " + strconv.Quote(d.Source) + "\n")
		}
		b.WriteString("---\n" + d.Text + "\n")
		data = []byte(b.String())
	}
	path := filepath.Join(dir, fmt.Sprintf("r%03d", rep), rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write sample corpus: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write sample corpus: %w", err)
	}
	return nil
}
