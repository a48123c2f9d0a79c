package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// whoSaidMax is how many statements one reply shows; the rest are counted.
const whoSaidMax = 10

// whoSaidFooterRoom is kept free for the footer, written after fitting.
const whoSaidFooterRoom = 100

// handleWhoSaid serves /who-said query:<words or a name>.
func (b *Bot) handleWhoSaid(ctx context.Context, i *discordgo.Interaction, r responder) error {
	query := CleanQuestion(optionString(i, "query"))
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
