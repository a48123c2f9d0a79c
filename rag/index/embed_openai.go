package index

import (
	"context"
	"fmt"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// embedBatch is how many texts go in one embeddings request; OpenAI accepts
// up to 2048, local servers (Ollama, llama.cpp) prefer smaller batches.
const embedBatch = 64

// NewOpenAIEmbedder returns an embedder that calls the embeddings endpoint of
// an OpenAI-compatible API (OpenAI, Ollama, vLLM, llama.cpp server).
func NewOpenAIEmbedder(client *openai.Client, model string) *Embedder {
	embed := func(ctx context.Context, texts []string) ([][]float32, error) {
		out := make([][]float32, 0, len(texts))
		for start := 0; start < len(texts); start += embedBatch {
			batch := texts[start:min(start+embedBatch, len(texts))]
			input := make([]string, len(batch))
			for i, t := range batch {
				input[i] = strings.ReplaceAll(t, "\n", " ")
			}
			resp, err := client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
				Input: input,
				Model: openai.EmbeddingModel(model),
			})
			if err != nil {
				return nil, fmt.Errorf("embeddings request: %w", err)
			}
			if len(resp.Data) != len(batch) {
				return nil, fmt.Errorf("embeddings request: got %d vectors for %d texts", len(resp.Data), len(batch))
			}
			vecs := make([][]float32, len(batch))
			for _, d := range resp.Data {
				if d.Index < 0 || d.Index >= len(batch) || len(d.Embedding) == 0 || vecs[d.Index] != nil {
					return nil, fmt.Errorf("embeddings request: malformed or repeated vector at index %d", d.Index)
				}
				vecs[d.Index] = d.Embedding
			}
			out = append(out, vecs...)
		}
		return out, nil
	}
	return &Embedder{
		ID:    "openai/" + model,
		Embed: embed,
		Query: func(ctx context.Context, q string, _ func(string) float64) ([]float32, error) {
			v, err := embed(ctx, []string{q})
			if err != nil {
				return nil, err
			}
			return v[0], nil
		},
	}
}
