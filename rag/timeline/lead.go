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

// participles are the irregular past participles a lead verb may take;
// regular ones end in "-ed".
var participles = lang.Set("date-participles")

// leadSentence returns the index of the document's lead: its first sentence
// that ends like one (a headline or dateline line does not), or -1.
func leadSentence(d *corpus.Document) int {
	for i := range d.Sentences {
		if sentenceEnd.MatchString(d.Sentence(i)) {
			return i
		}
	}
	return -1
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
