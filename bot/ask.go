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
	q := strings.TrimSpace(optionString(i, "question"))
	if q == "" {
		_, err := r.Send(ctx, message{Content: "Please type a question, for example `/ask question: Who met in Vienna?`", Ephemeral: true})
		return err
	}
	if n := textLen(q); n > b.opts.MaxQuestionLen {
		_, err := r.Send(ctx, message{
			Content:   fmt.Sprintf("Your question is %d characters long; the limit is %d. Please shorten it and ask again.", n, b.opts.MaxQuestionLen),
			Ephemeral: true,
		})
		return err
	}
	if err := r.Defer(ctx, deferPublic); err != nil {
		return err
	}
	a, err := b.engine.Ask(ctx, q)
	if err != nil {
		return fmt.Errorf("ask %q: %w", q, err)
	}
	if a.Question == "" {
		a.Question = q
	}
	id, err := r.Send(ctx, answerMessage(a))
	if err != nil {
		return err
	}
	if id != "" {
		b.answers.put(id, a)
	}
	return nil
}

// answerMessage is a public answer with its Pin and Sources buttons.
func answerMessage(a rag.Answer) message {
	return message{
		Embeds: []*discordgo.MessageEmbed{AnswerEmbed(a)},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Pin", Style: discordgo.SecondaryButton, CustomID: idPin, Emoji: &discordgo.ComponentEmoji{Name: "📌"}},
			discordgo.Button{Label: "Sources", Style: discordgo.PrimaryButton, CustomID: idSources, Disabled: len(a.Citations) == 0},
		}}},
	}
}

// AnswerEmbed renders an answer as members see it: the question as title,
// the answer with its [n] markers (or "The sources don't say." when it
// abstained), one field per numbered source (title, date, quoted passage)
// and the answerer in the footer, within all of Discord's embed limits.
func AnswerEmbed(a rag.Answer) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       a.Question,
		Description: a.Text,
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: answererText(a)},
	}
	if a.Abstained {
		e.Color = colorAbstain
		e.Description = abstainText
		switch t := strings.TrimSpace(a.Text); {
		case strings.HasPrefix(t, strings.Trim(abstainText, "*")):
			// The engine's text already says it: bold that, keep the rest.
			e.Description = abstainText + strings.TrimPrefix(t, strings.Trim(abstainText, "*"))
		case t != "":
			e.Description += "\n" + t
		}
	}
	if e.Description == "" {
		e.Description = "\u200b"
	}
	cites := a.Citations
	if len(cites) > maxFields {
		cites = cites[:maxFields]
	}
	for _, c := range cites {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  citationHeading(c),
			Value: quoteBlock(c.Quote),
		})
	}
	// Room for the note on sources that did not fit.
	fitEmbedWithin(e, maxEmbedTotal-textLen(hiddenSourcesNote(len(a.Citations))))
	if hidden := len(a.Citations) - len(e.Fields); hidden > 0 {
		e.Footer.Text += hiddenSourcesNote(hidden)
	}
	return e
}

// hiddenSourcesNote ends the footer of an answer showing fewer sources than
// it has.
func hiddenSourcesNote(n int) string {
	return fmt.Sprintf(" · %d more sources not shown: press Sources", n)
}

// answererText names the answerer used, for the footer.
func answererText(a rag.Answer) string {
	mode := a.Mode
	if mode == "" {
		mode = "unknown"
	}
	s := "Answered by: " + mode
	if a.Model != "" {
		s += " (" + a.Model + ")"
	}
	return s + " · every quote is verbatim from the sources"
}

// citationHeading is "[n] Title · date".
func citationHeading(c rag.Citation) string {
	title := c.Title
	if title == "" {
		title = c.Doc
	}
	h := fmt.Sprintf("[%d] %s", c.N, title)
	if c.Published != "" {
		h += " · " + c.Published
	}
	return h
}

// quoteBlock renders a passage as a Markdown block quote.
func quoteBlock(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return "\u200b"
	}
	return "> " + strings.ReplaceAll(q, "\n", "\n> ")
}

// sourcesMessages renders every full passage of an answer, split over as
// many ephemeral messages as needed, one embed each.
func sourcesMessages(a rag.Answer) []message {
	if len(a.Citations) == 0 {
		return []message{{Content: "This answer has no sources to show.", Ephemeral: true}}
	}
	var blocks []string
	for _, c := range a.Citations {
		var sb strings.Builder
		sb.WriteString("**" + citationHeading(c) + "**\n")
		if c.URL != "" {
			sb.WriteString(c.URL + "\n")
		}
		sb.WriteString(quoteBlock(c.Quote))
		blocks = append(blocks, truncate(sb.String(), maxEmbedDescription))
	}
	var msgs []message
	var cur strings.Builder
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		title := "Sources"
		if len(msgs) == 0 && a.Question != "" {
			title = "Sources for: " + a.Question
		}
		msgs = append(msgs, message{Ephemeral: true, Embeds: []*discordgo.MessageEmbed{fitEmbed(&discordgo.MessageEmbed{
			Title: title, Description: cur.String(), Color: colorInfo,
		})}})
		cur.Reset()
	}
	for _, bl := range blocks {
		if cur.Len() > 0 && textLen(cur.String())+2+textLen(bl) > maxEmbedDescription {
			flush()
		}
		if cur.Len() > 0 {
			cur.WriteString("\n\n")
		}
		cur.WriteString(bl)
	}
	flush()
	return msgs
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
	q := i.Message.Embeds[0].Title
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
