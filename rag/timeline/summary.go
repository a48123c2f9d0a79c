package timeline

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/newsbot/storybot/internal/lang"
)

// MaxSummary bounds the length of an event's summary in bytes.
const MaxSummary = 160

var (
	// summaryBreak ends the clause a summary is taken from.
	summaryBreak = regexp.MustCompile(`,\s|[;:()–—]|\s-\s`)

	// leadingWords are dropped from the start of a summary: conjunctions
	// that tied the clause to the rest of the sentence.
	leadingWords = lang.Set("date-summary-leading")

	// trailingWords are dropped from the end of a summary: words left
	// dangling once the date phrase is cut out ("as early as in September").
	trailingWords = lang.Set("date-summary-trailing")
)

// summarize returns a short clause of sentence s describing the event dated
// by s[start:end]: the clause holding the phrase with the phrase removed. A
// clause that is little more than the date borrows the clause before it
// ("Tomas Brandt, died on Sunday, …"), or at the start of the sentence the
// one after it ("In early October, Russia launched …").
func summarize(s string, start, end int) string {
	bounds := clauses(s)
	i, j := -1, -1
	for k, b := range bounds {
		if i < 0 && start < b[1] {
			i = k
		}
		if j < 0 && end <= b[1] {
			j = k
		}
	}
	if i < 0 || j < 0 {
		return clip(tidy(s))
	}
	text := tidy(s[bounds[i][0]:start] + " " + s[end:max(end, bounds[j][1])])
	if len(strings.Fields(text)) < 3 {
		switch {
		case i > 0:
			text = tidy(s[bounds[i-1][0]:bounds[i-1][1]] + " " + text)
		case j+1 < len(bounds):
			text = tidy(text + " " + s[bounds[j+1][0]:bounds[j+1][1]])
		}
	}
	return clip(text)
}

// clauses returns the bounds of the clauses of s.
func clauses(s string) [][2]int {
	var out [][2]int
	from := 0
	for _, loc := range summaryBreak.FindAllStringIndex(s, -1) {
		out = append(out, [2]int{from, loc[0]})
		from = loc[1]
	}
	return append(out, [2]int{from, len(s)})
}

// tidy folds spaces, strips quotation marks and end punctuation, and drops
// dangling words at both ends.
func tidy(s string) string {
	s = strings.NewReplacer("“", " ", "”", " ", "\"", " ", "‘", " ").Replace(s)
	words := strings.Fields(s)
	trim := func(w string) string { return strings.Trim(w, ".,;:!?’'") }
	for len(words) > 0 && (leadingWords[strings.ToLower(trim(words[0]))] || trim(words[0]) == "") {
		words = words[1:]
	}
	for len(words) > 0 && (trailingWords[strings.ToLower(trim(words[len(words)-1]))] || trim(words[len(words)-1]) == "") {
		words = words[:len(words)-1]
	}
	out := strings.Join(words, " ")
	return strings.TrimRight(out, ".,;:!?’' ")
}

// clip shortens s to MaxSummary bytes at a word boundary.
func clip(s string) string {
	if len(s) <= MaxSummary {
		return s
	}
	cut := MaxSummary - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > 0 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
