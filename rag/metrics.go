package rag

import (
	"context"
	"errors"
	"net"
)

// Reasons an LLM answer was replaced by the extractive one, as counted in
// the fallbacks metric.
const (
	FallbackTimeout = "timeout" // the API did not answer within OPENAI_TIMEOUT
	FallbackError   = "error"   // the API failed, or its reply held no verifiable quote
)

// fallbackReason labels the error that made an LLM answer fall back.
func fallbackReason(err error) string {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return FallbackTimeout
	}
	return FallbackError
}
