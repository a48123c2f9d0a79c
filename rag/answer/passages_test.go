package answer

import (
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/index"
)

// passageOf makes the passage of sentences [from, to) of d.
func passageOf(d *corpus.Document, from, to int, score float64) index.Passage {
	span := corpus.Span{Start: d.Sentences[from].Start, End: d.Sentences[to-1].End}
	return index.Passage{Doc: d.ID, Title: d.Title, Span: span, Text: d.Text[span.Start:span.End],
		Sentences: d.Sentences[from:to], Document: d, Score: score}
}

func TestMergeChunksReadingOrder(t *testing.T) {
	d := corpus.NewDocument("a.md", "A", time.Time{}, "", "", "One is here. Two is here. Three is here. Four is here. Five is here.")
	other := corpus.NewDocument("b.md", "B", time.Time{}, "", "", "Other text is here.")
	ps := []index.Passage{
		passageOf(d, 2, 4, 0.9), // three, four: the best
		passageOf(other, 0, 1, 0.8),
		passageOf(d, 0, 3, 0.5), // overlaps the first on "three"
	}
	got := MergeChunks(ps)
	if len(got) != 2 {
		t.Fatalf("got %d passages, want the article's two chunks merged and the other kept", len(got))
	}
	if got[0].Doc != "a.md" || got[0].Text != "One is here. Two is here. Three is here. Four is here." || got[0].Score != 0.9 {
		t.Errorf("got %q (score %v), want the article's sentences once, in reading order, with the best score", got[0].Text, got[0].Score)
	}
	if len(got[0].Sentences) != 4 || got[1].Doc != "b.md" {
		t.Errorf("got %d sentences and then %s, want 4 and b.md", len(got[0].Sentences), got[1].Doc)
	}
}

func TestDropNearDuplicates(t *testing.T) {
	a := corpus.NewDocument("a.md", "A", time.Time{}, "", "", "Both Trump and Abe are set to attend the economic summit in Canada.")
	b := corpus.NewDocument("b.md", "B", time.Time{}, "", "", "Trump and Abe are to attend the economic summit in Canada.")
	c := corpus.NewDocument("c.md", "C", time.Time{}, "", "", "The summit was cancelled last week.")
	got := DropNearDuplicates([]index.Passage{passageOf(a, 0, 1, 1), passageOf(b, 0, 1, 0.9), passageOf(c, 0, 1, 0.8)})
	var docs []string
	for _, p := range got {
		docs = append(docs, p.Doc)
	}
	if strings.Join(docs, ",") != "a.md,c.md" {
		t.Errorf("got %v, want the republished copy dropped", docs)
	}
}
