package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag/whosaid"
)

// whoSaidMax is how many statements one reply shows; the rest are counted.
const whoSaidMax = 10

// handleWhoSaid serves /who-said query:<words or a name>.
func (b *Bot) handleWhoSaid(ctx context.Context, i *discordgo.Interaction, r responder) error {
	query := strings.TrimSpace(optionString(i, "query"))
	if err := r.Defer(ctx, deferPublic); err != nil {
		return err
	}
	st, err := b.engine.WhoSaid(ctx, query)
	if err != nil {
		return fmt.Errorf("who said %q: %w", query, err)
	}
	_, err = r.Send(ctx, message{Embeds: []*discordgo.MessageEmbed{whoSaidEmbed(query, st)}})
	return err
}

// whoSaidEmbed renders statements speaker first, then the quote and its
// source.
func whoSaidEmbed(query string, st []whosaid.Statement) *discordgo.MessageEmbed {
	title := "Who said"
	if query != "" {
		title += ": " + query
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorInfo}
	if len(st) == 0 {
		e.Description = "I found no statements matching that in the sources."
		return fitEmbed(e)
	}
	shown := st
	if len(shown) > whoSaidMax {
		shown = shown[:whoSaidMax]
	}
	for _, s := range shown {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: speakerLine(s), Value: statementText(s)})
	}
	footer := fmt.Sprintf("%d statements", len(st))
	if len(st) == 1 {
		footer = "1 statement"
	}
	if rest := len(st) - len(shown); rest > 0 {
		footer = fmt.Sprintf("Showing %d of %d statements; …and %d more; try a narrower query", len(shown), len(st), rest)
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return fitEmbed(e)
}

// speakerLine is "Speaker, Role (via X)".
func speakerLine(s whosaid.Statement) string {
	name := s.Speaker
	if name == "" || name == whosaid.Unattributed {
		name = "Unattributed"
	}
	if s.Role != "" {
		name += ", " + s.Role
	}
	if s.Via != "" {
		name += " (via " + s.Via + ")"
	}
	return name
}

// statementText is the quote, marked when reported, and its source.
func statementText(s whosaid.Statement) string {
	q := quoteBlock(s.Quote)
	if s.Kind == whosaid.Indirect {
		q += "\n*(reported)*"
	}
	src := s.Title
	if src == "" {
		src = s.Doc
	}
	if src != "" {
		// Cut the quote first so the source always shows.
		suffix := "\n— *" + src + "*"
		q = truncate(q, maxFieldValue-textLen(suffix)) + suffix
	}
	return q
}

// completeSpeakers serves autocomplete of /who-said's query.
func (b *Bot) completeSpeakers(ctx context.Context, i *discordgo.Interaction, r responder) error {
	var prefix string
	for _, o := range i.ApplicationCommandData().Options {
		if o.Focused {
			prefix, _ = o.Value.(string)
		}
	}
	names := b.engine.Speakers(ctx, strings.TrimSpace(prefix))
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, n := range names {
		if len(choices) == maxChoices {
			break
		}
		if n == "" {
			continue
		}
		v := truncate(n, maxChoiceLen)
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return r.Autocomplete(ctx, choices)
}
