package answer

import "context"

// Chat sends one system and one user message to the model and returns its
// plain-text reply, under the LLM's timeout: for the small tasks beside
// answering, such as rewriting a follow-up question. The reply is data to
// check, never text to show as it is.
func (l *LLM) Chat(ctx context.Context, system, user string) (string, error) {
	return l.send(ctx, system, user, nil)
}
