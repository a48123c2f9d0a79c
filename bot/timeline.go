package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// idTimeline prefixes the Prev/Next buttons: "tl:<page>:<topic>". Pressing
// one runs the query again and shows that page.
const idTimeline = "tl"

// timelinePageSize is how many events a page shows; lines are cut so a full
// page stays within the description limit.
const timelinePageSize = 10

// handleTimeline serves /timeline [topic].
func (b *Bot) handleTimeline(ctx context.Context, i *discordgo.Interaction, r responder) error {
	topic := CleanQuestion(optionString(i, "topic"))
	if err := r.Defer(ctx, deferPublic); err != nil {
		return err
	}
	events, err := b.engine.Timeline(ctx, topic)
	if err != nil {
		return fmt.Errorf("timeline %q: %w", topic, err)
	}
	_, err = r.Send(ctx, timelineMessage(topic, events, 0))
	return err
}

// handleTimelinePage serves the Prev/Next buttons of a timeline.
func (b *Bot) handleTimelinePage(ctx context.Context, i *discordgo.Interaction, r responder) error {
	_, rest, _ := strings.Cut(i.MessageComponentData().CustomID, ":")
	pageText, topic, _ := strings.Cut(rest, ":")
	page, err := strconv.Atoi(pageText)
	if err != nil {
		return fmt.Errorf("timeline button %q: %w", i.MessageComponentData().CustomID, err)
	}
	if err := r.Defer(ctx, deferUpdate); err != nil {
		return err
	}
	events, err := b.engine.Timeline(ctx, topic)
	if err != nil {
		return fmt.Errorf("timeline %q: %w", topic, err)
	}
	_, err = r.Send(ctx, timelineMessage(topic, events, page))
	return err
}
