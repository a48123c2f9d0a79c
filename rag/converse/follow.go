package converse

import (
	"context"
	"fmt"
	"strings"
)

// RewriteFunc asks a language model to answer a prompt: the engine's LLM
// client, given as a function.
type RewriteFunc func(ctx context.Context, p Prompt) (string, error)

// Follow resolves a follow-up in one call. Without a model (rewrite nil)
// it is Resolve. With one, the model rewrites the follow-up when it may
// need the conversation (see MayNeedContext) and AcceptRewrite checks the
// rewrite; the model is not asked about a standalone question. The
// resolution is always usable: err, when not nil, is why the model's
// rewrite was not used (the model failed, or its rewrite was rejected),
// for the caller to log.
func Follow(ctx context.Context, history []Turn, question string, rewrite RewriteFunc) (Resolution, error) {
	if rewrite == nil || len(history) == 0 || !MayNeedContext(question) {
		return Resolve(history, question), nil
	}
	reply, err := rewrite(ctx, RewritePrompt(history, question))
	if err != nil {
		return Resolve(history, question), fmt.Errorf("rewrite follow-up: %w", err)
	}
	return AcceptRewrite(history, question, reply)
}

// MayNeedContext reports whether a question may refer to an earlier turn:
// it has a pronoun (other than an "it" that refers to nothing), a role noun
// after "the", an elliptical or bare opening ("And …?", "What about …?",
// "Why?"), or three words or fewer. A question with none of these is
// standalone.
func MayNeedContext(question string) bool {
	q := strings.TrimSpace(question)
	toks := tokenize(q)
	if len(toks) == 0 {
		return false
	}
	if len(toks) <= 3 {
		return true
	}
	if n, _ := matchOpening(toks, ellipsisOpenings); n > 0 {
		return true
	}
	for i, t := range toks {
		if _, ok := pronouns[t.lower]; ok && !dummy(toks, i) {
			return true
		}
		if t.lower == "the" && i+1 < len(toks) {
			for j := i + 1; j < len(toks) && j <= i+3; j++ {
				if isRoleNoun(toks[j]) || orgWords[toks[j].lower] {
					return true
				}
			}
		}
	}
	return false
}

// dummy reports whether the "it" at token i refers to nothing ("Is it
// true that …").
func dummy(toks []token, i int) bool {
	return toks[i].lower == "it" && i+1 < len(toks) &&
		(dummyIt[toks[i+1].lower] || (copula(toks[i+1]) && i+2 < len(toks) && dummyIt[toks[i+2].lower]))
}
