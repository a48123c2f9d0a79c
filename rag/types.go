package rag

import (
	"time"

	"github.com/newsbot/storybot/corpus"

	"github.com/newsbot/storybot/rag/answer"
	"github.com/newsbot/storybot/rag/index"
	openai "github.com/sashabaranov/go-openai"
)

// The answer types, defined by rag/answer, are the facade's too.
type (
	// Answer is what the bot tells a user (see answer.Answer).
	Answer = answer.Answer
	// Citation is one numbered source of an answer (see answer.Citation).
	Citation = answer.Citation
	// LLM answers through an OpenAI-compatible chat API (see answer.LLM).
	LLM = answer.LLM
	// Passage is a retrieved piece of a document (see index.Passage).
	Passage = index.Passage
	// Embedder turns texts into vectors for the index (see index.Embedder).
	Embedder = index.Embedder
	// Progress is told how many chunks of a sync have been embedded.
	Progress = index.Progress
	// SyncStats says what a sync changed.
	SyncStats = index.SyncStats
	// Timings are how long a sync's steps took.
	Timings = index.Timings
)

// Mode names of the answerers, as reported in Answer.Mode.
const (
	ModeExtractive = answer.ModeExtractive
	ModeLLM        = answer.ModeLLM
)

// Abstention is the answer text when the sources do not answer a question.
const Abstention = answer.Abstention

// LocalDim is the dimension of the local embedder's vectors.
const LocalDim = index.LocalDim

// NewLocalEmbedder returns the embedder that needs no model and no network.
func NewLocalEmbedder() *Embedder { return index.NewLocalEmbedder() }

// NewOpenAIEmbedder returns an embedder backed by an OpenAI-compatible
// embeddings API.
func NewOpenAIEmbedder(client *openai.Client, model string) *Embedder {
	return index.NewOpenAIEmbedder(client, model)
}

// NewLLM returns an LLM answerer for a chat model. A reply that takes longer
// than timeout is abandoned (0 means no limit beyond the caller's context).
func NewLLM(client *openai.Client, model string, timeout time.Duration) *LLM {
	return answer.NewLLM(client, model, timeout)
}

// Locate finds quote in text, allowing only differences of quote style and
// whitespace, and returns its byte span in text (see answer.Locate).
func Locate(text, quote string) (corpus.Span, bool) { return answer.Locate(text, quote) }
