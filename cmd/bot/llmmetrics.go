package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/newsbot/storybot/internal/metrics"
)

// llmTransport counts every request to the OpenAI-compatible API by kind
// (chat, embed) and outcome (ok, error, timeout).
type llmTransport struct {
	next http.RoundTripper
	m    *metrics.Metrics
}

func (t llmTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	kind := ""
	switch {
	case strings.HasSuffix(req.URL.Path, "/chat/completions"):
		kind = metrics.LLMChat
	case strings.HasSuffix(req.URL.Path, "/embeddings"):
		kind = metrics.LLMEmbed
	}
	if kind != "" {
		t.m.LLMCall(kind, llmOutcome(req.Context(), resp, err))
	}
	return resp, err
}

// llmOutcome labels what a request to the API gave.
func llmOutcome(ctx context.Context, resp *http.Response, err error) string {
	var ne net.Error
	switch {
	case err != nil && (errors.Is(err, context.DeadlineExceeded) || ctx.Err() == context.DeadlineExceeded || (errors.As(err, &ne) && ne.Timeout())):
		return metrics.LLMTimeout
	case err != nil || resp.StatusCode >= 400:
		return metrics.LLMError
	}
	return metrics.LLMOK
}
