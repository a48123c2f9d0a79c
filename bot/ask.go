package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
)

// Custom ids of the buttons under a public answer.
const (
	idPin     = "pin"
	idSources = "sources"
)

// Embed colours.
const (
	colorAnswer  = 0x3b82f6
	colorAbstain = 0x9ca3af
	colorInfo    = 0x10b981
)

// abstainText heads an answer whose sources do not answer the question.
const abstainText = "**The sources don't say.**"

// handleAsk serves /ask question:<text>.
func (b *Bot) handleAsk(ctx context.Context, i *discordgo.Interaction, r responder) error {
	q := CleanQuestion(optionString(i, "question"))
	if q == "" {
		_, err := r.Send(ctx, message{Content: "Please type a question about the story, for example `/ask question: What happened, and when?`", Ephemeral: true})
		return err
	}
	if n := textLen(q); n > b.opts.MaxQuestionLen {
		_, err := r.Send(ctx, message{
			Content:   fmt.Sprintf("Your question is %d characters long; the limit is %d. Please shorten it and ask again.", n, b.opts.MaxQuestionLen),
			Ephemeral: true,
		})
		return err
	}
	if ok, err := b.allowQuestion(ctx, i, r); !ok {
		return err
	}
	if err := r.Defer(ctx, deferPublic); err != nil {
		return err
	}
	ctx = b.withProgress(ctx, r)
	if f, ok := b.conversing(); ok {
		return b.askInConversation(ctx, i, r, f, q)
	}
	a, err := b.engine.Ask(ctx, q)
	if err != nil {
		return fmt.Errorf("ask %q: %w", q, err)
	}
	if a.Question == "" {
		a.Question = q
	}
	b.logQuestion(ctx, i.GuildID, q, a, "")
	id, err := r.Send(ctx, b.withAnswerButtons(answerMessage(a), a))
	if err != nil {
		return err
	}
	if id != "" {
		b.answers.put(id, a)
	}
	return nil
}

// handleSources serves the Sources button: the full passages, ephemerally.
func (b *Bot) handleSources(ctx context.Context, i *discordgo.Interaction, r responder) error {
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	a, ok, err := b.answerFor(ctx, i)
	if err != nil {
		return err
	}
	if !ok {
		_, err := r.Send(ctx, message{Content: forgottenText, Ephemeral: true})
		return err
	}
	for _, m := range sourcesMessages(a) {
		if _, err := r.Send(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// forgottenText answers a button on an answer the bot can no longer find.
const forgottenText = "I no longer have the sources of this answer (the bot may have restarted). Please ask the question again."

// answerFor finds the answer behind the message a button is on: from memory,
// or by asking again the question in the embed title when it is whole.
func (b *Bot) answerFor(ctx context.Context, i *discordgo.Interaction) (rag.Answer, bool, error) {
	if i.Message == nil {
		return rag.Answer{}, false, nil
	}
	if a, ok := b.answers.get(i.Message.ID); ok {
		return a, true, nil
	}
	if len(i.Message.Embeds) == 0 {
		return rag.Answer{}, false, nil
	}
	q := unescapeMarkdown(i.Message.Embeds[0].Title)
	if r, ok := resolvedIn(i.Message.Embeds[0]); ok {
		q = r // a follow-up: the standalone question it answered
	}
	if q == "" || strings.HasSuffix(q, ellipsis) {
		return rag.Answer{}, false, nil
	}
	a, err := b.engine.Ask(ctx, q)
	if err != nil {
		return rag.Answer{}, false, fmt.Errorf("ask again %q: %w", q, err)
	}
	if a.Question == "" {
		a.Question = q
	}
	b.answers.put(i.Message.ID, a)
	return a, true, nil
}
