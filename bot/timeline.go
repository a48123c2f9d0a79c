package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag/timeline"
)

// idTimeline prefixes the Prev/Next buttons: "tl:<page>:<topic>". Pressing
// one runs the query again and shows that page.
const idTimeline = "tl"

// timelinePageSize is how many events a page shows; lines are cut so a full
// page stays within the description limit.
const timelinePageSize = 10

// handleTimeline serves /timeline [topic].
func (b *Bot) handleTimeline(ctx context.Context, i *discordgo.Interaction, r responder) error {
	topic := strings.TrimSpace(optionString(i, "topic"))
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

// timelineMessage renders one page of events. When the topic is too long to
// travel in a button's custom id, the first page is shown with a count of
// the rest instead of buttons.
func timelineMessage(topic string, events []timeline.Event, page int) message {
	title := "Timeline"
	if topic != "" {
		title += ": " + topic
	}
	e := &discordgo.MessageEmbed{Title: title, Color: colorInfo}
	if len(events) == 0 {
		e.Description = "I found no dated events"
		if topic != "" {
			e.Description += " about that"
		}
		e.Description += " in the sources."
		return message{Embeds: []*discordgo.MessageEmbed{fitEmbed(e)}}
	}
	pages := (len(events) + timelinePageSize - 1) / timelinePageSize
	paginate := len(timelineID(pages, topic)) <= maxCustomID
	if !paginate || page < 0 || page >= pages {
		page = 0
	}
	from := page * timelinePageSize
	to := min(from+timelinePageSize, len(events))
	lineMax := maxEmbedDescription/timelinePageSize - 2
	var lines []string
	for _, ev := range events[from:to] {
		lines = append(lines, truncate(eventLine(ev), lineMax))
	}
	e.Description = strings.Join(lines, "\n")
	var m message
	if paginate {
		e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d events", page+1, pages, len(events))}
		if pages > 1 {
			m.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Prev", Style: discordgo.SecondaryButton, CustomID: timelineID(page-1, topic), Disabled: page == 0},
				discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: timelineID(page+1, topic), Disabled: page >= pages-1},
			}}}
		}
	} else {
		footer := fmt.Sprintf("%d events", len(events))
		if rest := len(events) - to; rest > 0 {
			footer = fmt.Sprintf("…and %d more events; try a narrower topic", rest)
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	m.Embeds = []*discordgo.MessageEmbed{fitEmbed(e)}
	return m
}

// TimelineEmbed renders one page (from 0) of a timeline as members see it:
// dates first, each line citing its source, the page and count in the
// footer.
func TimelineEmbed(topic string, events []timeline.Event, page int) *discordgo.MessageEmbed {
	return timelineMessage(topic, events, page).Embeds[0]
}

// timelineID is the custom id of a button showing page of topic's timeline.
func timelineID(page int, topic string) string {
	return idTimeline + ":" + strconv.Itoa(page) + ":" + topic
}

// eventLine is one event, date first, citing its source.
func eventLine(ev timeline.Event) string {
	var sb strings.Builder
	sb.WriteString("**" + eventDate(ev) + "**")
	if ev.DateText != "" {
		sb.WriteString(" (" + ev.DateText + ")")
	}
	summary := ev.Summary
	if summary == "" {
		summary = ev.Quote
	}
	sb.WriteString(" " + oneLine(summary))
	src := ev.Title
	if src == "" {
		src = ev.Doc
	}
	if src != "" {
		sb.WriteString(" — *" + src + "*")
	}
	return sb.String()
}

// eventDate renders a date with its precision.
func eventDate(ev timeline.Event) string {
	d := ev.Date
	if d == "" {
		return "undated"
	}
	switch ev.Precision {
	case timeline.About:
		return "about " + d
	case timeline.Before:
		return "before " + d
	case timeline.After:
		return "after " + d
	}
	return d
}

// oneLine folds newlines so each event keeps to its line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
