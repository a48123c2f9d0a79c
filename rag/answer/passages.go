package answer

import (
	"slices"
	"sort"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/index"
)

// MergeChunks merges the passages of one article that overlap or touch
// (consecutive chunks share sentences) into one passage spanning them, each
// sentence once, in reading order. The merged passages keep the order of
// their best-scoring part, and its score.
func MergeChunks(ps []index.Passage) []index.Passage {
	byDoc := map[string][]int{}
	var docs []string
	for i, p := range ps {
		if _, ok := byDoc[p.Doc]; !ok {
			docs = append(docs, p.Doc)
		}
		byDoc[p.Doc] = append(byDoc[p.Doc], i)
	}
	type merged struct {
		p    index.Passage
		rank int // position of its best part in ps
	}
	var out []merged
	for _, doc := range docs {
		idx := byDoc[doc]
		sort.Slice(idx, func(a, b int) bool { return ps[idx[a]].Span.Start < ps[idx[b]].Span.Start })
		cur := merged{p: ps[idx[0]], rank: idx[0]}
		for _, i := range idx[1:] {
			p := ps[i]
			if touches(cur.p, p) {
				cur.p = join(cur.p, p)
				cur.rank = min(cur.rank, i)
				continue
			}
			out = append(out, cur)
			cur = merged{p: p, rank: i}
		}
		out = append(out, cur)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].rank < out[b].rank })
	res := make([]index.Passage, len(out))
	for i, m := range out {
		res[i] = m.p
	}
	return res
}

// DropNearDuplicates keeps the first of passages that say the same in
// nearly the same words (a story republished by another outlet), so that a
// model is not given, and does not cite, one text twice.
func DropNearDuplicates(ps []index.Passage) []index.Passage {
	var out []index.Passage
	var kept [][]token
	for _, p := range ps {
		toks := tokenize(p.Text)
		if slices.ContainsFunc(kept, func(k []token) bool { return nearDuplicate(k, toks) }) {
			continue
		}
		kept = append(kept, toks)
		out = append(out, p)
	}
	return out
}

// touches reports whether b (starting no earlier than a) overlaps a or
// follows it with nothing but whitespace between.
func touches(a, b index.Passage) bool {
	if b.Span.Start <= a.Span.End {
		return true
	}
	for _, r := range a.Document.Text[a.Span.End:b.Span.Start] {
		if r != ' ' && r != '\n' && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}

// join returns the passage spanning a and b (of one document, b starting no
// earlier than a), with the better score.
func join(a, b index.Passage) index.Passage {
	out := a
	out.Span = corpus.Span{Start: a.Span.Start, End: max(a.Span.End, b.Span.End)}
	out.Text = a.Document.Text[out.Span.Start:out.Span.End]
	out.Sentences = append([]corpus.Span(nil), a.Sentences...)
	for _, s := range b.Sentences {
		if s.Start >= a.Span.End {
			out.Sentences = append(out.Sentences, s)
		}
	}
	out.Score, out.Cosine, out.BM25 = max(a.Score, b.Score), max(a.Cosine, b.Cosine), max(a.BM25, b.BM25)
	return out
}

// citation cites span of the passage's document as the n-th source.
func citation(p index.Passage, span corpus.Span, n int) Citation {
	return Citation{
		N: n, Doc: p.Doc, Title: p.Title, Published: p.PublishedDate(), URL: p.URL,
		Quote: p.Document.Text[span.Start:span.End], Start: span.Start, End: span.End,
	}
}
