package index

import (
	"time"

	"github.com/newsbot/storybot/corpus"
)

// Passage is a retrieved piece of a document, self-contained: where it is
// from, its text and sentences with their byte offsets in the document's
// cleaned text, and how well it matched the question. Answerers work on
// Passages only, never on the index.
type Passage struct {
	Doc       string    // document id
	Title     string    // document title
	Published time.Time // zero when the source does not say
	URL       string    // empty when unknown
	// Span is where Text is in the document's text.
	Span corpus.Span
	Text string
	// Sentences are the passage's sentences, offsets in the document's text.
	Sentences []corpus.Span
	// Document is the whole document the passage is from, for the sentences
	// around it (a continuation, the lead). It is shared: read only.
	Document *corpus.Document

	Score  float64 // combined, in [0, 1]
	Cosine float64 // vector similarity
	BM25   float64 // lexical score
}

// PublishedDate returns the publication date as YYYY-MM-DD, or "".
func (p Passage) PublishedDate() string {
	if p.Published.IsZero() {
		return ""
	}
	return p.Published.Format(corpus.DateLayout)
}

// Sentence returns the text of the passage's i-th sentence.
func (p Passage) Sentence(i int) string {
	s := p.Sentences[i]
	return p.Document.Text[s.Start:s.End]
}

// passage makes the Passage of the chunk in slot.
func (ix *Index) passage(h hit) Passage {
	ref := ix.chunks[h.slot]
	d := ix.docs[ref.Doc]
	return Passage{
		Doc: d.ID, Title: d.Title, Published: d.Published, URL: d.URL,
		Span: ref.span(), Text: d.Slice(ref.span()),
		Sentences: d.Sentences[ref.First:ref.Last], Document: d,
		Score: h.Score, Cosine: h.Cosine, BM25: h.BM25,
	}
}
