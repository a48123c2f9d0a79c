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

// Floors of fitEmbed: what a piece keeps before something else gives way.
const (
	fieldFloor = 200  // a field value keeps this much before fields are dropped
	descFloor  = 2000 // the description keeps this much before fields are dropped
	lastFloor  = 64   // below this nothing is shortened further
)

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

// fitEmbed makes e obey every embed limit; see fitEmbedWithin.
func fitEmbed(e *discordgo.MessageEmbed) *discordgo.MessageEmbed {
	return fitEmbedWithin(e, maxEmbedTotal)
}

// fitEmbedWithin makes e obey every embed limit and keeps its total within
// total (at most 6000), leaving the rest for a note the caller adds. Each
// piece is cut to its own limit and extra fields are dropped. While the sum
// is too big, in this order: the longest field values are cut to a common
// length (not below fieldFloor), the description is cut (not below
// descFloor), fields are dropped from the end, and the description is cut
// further. Content is shortened with an ellipsis, never rejected.
func fitEmbedWithin(e *discordgo.MessageEmbed, total int) *discordgo.MessageEmbed {
	total = min(total, maxEmbedTotal)
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
	for {
		excess := embedTotal(e) - total
		if excess <= 0 {
			return e
		}
		switch d := textLen(e.Description); {
		case capFieldValues(e.Fields, excess, fieldFloor):
		case d > descFloor:
			e.Description = truncate(e.Description, max(descFloor, d-excess))
		case len(e.Fields) > 0:
			e.Fields = e.Fields[:len(e.Fields)-1]
		case d > lastFloor:
			e.Description = truncate(e.Description, max(lastFloor, d-excess))
		case textLen(e.Title) > 1:
			e.Title = truncate(e.Title, max(1, textLen(e.Title)-excess))
		default:
			// Unreachable with Discord's limits (title, footer and author
			// add up to far less than 6000); stop rather than loop.
			return e
		}
	}
}

// capFieldValues cuts the longest field values to one common length, the
// longest that saves excess, but not below floor. It reports whether it cut
// anything.
func capFieldValues(fields []*discordgo.MessageEmbedField, excess, floor int) bool {
	lens := make([]int, len(fields))
	longest := 0
	for i, f := range fields {
		lens[i] = textLen(f.Value)
		longest = max(longest, lens[i])
	}
	if longest <= floor {
		return false
	}
	saved := func(level int) int {
		n := 0
		for _, l := range lens {
			n += max(0, l-level)
		}
		return n
	}
	// The largest level in [floor, longest) that saves enough, else floor.
	lo, hi := floor, longest-1
	level := floor
	for lo <= hi {
		mid := (lo + hi) / 2
		if saved(mid) >= excess {
			level, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	for i, f := range fields {
		if lens[i] > level {
			f.Value = truncate(f.Value, level)
		}
	}
	return true
}
