package bot

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's message limits, counted the way Discord counts them (UTF-16 code
// units; counting so is never shorter than counting characters).
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFields           = 25
	maxEmbedTotal       = 6000
	maxFooter           = 2048
	maxAuthorName       = 256
	maxCustomID         = 100
	maxButtonLabel      = 80
	maxChoices          = 25
	maxChoiceLen        = 100
	maxAuditLogReason   = 512
)

// minShrink is the length below which fitEmbed drops a field rather than
// shortening it further: a stub of a quote helps nobody.
const minShrink = 64

const ellipsis = "…"

// textLen is the length of s as Discord counts it.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncate shortens s to at most max units, ending with an ellipsis when it
// had to cut. It cuts between runes and prefers a word boundary near the end.
func truncate(s string, max int) string {
	if textLen(s) <= max {
		return s
	}
	if max <= 0 {
		return ""
	}
	budget := max - textLen(ellipsis)
	n, end := 0, 0
	for i, r := range s {
		l := utf16.RuneLen(r)
		if n+l > budget {
			break
		}
		n += l
		end = i + utf8.RuneLen(r)
	}
	cut := s[:end]
	if sp := strings.LastIndexAny(cut, " \n"); sp > len(cut)*4/5 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " \n") + ellipsis
}

// embedTotal is the sum Discord limits to 6000 per message.
func embedTotal(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	return n
}

// fitEmbed makes e obey every embed limit: each piece is cut to its own
// limit, extra fields are dropped, and while the total is over 6000 the
// longest of the description and the field values is shortened (down to the
// next longest, so the cuts are shared), and fields are dropped from the end
// once everything is short. It never fails: content is shortened, not
// rejected.
func fitEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	e.Title = truncate(e.Title, maxEmbedTitle)
	e.Description = truncate(e.Description, maxEmbedDescription)
	if e.Footer != nil {
		e.Footer.Text = truncate(e.Footer.Text, maxFooter)
	}
	if e.Author != nil {
		e.Author.Name = truncate(e.Author.Name, maxAuthorName)
	}
	if len(e.Fields) > maxFields {
		e.Fields = e.Fields[:maxFields]
	}
	for _, f := range e.Fields {
		f.Name = truncate(f.Name, maxFieldName)
		f.Value = truncate(f.Value, maxFieldValue)
		if f.Name == "" {
			f.Name = "\u200b" // Discord rejects empty field names
		}
		if f.Value == "" {
			f.Value = "\u200b"
		}
	}
	for embedTotal(e) > maxEmbedTotal {
		excess := embedTotal(e) - maxEmbedTotal
		// Find the longest and second longest shrinkable pieces.
		longest, second := -1, 0
		lens := make([]int, len(e.Fields)+1)
		lens[0] = textLen(e.Description)
		for i, f := range e.Fields {
			lens[i+1] = textLen(f.Value)
		}
		for i, l := range lens {
			if longest < 0 || l > lens[longest] {
				longest = i
			}
		}
		for i, l := range lens {
			if i != longest && l > second {
				second = l
			}
		}
		cur := lens[longest]
		if cur <= minShrink {
			if len(e.Fields) == 0 {
				e.Title = truncate(e.Title, max(1, textLen(e.Title)-excess))
				continue
			}
			e.Fields = e.Fields[:len(e.Fields)-1]
			continue
		}
		target := max(minShrink, cur-excess, second)
		if target >= cur {
			target = cur - 1
		}
		if longest == 0 {
			e.Description = truncate(e.Description, target)
		} else {
			f := e.Fields[longest-1]
			f.Value = truncate(f.Value, target)
		}
	}
	return e
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
