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

// whoSaidFooterRoom is kept free for the footer, written after fitting.
const whoSaidFooterRoom = 100

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
	_, err = r.Send(ctx, message{Embeds: []*discordgo.MessageEmbed{WhoSaidEmbed(query, st)}})
	return err
}

// WhoSaidEmbed renders statements matching query as members see them:
// speaker first (with role and channel), then the quote and its source; at
// most 10, the rest counted in the footer.
func WhoSaidEmbed(query string, st []whosaid.Statement) *discordgo.MessageEmbed {
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
	// Share the room between the statements before building them, so each
	// quote is cut inside its field and its source always shows; show fewer
	// statements rather than stubs.
	names := make([]string, len(shown))
	for n, s := range shown {
		names[n] = truncate(speakerLine(s), maxFieldName)
	}
	room := maxEmbedTotal - whoSaidFooterRoom - textLen(truncate(title, maxEmbedTitle))
	per := 0
	for len(shown) > 0 {
		used := 0
		for _, n := range names[:len(shown)] {
			used += textLen(n)
		}
		per = min(maxFieldValue, (room-used)/len(shown))
		if per >= fieldFloor || len(shown) == 1 {
			break
		}
		shown = shown[:len(shown)-1]
	}
	for n, s := range shown {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: names[n], Value: statementText(s, max(per, lastFloor))})
	}
	// Fit first, leaving room for the footer, which counts what is shown.
	e.Footer = &discordgo.MessageEmbedFooter{}
	fitEmbedWithin(e, maxEmbedTotal-whoSaidFooterRoom)
	footer := fmt.Sprintf("%d statements", len(st))
	if len(st) == 1 {
		footer = "1 statement"
	}
	if rest := len(st) - len(e.Fields); rest > 0 {
		footer = fmt.Sprintf("Showing %d of %d statements; try a narrower query", len(e.Fields), len(st))
	}
	e.Footer.Text = footer
	return e
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

// statementText is the quote, marked when reported, and its source, in at
// most limit characters; the quote is cut first.
func statementText(s whosaid.Statement, limit int) string {
	var suffix string
	if s.Kind == whosaid.Indirect {
		suffix += "\n*(reported)*"
	}
	src := s.Title
	if src == "" {
		src = s.Doc
	}
	if src != "" {
		suffix += "\n— *" + truncate(src, limit/2) + "*"
	}
	return truncate(quoteBlock(s.Quote), limit-textLen(suffix)) + suffix
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
