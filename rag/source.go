package rag

import (
	"os"
	"sync"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/index"
)

// sources re-reads cited documents from where they came from, so that a
// quote is checked against the corpus, not only against the index's stored
// copy of it: a byte flipped in the stored index is never served as a
// verbatim quote. Texts are cached by file and stamp; a changed file is read
// again.
type sources struct {
	mu    sync.Mutex
	texts map[string]sourceText // by document id
}

type sourceText struct {
	path  string
	stamp corpus.Stamp
	text  string
}

// maxCachedSources bounds the cache of re-read texts; it is emptied when
// full (answers cite few documents, and re-reading one is cheap).
const maxCachedSources = 256

// bundled is the bundled story as the binary holds it, read once.
var bundled = sync.OnceValues(func() (map[string]string, error) {
	docs, err := corpus.Bundled()
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(docs))
	for _, d := range docs {
		m[d.ID] = d.Text
	}
	return m, nil
})

// documentOf looks a document up in ix under the engine's read lock: the
// lookups made after retrieval (quote checks, the answer's aids) run
// without it, while a sync may be changing the same index's tables. The
// documents themselves never change; a sync replaces them.
func (e *Engine) documentOf(ix *index.Index, id string) (*corpus.Document, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return ix.Document(id)
}

// sourceText returns the lookup Check verifies quotes against: a document's
// text as loaded again from its source (the bundled story, or its file).
// When the source cannot be read (a file kept from an earlier sync), the
// stored copy counts only if it still matches the hash it was indexed with.
func (e *Engine) sourceText(ix *index.Index) func(doc string) (string, bool) {
	return func(id string) (string, bool) {
		d, ok := e.documentOf(ix, id)
		if !ok {
			return "", false
		}
		if d.Path == "" {
			texts, err := bundled()
			if t, ok := texts[id]; err == nil && ok {
				return t, true
			}
		} else if t, ok := e.sources.read(d); ok {
			return t, true
		}
		if corpus.NewDocument(d.ID, d.Title, d.Published, d.URL, d.Source, d.Text).Hash == d.Hash {
			return d.Text, true
		}
		e.log.Error("stored document text does not match its hash", "doc", id)
		return "", false
	}
}

// read returns the text of d's file, parsed and cleaned as the corpus loads
// it, or false when the file cannot be read or parsed now.
func (s *sources) read(d *corpus.Document) (string, bool) {
	info, err := os.Stat(d.Path)
	if err != nil {
		return "", false
	}
	stamp := corpus.Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	s.mu.Lock()
	c, ok := s.texts[d.ID]
	s.mu.Unlock()
	if ok && c.path == d.Path && c.stamp == stamp {
		return c.text, true
	}
	data, err := corpus.ReadFile(d.Path) // never blocks on a pipe put in its place
	if err != nil {
		return "", false
	}
	fresh, err := corpus.Parse(d.ID, data)
	if err != nil {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.texts == nil || len(s.texts) >= maxCachedSources {
		s.texts = make(map[string]sourceText)
	}
	text := fresh.Text
	if text == d.Text {
		// Cached, the fresh copy would hold a second copy of the indexed
		// text for as long as it stays in the cache.
		text = d.Text
	}
	s.texts[d.ID] = sourceText{path: d.Path, stamp: stamp, text: text}
	return text, true
}
