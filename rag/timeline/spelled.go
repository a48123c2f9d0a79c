package timeline

import (
	"regexp"
	"sort"
	"strings"
)

// wordsBetween returns an alternation of the number words whose values
// lie in [lo, hi], longest first so that "nineteen" is not read as "nine".
func wordsBetween(lo, hi int) string {
	var ws []string
	for w, n := range cardinals {
		if n >= lo && n <= hi {
			ws = append(ws, w)
		}
	}
	sort.Strings(ws) // map order is random; the pattern should not be
	return alt(ws)
}

// spelledYearP matches a year spelled out as it is spoken: "nineteen
// ninety-six", "nineteen oh five", "two thousand", "two thousand and
// eight", "twenty twenty-one". The group "lead" holds what comes before, so
// that the bare forms that could be counts ("two thousand", "twenty
// twelve") are only taken after a preposition, a month or "the year".
// It is built from the number words and prepP.
var spelledYearP = prepP + `(?i:\b(?:(?P<lead>the\s+year|` + alt(monthNames()) + `)\s+)?` + spelledP + `\b)`

// spelledP is a spelled-out year alone, in the group "spelled".
var spelledP = func() string {
	units, teens, tens := wordsBetween(1, 9), wordsBetween(10, 19), wordsBetween(20, 90)
	sep := `[\s-]+`
	twoDigits := `(?:` + teens + `|` + tens + `(?:` + sep + units + `)?|(?:oh|o)` + sep + units + `|hundred)`
	return `(?P<spelled>(?i:(?:eighteen|nineteen|twenty)` + sep + twoDigits + `|two` + sep + `thousand(?:` + sep + `(?:and` + sep + `)?(?:` + teens + `|` + tens + `(?:` + sep + units + `)?|` + units + `))?))`
}()

var spelledRe = regexp.MustCompile(spelledYearP)

// spelledYear returns the year a spelled-out year names, or 0.
func spelledYear(s string) int {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '\t' || r == '\n' })
	if len(words) >= 2 && words[0] == "two" && words[1] == "thousand" {
		return 2000 + sumWords(words[2:])
	}
	if len(words) < 2 {
		return 0
	}
	century := cardinals[words[0]]
	rest := words[1:]
	if rest[0] == "hundred" {
		return century * 100
	}
	if rest[0] == "oh" || rest[0] == "o" {
		rest = rest[1:]
	}
	return century*100 + sumWords(rest)
}

// sumWords adds the values of number words: "ninety six" is 96.
func sumWords(words []string) int {
	n := 0
	for _, w := range words {
		n += cardinals[w]
	}
	return n
}

// readSpelledYear reads a spelled-out year; forms that could be counts need
// a word before them that makes them a year.
func readSpelledYear(g groups) (mention, bool) {
	text := g.get("spelled")
	y := spelledYear(text)
	m := mention{kind: absolute, year: y}
	m.prep = lower(g, "prep")
	lead := lower(g, "lead")
	switch {
	case isMonthName(g.get("lead")):
		m.month = monthNumber(lead)
	case lead != "" && lead != "the year":
		return m, false // "may nineteen …" is no month
	}
	low := strings.ToLower(text)
	ambiguous := strings.HasPrefix(low, "two") || strings.HasPrefix(low, "twenty")
	return m, y >= 1800 && y < 2100 && (!ambiguous || lead != "" || m.prep != "")
}

// isMonthName reports whether s is a capitalised full month name.
func isMonthName(s string) bool {
	n := monthNumber(s)
	return n > 0 && s == monthName(n)
}
