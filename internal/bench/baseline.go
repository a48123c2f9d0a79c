package bench

import (
	"context"
	"runtime"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/index"
	"github.com/philippgille/chromem-go"
)

// baseline is what retrieval and persistence are compared with: chromem-go
// used alone on the same vectors (a collection of the chunks' vectors, no
// metadata), and a slab of those vectors for a plain loop. It is built from
// the sample's files with the product's public pieces (corpus loading and
// chunking, the local embedder); it is not the product's ingest, which the
// product times itself (rag.SyncStats.Timings).
type baseline struct {
	db   *chromem.DB
	coll *chromem.Collection
	docs []chromem.Document // as added, for the layouts to write again
	slab slab
}

func buildBaseline(ctx context.Context, dir string) (*baseline, error) {
	docs, _, err := corpus.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	var chunks []corpus.Chunk
	for _, d := range docs {
		chunks = append(chunks, corpus.Chunks(d, corpus.DefaultChunkOptions)...)
	}
	b := &baseline{db: chromem.NewDB()}
	if b.coll, err = b.db.CreateCollection("chunks", nil, nil); err != nil {
		return nil, err
	}
	emb := rag.NewLocalEmbedder()
	for start := 0; start < len(chunks); start += index.EmbedBatch {
		end := min(start+index.EmbedBatch, len(chunks))
		texts := make([]string, end-start)
		for i := range texts {
			texts[i] = chunks[start+i].Text
		}
		vecs, err := emb.Embed(ctx, texts)
		if err != nil {
			return nil, err
		}
		cdocs := make([]chromem.Document, len(vecs))
		for i, v := range vecs {
			cdocs[i] = chromem.Document{ID: chunks[start+i].ID, Embedding: v, Content: texts[i]}
			if b.slab.dim == 0 {
				b.slab.dim = len(v)
			}
			b.slab.v = append(b.slab.v, v...)
		}
		if err := b.coll.AddDocuments(ctx, cdocs, runtime.NumCPU()); err != nil {
			return nil, err
		}
		b.docs = append(b.docs, cdocs...)
	}
	return b, nil
}
