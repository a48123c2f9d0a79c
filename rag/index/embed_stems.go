package index

import "context"

// StemmerID names the content stems the lexicon counts (lang.ContentStems
// of a chunk's text, as this version makes them). It changes when they do,
// so that stems kept beside the index elsewhere (a replica's store) by
// another version are not mixed with this one's.
const StemmerID = "lang-content-stems-v2"

// EmbedStems embeds texts with e; stems are the texts' content stems when e
// finds them by the same pass over their words (the local embedder does),
// else nil.
func (e *Embedder) EmbedStems(ctx context.Context, texts []string) (vecs [][]float32, stems [][]string, err error) {
	if e.embedStems != nil {
		return e.embedStems(ctx, texts)
	}
	vecs, err = e.Embed(ctx, texts)
	return vecs, nil, err
}

// WithStems returns an embedder like e that embeds with embed, which also
// returns each text's content stems as StemmerID names them (nil for a text
// it does not know): a sync's lexicon takes those rather than tokenise the
// texts again. A replica's index, built from stored chunks, uses it.
func WithStems(e *Embedder, embed func(ctx context.Context, texts []string) ([][]float32, [][]string, error)) *Embedder {
	return &Embedder{
		ID:    e.ID,
		Query: e.Query,
		Embed: func(ctx context.Context, texts []string) ([][]float32, error) {
			vecs, _, err := embed(ctx, texts)
			return vecs, err
		},
		embedStems: embed,
	}
}
