package timeline

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsbot/storybot/internal/lang"
)

// The word lists the rules are built from live in internal/lang/data as
// date-*.txt, each naming its source; this file turns them into the
// patterns and tables the rules use.

// alt returns a regular-expression alternation of phrases, longest first
// so that "prior to" wins over "to", a space matching any run of spaces.
func alt(phrases []string) string {
	ps := append([]string(nil), phrases...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	// Longest first matters: Go's alternation takes the first branch that
	// matches, not the longest.
	for i, p := range ps {
		ps[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return `(?:` + strings.Join(ps, "|") + `)`
}

// list returns the phrases of the named date list.
func list(name string) []string { return lang.Phrases(name) }

// capitalised returns the words with their first letter in upper case.
func capitalised(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return out
}

// months holds each month's full name and abbreviations, January first.
var months = func() [][]string {
	var out [][]string
	for _, e := range lang.Entries("date-months") {
		out = append(out, e)
	}
	if len(out) != 12 {
		panic("timeline: date-months must list twelve months")
	}
	return out
}()

// monthNames returns the full month names, capitalised.
func monthNames() []string {
	var out []string
	for _, m := range months {
		out = append(out, m[0])
	}
	return capitalised(out)
}

// monthAbbreviations returns the abbreviations of month names, capitalised.
func monthAbbreviations() []string {
	var out []string
	for _, m := range months {
		out = append(out, m[1:]...)
	}
	return capitalised(out)
}

// monthNumber returns the month (1-12) a name or abbreviation names, with
// or without its full stop, in any case; 0 when none.
func monthNumber(name string) int {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	for i, m := range months {
		for _, n := range m {
			if n == name {
				return i + 1
			}
		}
	}
	return 0
}

// monthName returns the capitalised full name of month n (1-12).
func monthName(n int) string { return monthNames()[n-1] }

// weekdays maps the capitalised weekday names to their days.
var weekdays = func() map[string]time.Weekday {
	names := capitalised(list("date-weekdays"))
	if len(names) != 7 {
		panic("timeline: date-weekdays must list seven days")
	}
	m := map[string]time.Weekday{}
	for i, n := range names {
		m[n] = time.Weekday(i)
	}
	return m
}()

// seasons maps a season to its first month.
var seasons = func() map[string]int {
	m := map[string]int{}
	for _, e := range lang.Entries("date-seasons") {
		m[e[0]] = atoi(e[1])
	}
	return m
}()

// seasonNames returns the season words.
func seasonNames() []string {
	var out []string
	for _, e := range lang.Entries("date-seasons") {
		out = append(out, e[0])
	}
	return out
}

// cardinals maps the English number words one to ninety to their values.
var cardinals = func() map[string]int {
	m := map[string]int{}
	for _, e := range lang.Entries("date-number-words") {
		n, err := strconv.Atoi(e[1])
		if err != nil {
			panic("timeline: bad number in date-number-words: " + strings.Join(e, " "))
		}
		m[e[0]] = n
	}
	return m
}()

// dayOrdinals maps the spelled days of a month, "first" to "thirty-first", to
// their numbers.
var dayOrdinals = func() map[string]int {
	simple := map[string]int{}
	for _, e := range lang.Entries("date-ordinal-words") {
		n, err := strconv.Atoi(e[1])
		if err != nil {
			panic("timeline: bad number in date-ordinal-words: " + strings.Join(e, " "))
		}
		simple[e[0]] = n
	}
	m := map[string]int{}
	for w, n := range simple {
		m[w] = n
		for _, tens := range []string{"twenty", "thirty"} {
			if t := cardinals[tens]; n < 10 && t+n <= 31 {
				m[tens+"-"+w] = t + n
			}
		}
	}
	return m
}()

// ordinalDays returns the spelled days of a month.
func ordinalDays() []string {
	var out []string
	for w := range dayOrdinals {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// countWord is a count of date units other than a number word.
type countWord struct {
	n     int
	vague bool
}

// countWords maps "a", "a couple of", "several"… to the count they stand
// for.
var countWords = func() map[string]countWord {
	m := map[string]countWord{}
	for _, e := range lang.Entries("date-count-words") {
		v := e[len(e)-1]
		c := countWord{vague: strings.HasPrefix(v, "~")}
		c.n = atoi(strings.TrimPrefix(v, "~"))
		m[strings.Join(e[:len(e)-1], " ")] = c
	}
	return m
}()

// countPhrases returns the words a count may be written with: number words
// up to fifty and the count words.
func countPhrases() []string {
	var out []string
	for w, n := range cardinals {
		if n <= 50 {
			out = append(out, w)
		}
	}
	for w := range countWords {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// holiday is a holiday on a fixed day of the year.
type holiday struct{ month, day int }

// holidays maps the capitalised names of date-holidays to their days:
// "New Year's Eve" → 12-31.
var holidays = func() map[string]holiday {
	out := map[string]holiday{}
	for _, e := range lang.Entries("date-holidays") {
		if len(e) < 3 {
			panic("timeline: date-holidays needs a month, a day and a name")
		}
		words := append([]string(nil), e[2:]...)
		for i, w := range words {
			if w != "of" {
				words[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		out[strings.Join(words, " ")] = holiday{atoi(e[0]), atoi(e[1])}
	}
	return out
}()

// holidayNames returns the names of holidays, as patterns allowing either
// apostrophe.
func holidayNames() []string {
	var out []string
	for n := range holidays {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
