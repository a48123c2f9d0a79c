package answer

import (
	"context"
	"errors"
	"fmt"

	openai "github.com/sashabaranov/go-openai"
)

// Chat sends one system and one user message to the model and returns its
// plain-text reply, under the LLM's timeout: for the small tasks beside
// answering, such as rewriting a follow-up question. The reply is data to
// check, never text to show as it is.
func (l *LLM) Chat(ctx context.Context, system, user string) (string, error) {
	if l.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.timeout)
		defer cancel()
	}
	resp, err := l.client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: l.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		Temperature: temperature,
	})
	if err != nil {
		return "", fmt.Errorf("chat completion: %w", err)
	}
	if len(resp.Choices) == 0 {
		return "", errors.New("chat completion: no choices in the reply")
	}
	return resp.Choices[0].Message.Content, nil
}
