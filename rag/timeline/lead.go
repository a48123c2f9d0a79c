package timeline

import (
	"regexp"
	"strings"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
)

// A news lead in the present perfect or with a present-tense (or bare
// "said") reporting verb and no date phrase reports what happened on the
// publication day: "Iran has acknowledged …", "The minister says …".
var (
	leadPerfect   = regexp.MustCompile(`(?i)\b(?:has|have)\s+(?:` + alt(list("date-lead-adverbs")) + `\s+)*(?:been\s+)?([a-z]+)\b`)
	leadReporting = regexp.MustCompile(`\b` + alt(list("date-lead-verbs")) + `\b`)
	sentenceEnd   = regexp.MustCompile(`[.!?…]["”’')\]]*$`)
)

// modalBefore ends in an auxiliary (internal/lang's list) that makes the
// "have" after it no present perfect: "may have", "would have".
var modalBefore = regexp.MustCompile(`(?i)\b` + alt(list("auxiliaries")) + `\s+(?:not\s+)?$`)

// participles are the irregular past participles a lead verb may take;
// regular ones end in "-ed".
var participles = lang.Set("date-participles")

// leadSentence returns the index of the document's lead: its first sentence
// that ends like one and is not written in title case (a headline or a
// dateline line is not the lead), or -1.
func leadSentence(d *corpus.Document) int {
	for i := range d.Sentences {
		if s := d.Sentence(i); sentenceEnd.MatchString(s) && !titleCase(s) {
			return i
		}
	}
	return -1
}

// titleCase reports whether most words of s of four letters or more are
// capitalised, as in a headline: "Ten Things the Mayor Has Said About
// Parking."
func titleCase(s string) bool {
	long, capital := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, `.,;:!?()"“”'‘’`)
		if len(w) < 4 {
			continue
		}
		long++
		if w[0] >= 'A' && w[0] <= 'Z' {
			capital++
		}
	}
	return long >= 3 && 4*capital >= 3*long
}

// leadEvent returns the publication-day event of a lead sentence s, or nil.
// Only the first clause counts, and only when no date phrase sits in it:
// "Iran has acknowledged …, claiming that … broke out in late February"
// holds both today's acknowledgement and a February event.
func leadEvent(s string, mentions []mention) *item {
	end := len(s)
	if i := strings.IndexAny(s, ",;:–—"); i >= 0 {
		end = i
	}
	for _, m := range mentions {
		if m.start < end {
			return nil
		}
	}
	first := s[:end]
	for _, loc := range leadPerfect.FindAllStringSubmatchIndex(first, -1) {
		verb := strings.ToLower(first[loc[2]:loc[3]])
		if modalBefore.MatchString(first[:loc[0]]) {
			continue // "polls may have missed …": no present perfect
		}
		if strings.HasSuffix(verb, "ed") || participles[verb] {
			return &item{start: loc[0], end: loc[1], lead: true}
		}
	}
	if loc := leadReporting.FindStringIndex(first); loc != nil {
		// "said" dates nothing by itself: the event carries the
		// publication date without claiming a date phrase.
		return &item{start: loc[0], end: loc[0], lead: true}
	}
	return nil
}

// leadSummary is the lead's first clause, which holds the lead verb at off.
func leadSummary(s string, off int) string {
	for _, b := range clauses(s) {
		if off >= b[0] && off < b[1] {
			return clip(tidy(s[b[0]:b[1]]))
		}
	}
	return clip(tidy(s))
}
