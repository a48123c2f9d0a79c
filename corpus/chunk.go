package corpus

import "fmt"

// Chunk is a run of whole sentences of one document, the unit the index
// embeds and retrieves.
type Chunk struct {
	ID    string // "<doc id>#<index>"
	DocID string
	Index int
	Span  Span // from the first sentence's start to the last one's end
	// Sentences are the spans of the chunk's sentences in the document.
	Sentences []Span
	Text      string
}

// ChunkOptions size the chunks.
type ChunkOptions struct {
	// MaxBytes bounds a chunk's length; a single longer sentence is a chunk
	// of its own.
	MaxBytes int
	// Overlap is how many sentences consecutive chunks share.
	Overlap int
}

// DefaultChunkOptions are tuned for news prose: two to four sentences a chunk,
// so a retrieved chunk is focused enough to answer from, sharing one sentence
// with its neighbour so that no statement is cut from its context.
var DefaultChunkOptions = ChunkOptions{MaxBytes: 480, Overlap: 1}

// Chunks splits a document into chunks of whole sentences.
func Chunks(d *Document, opt ChunkOptions) []Chunk {
	if opt.MaxBytes <= 0 {
		opt = DefaultChunkOptions
	}
	n := len(d.Sentences)
	var chunks []Chunk
	for i := 0; i < n; {
		j := i + 1
		for j < n && d.Sentences[j].End-d.Sentences[i].Start <= opt.MaxBytes {
			j++
		}
		span := Span{d.Sentences[i].Start, d.Sentences[j-1].End}
		chunks = append(chunks, Chunk{
			ID:        fmt.Sprintf("%s#%d", d.ID, len(chunks)),
			DocID:     d.ID,
			Index:     len(chunks),
			Span:      span,
			Sentences: d.Sentences[i:j:j],
			Text:      d.Text[span.Start:span.End],
		})
		if j >= n {
			break
		}
		next := j - opt.Overlap
		if next <= i {
			next = j
		}
		i = next
	}
	return chunks
}
