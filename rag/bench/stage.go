package bench

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag"
	"github.com/philippgille/chromem-go"
)

// staged is the ingest pipeline run step by step on a sample, with what it
// built: a chromem-go collection and a slab of the same vectors.
type staged struct {
	db     *chromem.DB
	coll   *chromem.Collection
	docs   []chromem.Document // as added, for the layouts to write again
	slab   slab
	stages []Stage
}

// stage runs the product's ingest steps one at a time on the sample's files
// and times each: read and clean, chunk, embed, add to chromem-go.
func stage(ctx context.Context, dir string) (*staged, error) {
	st := &staged{}
	t := time.Now()
	docs, _, err := corpus.LoadDir(dir)
	if err != nil {
		return nil, err
	}
	st.stages = append(st.stages, Stage{Name: "read and clean", Seconds: time.Since(t).Seconds()})

	t = time.Now()
	var chunks []corpus.Chunk
	var owner []*corpus.Document
	for _, d := range docs {
		for _, c := range corpus.Chunks(d, corpus.DefaultChunkOptions) {
			chunks = append(chunks, c)
			owner = append(owner, d)
		}
	}
	st.stages = append(st.stages, Stage{Name: "chunk", Seconds: time.Since(t).Seconds()})

	emb := rag.NewLocalEmbedder()
	t = time.Now()
	vecs := make([][]float32, 0, len(chunks))
	for start := 0; start < len(chunks); start += embedBatch {
		end := min(start+embedBatch, len(chunks))
		texts := make([]string, end-start)
		for i := range texts {
			texts[i] = chunks[start+i].Text
		}
		v, err := emb.Embed(ctx, texts)
		if err != nil {
			return nil, err
		}
		vecs = append(vecs, v...)
	}
	st.stages = append(st.stages, Stage{Name: "embed", Seconds: time.Since(t).Seconds()})

	st.db = chromem.NewDB()
	st.coll, err = st.db.CreateCollection("chunks", nil, nil)
	if err != nil {
		return nil, err
	}
	t = time.Now()
	for start := 0; start < len(chunks); start += embedBatch {
		end := min(start+embedBatch, len(chunks))
		cdocs := make([]chromem.Document, end-start)
		for i := range cdocs {
			c, d := chunks[start+i], owner[start+i]
			cdocs[i] = chromem.Document{ID: c.ID, Metadata: metadata(d, c), Embedding: vecs[start+i], Content: c.Text}
		}
		if err := st.coll.AddDocuments(ctx, cdocs, runtime.NumCPU()); err != nil {
			return nil, err
		}
		st.docs = append(st.docs, cdocs...)
	}
	st.stages = append(st.stages, Stage{Name: "add to chromem-go", Seconds: time.Since(t).Seconds()})

	if len(vecs) > 0 {
		st.slab.dim = len(vecs[0])
		st.slab.v = make([]float32, 0, len(vecs)*st.slab.dim)
		for _, v := range vecs {
			st.slab.v = append(st.slab.v, v...)
		}
	}
	return st, nil
}

// metadata is what the product stores with a chunk: its document, title and
// sentence offsets.
func metadata(d *corpus.Document, c corpus.Chunk) map[string]string {
	var sb strings.Builder
	for i, s := range c.Sentences {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End))
	}
	m := map[string]string{"doc": d.ID, "title": d.Title, "sentences": sb.String()}
	if p := d.PublishedDate(); p != "" {
		m["published"] = p
	}
	return m
}
