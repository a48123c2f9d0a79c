package rag

import "context"

// Stages of a slow answer, as Step reports them.
const (
	StageSearching = "searching" // N: the articles searched
	StageWriting   = "writing"   // N: the passages the model reads
	StageChecking  = "checking"  // N: the quotes being checked
)

// Step is what an answer is doing, for a front end to show while a slow
// (LLM) answer is written. It never carries the answer's text: nothing
// unverified is shown.
type Step struct {
	Stage string
	N     int
}

type stepsKey struct{}

// WithSteps returns a context under which Ask and Follow report the steps
// of an LLM answer to fn, in order, from the goroutine answering.
func WithSteps(ctx context.Context, fn func(Step)) context.Context {
	return context.WithValue(ctx, stepsKey{}, fn)
}

// ReportStep reports s to the step function of ctx (see WithSteps), if any:
// for an engine, or a stand-in for one, answering under that context.
func ReportStep(ctx context.Context, s Step) {
	if fn, ok := ctx.Value(stepsKey{}).(func(Step)); ok && fn != nil {
		fn(s)
	}
}
