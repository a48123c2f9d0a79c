// Package corpus turns news articles into clean text the rest of the bot can
// cite: it loads documents (the bundled story or a user's folder of .md, .txt
// and .html files), finds the article of a web page with a readability
// library and the prose of any other HTML document (ReadHTML), strips page
// chrome from scraped text, splits the text into sentences with byte offsets
// and groups sentences into overlapping chunks.
//
// Every offset in this package is a byte offset into Document.Text, the
// cleaned text, so a citation can always be traced back to its exact passage.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// DateLayout is the layout of published dates in front matter and output.
const DateLayout = "2006-01-02"

// Span is a half-open byte range [Start, End) of a document's cleaned text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Document is one cleaned article.
type Document struct {
	// ID is stable across runs: the file's path relative to its corpus folder,
	// with forward slashes ("world/iran-drones.md").
	ID        string
	Title     string
	Published time.Time // zero when the source does not say
	URL       string
	Source    string
	// Path is where the document was read from ("" for the bundled story).
	Path string
	// Text is the cleaned article body; paragraphs are separated by "\n".
	Text string
	// Sentences are the sentence spans of Text, in order.
	Sentences []Span
	// Hash identifies the content and metadata; a changed hash means the
	// document must be re-indexed.
	Hash string
	// Stamp is the size and modification time of the file it was read
	// from (zero for the bundled story).
	Stamp Stamp
}

// Stamp identifies a version of a file cheaply, without reading it: a file
// whose size and modification time are unchanged is taken to be unchanged.
type Stamp struct {
	Size    int64
	ModTime int64 // Unix nanoseconds
}

// Sentence returns the text of sentence i.
func (d *Document) Sentence(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// Slice returns the text of a span.
func (d *Document) Slice(s Span) string { return d.Text[s.Start:s.End] }

// PublishedDate returns the published date as YYYY-MM-DD, or "" when unknown.
func (d *Document) PublishedDate() string {
	if d.Published.IsZero() {
		return ""
	}
	return d.Published.Format(DateLayout)
}

// SentenceAt returns the index of the sentence containing byte offset off, or
// -1 when off lies outside every sentence.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch s := d.Sentences[m]; {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// NewDocument builds a document from an already cleaned body: it splits the
// sentences and computes the hash. Loaders call it after cleaning.
func NewDocument(id, title string, published time.Time, url, source, text string) *Document {
	d := &Document{ID: id, Title: title, Published: published, URL: url, Source: source, Text: text}
	d.Sentences = SplitSentences(text)
	d.Hash = Hash(id, title, published, url, source, text)
	return d
}

// Hash is the hash NewDocument gives a document of these fields, without
// splitting its sentences: for telling which of a stored document's
// possible dates it was hashed with.
func Hash(id, title string, published time.Time, url, source, text string) string {
	date := ""
	if !published.IsZero() {
		date = published.Format(DateLayout)
	}
	h := sha256.New()
	for _, part := range []string{id, title, date, url, source, text} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
