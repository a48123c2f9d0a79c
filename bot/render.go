package bot

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
)

// The one renderer: answers, timelines and statements become Discord embeds
// here, and the same embeds become text for the console and the command line
// (EmbedText and the Write functions), so every front end words them alike.
// The embeds for Discord are fitted to its limits and paged; the text for a
// terminal keeps everything.

// layout is where a rendering is shown.
type layout int

const (
	forDiscord  layout = iota // within Discord's limits, paged
	forTerminal               // everything, nothing cut
)

// AnswerEmbed renders an answer as members see it: the question as title,
// the answer with its [n] markers (or "The sources don't say." when it
// abstained), one field per numbered source (title, date, quoted passage)
// and the answerer in the footer, within all of Discord's embed limits.
func AnswerEmbed(a rag.Answer) *discordgo.MessageEmbed {
	return answerEmbed(a, forDiscord)
}

// WriteAnswer writes an answer for a terminal as AnswerEmbed shows it, with
// every source, its URL, and nothing cut.
func WriteAnswer(w io.Writer, a rag.Answer) error {
	_, err := io.WriteString(w, EmbedText(answerEmbed(a, forTerminal)))
	return err
}

// PlainAnswer is a as members read it: an LLM answer's text without the
// links, mentions, spoilers and code its quoted sources do not have (see
// AnswerEmbed). `bot ask --json` prints it so.
func PlainAnswer(a rag.Answer) rag.Answer {
	a.Text, _ = modelText(a)
	return a
}

// modelText is the text of a to show, and whether anything was taken out.
func modelText(a rag.Answer) (string, bool) {
	if a.Mode != rag.ModeLLM {
		return a.Text, false
	}
	quotes := make([]string, len(a.Citations))
	for n, c := range a.Citations {
		quotes[n] = c.Quote
	}
	return plainModelText(a.Text, quotes)
}

func answerEmbed(a rag.Answer, l layout) *discordgo.MessageEmbed {
	title := a.Question
	if l == forDiscord {
		title = escapeMarkdown(title) // member-written
	}
	text, removed := modelText(a)
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: text,
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: answererText(a, removed)},
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
	if l == forDiscord && len(cites) > maxFields {
		cites = cites[:maxFields]
	}
	for _, c := range cites {
		value := quoteBlock(c.Quote)
		if l == forTerminal && c.URL != "" {
			value = c.URL + "\n" + value
		}
		if l == forDiscord && c.URL != "" {
			value += "\n" + sourceLink(c.URL) // an added article is cited with its address
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: citationHeading(c), Value: value})
	}
	if l == forTerminal {
		return e
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

// answererText names the answerer for the footer and claims only what was
// checked: quotes are verified verbatim against the sources, an LLM's own
// wording is not, and an answer without quotes claims nothing. removed says
// that links or formatting of the model's were taken out.
func answererText(a rag.Answer, removed bool) string {
	mode := a.Mode
	if mode == "" {
		mode = "unknown"
	}
	s := "Answered by: " + mode
	if a.Model != "" {
		s += " (" + a.Model + ")"
	}
	switch {
	case len(a.Citations) == 0:
	case a.Mode == rag.ModeLLM:
		s += " · the quoted passages are checked verbatim against the sources; the rest is the model's wording"
	default:
		s += " · every quote is verbatim from the sources"
	}
	if removed {
		s += " · links and formatting not in the sources were removed"
	}
	return s
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

// TimelineEmbed renders one page (from 0) of a timeline as members see it:
// dates first, each line citing its source, the page and count in the
// footer.
func TimelineEmbed(topic string, events []timeline.Event, page int) *discordgo.MessageEmbed {
	return timelineMessage(topic, events, page).Embeds[0]
}

// WriteTimeline writes a whole timeline for a terminal: the lines of
// TimelineEmbed, every event, each followed by its verbatim sentence.
func WriteTimeline(w io.Writer, topic string, events []timeline.Event) error {
	e := &discordgo.MessageEmbed{Title: timelineTitle(topic), Description: noEventsText(topic)}
	if len(events) > 0 {
		var lines []string
		for _, ev := range events {
			line := eventLine(ev)
			if q := oneLine(ev.Quote); q != "" && q != oneLine(ev.Summary) {
				line += "\n  > " + q
			}
			lines = append(lines, line)
		}
		e.Description = strings.Join(lines, "\n")
		e.Footer = &discordgo.MessageEmbedFooter{Text: countText(len(events), "event")}
	}
	_, err := io.WriteString(w, EmbedText(e))
	return err
}

// timelineTitle heads a timeline.
func timelineTitle(topic string) string {
	if topic == "" {
		return "Timeline"
	}
	return "Timeline: " + topic
}

// noEventsText says a timeline is empty.
func noEventsText(topic string) string {
	if topic != "" {
		return "I found no dated events about that in the sources."
	}
	return "I found no dated events in the sources."
}

// countText is "1 event" or "n events".
func countText(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
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

// WhoSaidEmbed renders statements matching query as members see them:
// speaker first (with role and channel), then the quote and its source; at
// most 10, the rest counted in the footer.
func WhoSaidEmbed(query string, st []whosaid.Statement) *discordgo.MessageEmbed {
	title := whoSaidTitle(escapeMarkdown(query))
	e := &discordgo.MessageEmbed{Title: title, Color: colorInfo}
	if len(st) == 0 {
		e.Description = noStatementsText
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
	footer := countText(len(st), "statement")
	if rest := len(st) - len(e.Fields); rest > 0 {
		footer = fmt.Sprintf("Showing %d of %d statements; try a narrower query", len(e.Fields), len(st))
	}
	e.Footer.Text = footer
	return e
}

// WriteStatements writes every statement for a terminal as WhoSaidEmbed
// shows them, nothing cut.
func WriteStatements(w io.Writer, query string, st []whosaid.Statement) error {
	e := &discordgo.MessageEmbed{Title: whoSaidTitle(query), Description: noStatementsText}
	if len(st) > 0 {
		e.Description = ""
		for _, s := range st {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: speakerLine(s), Value: statementText(s, math.MaxInt)})
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: countText(len(st), "statement")}
	}
	_, err := io.WriteString(w, EmbedText(e))
	return err
}

// whoSaidTitle heads a list of statements.
func whoSaidTitle(query string) string {
	if query == "" {
		return "Who said"
	}
	return "Who said: " + query
}

// noStatementsText says no statement matched.
const noStatementsText = "I found no statements matching that in the sources."

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

// EmbedText renders an embed as plain text for a terminal: the title, its
// link, the description, each field as a name line followed by its value,
// and the footer.
func EmbedText(e *discordgo.MessageEmbed) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	if e.Author != nil && e.Author.Name != "" {
		b.WriteString(e.Author.Name + "\n")
	}
	if e.Title != "" {
		b.WriteString("== " + e.Title + " ==\n")
	}
	if e.URL != "" {
		b.WriteString(e.URL + "\n")
	}
	if e.Description != "" {
		b.WriteString(e.Description + "\n")
	}
	for _, f := range e.Fields {
		b.WriteString("\n" + f.Name + "\n")
		b.WriteString(f.Value + "\n")
	}
	if e.Footer != nil && e.Footer.Text != "" {
		b.WriteString("\n-- " + e.Footer.Text + "\n")
	}
	return b.String()
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
			title = "Sources for: " + escapeMarkdown(a.Question)
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

// timelineMessage renders one page of events. When the topic is too long to
// travel in a button's custom id, the first page is shown with a count of
// the rest instead of buttons.
func timelineMessage(topic string, events []timeline.Event, page int) message {
	e := &discordgo.MessageEmbed{Title: timelineTitle(escapeMarkdown(topic)), Color: colorInfo}
	if len(events) == 0 {
		e.Description = noEventsText(topic)
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
		footer := countText(len(events), "event")
		if rest := len(events) - to; rest > 0 {
			footer = fmt.Sprintf("…and %d more events; try a narrower topic", rest)
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	m.Embeds = []*discordgo.MessageEmbed{fitEmbed(e)}
	return m
}

// timelineID is the custom id of a button showing page of topic's timeline.
func timelineID(page int, topic string) string {
	return idTimeline + ":" + strconv.Itoa(page) + ":" + topic
}

// pinnedQuestionMax is how much of a question a /pinned line shows.
const pinnedQuestionMax = 150

// pinnedEmbed lists pins newest first, each with a link to its message.
func pinnedEmbed(pins []PinRecord) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: "Pinned answers", Color: colorInfo}
	if len(pins) == 0 {
		e.Description = "No answers have been pinned yet. Press **Pin** under an answer to pin it."
		return fitEmbed(e)
	}
	lineMax := maxEmbedDescription/pinnedListSize - 2
	var lines []string
	for _, p := range pins {
		// Member-written: the question and the moderator's name.
		q := escapeMarkdown(truncate(oneLine(p.Question), pinnedQuestionMax))
		line := fmt.Sprintf("**%s** — pinned by %s on %s · %s", q, escapeMarkdown(p.PinnedByName), p.PinnedAt.Format("2006-01-02"), messageLink(p))
		if p.Status != "" && p.Status != "current" {
			line = "⚠ " + line + " · " + escapeMarkdown(p.Detail)
		}
		lines = append(lines, truncate(line, lineMax))
	}
	e.Description = strings.Join(lines, "\n")
	return fitEmbed(e)
}

// messageLink links to a pinned message; pins made in the console have none.
func messageLink(p PinRecord) string {
	if p.ChannelID == consoleChannel {
		return "(console)"
	}
	guild := p.GuildID
	if guild == "" {
		guild = "@me"
	}
	return fmt.Sprintf("[jump](https://discord.com/channels/%s/%s/%s)", guild, p.ChannelID, p.MessageID)
}
