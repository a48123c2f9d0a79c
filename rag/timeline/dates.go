package timeline

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/internal/lang"
)

// kind says how a date phrase is resolved.
type kind int

const (
	absolute kind = iota // calendar fields: "5 November 2022", "in March", "in 2021"
	weekday              // "on Tuesday", "last Friday"
	season               // "last winter", "in the spring of 2021"
	ago                  // counted back from publication: "two weeks ago"
	fromPub              // relative to publication: "last month", "next year", "yesterday"
	fromPrev             // relative to the previous event: "later that month", "since then"
	span                 // measured from another event: "months before the war"
	part                 // a quarter or half of a year: "the third quarter", "first-half"
	ahead                // counted on from publication: "in five years", "two weeks from now"
)

// mention is one date phrase found in a sentence.
type mention struct {
	start, end int // byte offsets of the phrase in the sentence
	kind       kind
	prep       string // leading preposition, lower case: "in", "since", "before"
	part       string // "early", "mid", "late", "end"…; informative only
	rel        string // "last", "this", "next", "later", "following", "same", "since"
	year       int    // 0 when the phrase gives none
	month      int    // 1-12; a season's first month
	day        int
	wday       time.Weekday
	hasWday    bool   // an absolute date names its weekday too ("Saturday, April 25")
	n          int    // a count ("two weeks ago"); 0 when vague ("months before")
	unit       string // "day", "week", "weekend", "month", "year", "decade"
	vague      bool   // the count is vague ("a few", "several")
	dir        int    // +1 after/later/next, -1 before/earlier/ago
	ref        string // span: the phrase the offset is measured from
	modifier   bool   // the phrase modifies a noun ("a June agreement"): tense does not reach it
	yearRel    string // "last", "this" or "next": the year counted from publication ("June last year")
	inThe      bool   // "earlier in the year": the period in focus, which a comparison does not shift
	weekOf     string // the ISO week of an absolute date: "day" ("the week of Oct. 3") or an ordinal of its month ("the last week of October")
}

// Pieces of the patterns. Month and weekday names are matched capitalised
// only, so that "may", "march" and "august" as ordinary words do not count.
const (
	relP  = `(?:\b(?P<rel>(?i:last|this|next))\s+)?`
	partP = `(?:\b(?P<part>(?i:early|mid|late))(?:-|\s+)|\b(?P<part>(?i:(?:the\s+)?(?:end|start|beginning|middle))\s+of)\s+)?`
	timeP = `(?:(?P<time>(?i:noon|midnight|\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+[A-Z]{2,4}\b)?)),?\s+)?`
	yearP = `(?P<year>(?:1[89]|20)\d\d)\b`
	unitP = `(?P<unit>(?i:days?|weeks?|months?|years?|decades?))`
)

// Pieces of the patterns built from the word lists.
var (
	prepP     = `(?:\b(?P<prep>(?i:` + alt(list("date-prepositions")) + `))\s+)?`
	monthP    = `\b(?P<month>` + alt(monthNames()) + `)\b`
	monthAnyP = `\b(?P<month>` + alt(monthNames()) + `|` + alt(monthAbbreviations()) + `\.?)`
	wdayP     = `\b(?P<wday>` + alt(capitalised(list("date-weekdays"))) + `)\b`
	numP      = `(?P<num>\d{1,3}|(?i:` + alt(countPhrases()) + `))`
	seasonP   = `\b(?P<season>(?i:` + alt(seasonNames()) + `))\b`
)

// A rule is a pattern for one form of date phrase and how to read a match.
type rule struct {
	// hints are lower-case strings one of which every match contains; a
	// sentence without any is not searched, which keeps extraction fast.
	hints []string
	re    *regexp.Regexp
	read  func(g groups) (mention, bool)
}

var (
	monthHints = func() (h []string) {
		for _, m := range months {
			h = append(h, m[0][:3])
		}
		return h
	}()
	digitHints  = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	seasonHints = seasonNames()
)

// groups gives a match's named groups.
type groups struct {
	names []string
	s     string
	idx   []int
}

// get returns the text of the first non-empty group with that name.
func (g groups) get(name string) string {
	for i, n := range g.names {
		if n == name && g.idx[2*i] >= 0 {
			return g.s[g.idx[2*i]:g.idx[2*i+1]]
		}
	}
	return ""
}

// at returns the offset of the first non-empty group with that name, or -1.
func (g groups) at(name string) int {
	for i, n := range g.names {
		if n == name && g.idx[2*i] >= 0 {
			return g.idx[2*i]
		}
	}
	return -1
}

func lower(g groups, name string) string {
	return strings.Join(strings.Fields(strings.ToLower(g.get(name))), " ")
}

var rules = []rule{
	// on Christmas Day, since New Year's Eve, before Christmas
	{[]string{"christmas", "new year", "valentine", "patrick", "independence", "fourth of july", "halloween", "veterans", "armistice", "boxing"}, regexp.MustCompile(prepP + `\b(?P<hol>` + anyApostrophe(alt(holidayNames())) + `)\b`), func(g groups) (mention, bool) {
		name := strings.ReplaceAll(strings.Join(strings.Fields(g.get("hol")), " "), "’", "'")
		h := holidays[name]
		m := mention{kind: absolute, prep: lower(g, "prep"), month: h.month, day: h.day}
		// A one-word name before a noun is a modifier, no date:
		// "Christmas shopping", "Halloween costumes"; "before
		// Christmas" and "Christmas Day crowds" are dates.
		oneWord := !strings.Contains(name, " ")
		return m, h.month != 0 && (m.prep != "" || !oneWord || !nounAfter(g.s[g.idx[1]:]))
	}},
	// the week of Oct. 3, the weekend of May 1, the last week of October
	{[]string{"week"}, regexp.MustCompile(prepP + `\b(?i:the)\s+(?:(?P<ord>(?i:first|second|third|fourth|last|final))\s+)?(?P<unit>(?i:week|weekend))\s+of\s+(?:` + monthAnyP + `\s+(?P<dd>\d{1,2})(?:st|nd|rd|th)?\b|` + monthP + `)(?:,?\s+` + yearP + `)?`), func(g groups) (mention, bool) {
		m := mention{kind: absolute, prep: lower(g, "prep"), month: monthNumber(g.get("month")), day: atoi(g.get("dd")), year: atoi(g.get("year")), weekOf: lower(g, "ord")}
		if m.day != 0 {
			m.weekOf = "day"
		}
		// "the week of October" names no week; "the first week of Oct.
		// 3" is no phrase.
		return m, m.weekOf != "" && (m.day == 0) == (lower(g, "ord") != "") && (m.day == 0 || validDay(m.month, m.day))
	}},
	// 2022-11-05
	{digitHints, regexp.MustCompile(prepP + `\b(?P<year>\d{4})-(?P<mm>\d{2})-(?P<dd>\d{2})\b`), func(g groups) (mention, bool) {
		m := mention{kind: absolute, prep: lower(g, "prep"), year: atoi(g.get("year")), month: atoi(g.get("mm")), day: atoi(g.get("dd"))}
		return m, validDay(m.month, m.day)
	}},
	// (Saturday) 5 November (2022)
	{monthHints, regexp.MustCompile(prepP + `(?:` + wdayP + `,?\s+(?:the\s+)?)?\b(?P<dd>\d{1,2})(?:st|nd|rd|th)?(?:[-–]\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?` + monthAnyP + `(?:,?\s+` + yearP + `)?`), readDayMonth},
	// (Sunday,) March eighth(, 1998), the fifth of May: spoken dates
	{ordinalDays(), regexp.MustCompile(prepP + `(?:` + wdayP + `,?\s+)?(?:` + monthP + `\s+(?:the\s+)?(?P<ord>(?i:` + alt(ordinalDays()) + `))|\b(?i:the)\s+(?P<ord>(?i:` + alt(ordinalDays()) + `))\s+of\s+` + monthP + `)\b(?:,?\s+` + yearP + `)?`), func(g groups) (mention, bool) {
		m := mention{kind: absolute, prep: lower(g, "prep"), month: monthNumber(g.get("month")), day: dayOrdinals[lower(g, "ord")], year: atoi(g.get("year"))}
		if wd := g.get("wday"); wd != "" {
			m.wday, m.hasWday = weekdays[wd], true
		}
		return m, validDay(m.month, m.day)
	}},
	// (Saturday,) Nov. 5(, 2022)
	{monthHints, regexp.MustCompile(prepP + timeP + `(?:` + wdayP + `,?\s+)?` + monthAnyP + `\s+(?P<dd>\d{1,2})(?:st|nd|rd|th)?\b(?:[-–]\d{1,2}\b)?(?:,?\s+` + yearP + `)?`), readDayMonth},
	// (in) (early) March (of) 2022
	{monthHints, regexp.MustCompile(prepP + partP + monthP + `,?\s+(?:of\s+)?` + yearP), readMonth},
	// (on) Nov. 5 last year, (in) June last year, January of this year
	{[]string{"year"}, regexp.MustCompile(prepP + partP + `(?:` + monthAnyP + `\s+(?P<dd>\d{1,2})(?:st|nd|rd|th)?|` + monthP + `)` + `,?\s+(?:of\s+)?(?P<yrel>(?i:last|this|next))\s+(?i:year)\b`), func(g groups) (mention, bool) {
		m, _ := readMonth(g)
		m.day = atoi(g.get("dd"))
		m.yearRel = lower(g, "yrel")
		rest := g.s[g.idx[1]:]
		// Not "June last year's" of another rule, nor "June this year-end".
		return m, (m.day == 0 || validDay(m.month, m.day)) && !strings.HasPrefix(rest, "'") && !strings.HasPrefix(rest, "’") && !strings.HasPrefix(rest, "-")
	}},
	// in September, early October, last March
	{monthHints, regexp.MustCompile(prepP + relP + partP + monthP), func(g groups) (mention, bool) {
		m, _ := readMonth(g)
		// "Every year, the fair opens in August" is a habit, no date.
		return m, (m.prep != "" || m.rel != "" || m.part != "") && !(m.rel == "" && yearlyHabit.MatchString(g.s))
	}},
	// a June agreement, December's figures
	{monthHints, regexp.MustCompile(`(?:(?P<skip>\b(?i:a|an|the|its|their|his|her|our)\s+)` + monthP + `(?P<tail>\s+[a-z])|` + monthP + `(?P<tail>(?:'s|’s)\s))`), func(g groups) (mention, bool) {
		m, _ := readMonth(g)
		// A month that modifies a noun is not governed by the clause's
		// verb ("is trying to sell itself under a June agreement"); "the
		// March on Washington" is a name, no month.
		m.modifier = true
		if t := g.at("tail"); t >= 0 && g.get("skip") != "" && !nounAfter(g.s[t:]) {
			return m, false
		}
		return m, true
	}},
	// in 2021, by 2030, early 2019
	{digitHints, regexp.MustCompile(prepP + partP + `\b` + yearP), func(g groups) (mention, bool) {
		m := mention{kind: absolute, prep: lower(g, "prep"), part: lower(g, "part"), year: atoi(g.get("year"))}
		// Not a range or a date in another form: "2021-22", "2021/22".
		rest := g.s[g.idx[1]:]
		followed := rest != "" && (rest[0] == '-' || rest[0] == '/')
		return m, (m.prep != "" || m.part != "") && !followed && !numberAround(g)
	}},
	// nineteen ninety-six, January nineteen ninety-seven, the year two thousand
	{[]string{"nineteen", "eighteen", "twenty", "thousand"}, spelledRe, readSpelledYear},
	// fiscal 1989, a 2009 analysis, between 1985 and 1987, bonds due 1993
	{digitHints, regexp.MustCompile(prepP + `(?:\b(?P<fiscal>(?i:fiscal(?:\s+year)?))\s+)?\b(?P<year>(?:19|20)\d\d)\b`), readBareYear},
	// 1957-58, 2021/22
	{digitHints, regexp.MustCompile(prepP + `\b(?P<year>(?:19|20)\d\d)[-–/](?P<to>\d\d|(?:19|20)\d\d)\b`), func(g groups) (mention, bool) {
		m := mention{kind: absolute, prep: lower(g, "prep"), year: atoi(g.get("year"))}
		to := atoi(g.get("to"))
		if to < 100 {
			to += m.year - m.year%100
		}
		return m, to > m.year && to-m.year < 10 && !numberAround(g)
	}},
	// the year 2000
	{[]string{"year"}, regexp.MustCompile(prepP + `\b(?i:the\s+year)\s+` + yearP), func(g groups) (mention, bool) {
		return mention{kind: absolute, prep: lower(g, "prep"), year: atoi(g.get("year"))}, true
	}},
	// for the year, the current fiscal year, the past year
	{[]string{"year"}, regexp.MustCompile(prepP + `\b(?P<det>(?i:the|this))\s+(?:(?P<mod>(?i:current|full|fiscal|current\s+fiscal|latest\s+fiscal|past|latest|coming))\s+)?(?P<unit>year)\b`), func(g groups) (mention, bool) {
		m := mention{kind: fromPub, prep: lower(g, "prep"), rel: "this", unit: "year"}
		mod := lower(g, "mod")
		switch mod {
		case "past", "latest", "latest fiscal":
			m.rel = "last"
		case "coming":
			m.rel = "next"
		}
		rest := g.s[g.idx[1]:]
		// Not "the year before" (counted from another date), "the year-ago
		// quarter" or "the year's end" (other rules), nor "this year" alone;
		// nor "the year he was born", unless a word such as "current"
		// already picks the year ("sales in the current fiscal year that
		// are …").
		picked := mod != "" && mod != "full" && mod != "fiscal"
		followed := strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "’") ||
			relativeAfter.MatchString(rest) || lower(g, "det") == "the" && !picked && relativeClause.MatchString(rest)
		return m, !followed && !(lower(g, "det") == "this" && g.get("mod") == "")
	}},
	// year-ago results, year-earlier net income
	{[]string{"year"}, regexp.MustCompile(`\b(?i:year)-(?i:ago|earlier)\b`), func(g groups) (mention, bool) {
		// A comparison with the same period a year before publication, as
		// "a year ago" is.
		return mention{kind: ago, n: 1, unit: "year", dir: -1}, true
	}},
	// the third quarter (of 1989), last year's first half, the 1988 second
	// quarter, third-quarter results, the year-ago quarter, the latest quarter
	{[]string{"quarter", "half"}, regexp.MustCompile(prepP + `(?:\b(?P<yrel>(?i:last|this|next))\s+year(?:'s|’s)\s+|\b(?P<the>(?i:the|its|their))\s+(?:(?P<year2>(?:19|20)\d\d)\s+|(?P<rel>(?i:latest|current|most\s+recent|same|comparable|year-ago|year-earlier|(?:comparable|same)\s+year-(?:ago|earlier)|just-ended|just-completed))\s+)?|\b(?P<rel>(?i:year-ago|year-earlier|last|next|this|that))\s+)?(?:(?i:fiscal)(?:-|\s+))?(?:(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))(?:-|\s+))?(?P<unit>(?i:quarter|half))\b(?:(?:,?\s+|\s+of\s+)(?:(?i:fiscal)\s+)?` + yearP + `|\s+(?P<ago>(?i:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|a\s+year\s+before)\b))?`), readPart},
	// the April-June quarter, the July–September quarter (of 2022)
	{[]string{"quarter"}, regexp.MustCompile(prepP + `\b(?i:the)\s+` + monthP + `\s*[-–]\s*\b(?P<month2>` + alt(monthNames()) + `)\s+(?i:quarter)\b(?:(?:,?\s+|\s+of\s+)(?:(?i:fiscal)\s+)?` + yearP + `)?`), func(g groups) (mention, bool) {
		first, last := monthNumber(g.get("month")), monthNumber(g.get("month2"))
		m := mention{kind: part, prep: lower(g, "prep"), unit: "quarter", n: (first-1)/3 + 1, year: atoi(g.get("year"))}
		// Only a calendar quarter has a number; "the May-July quarter" of
		// a fiscal year does not.
		return m, (first-1)%3 == 0 && last == first+2
	}},
	// last winter, this spring, in the summer of 2021, winter 2022-23, the
	// summer of last year
	{seasonHints, regexp.MustCompile(prepP + `(?:\b(?P<rel>(?i:last|this|next|this\s+past|past))\s+|\b(?P<the>(?i:the))\s+)?` + partP + seasonP + `(?:,?\s+(?:of\s+)?(?:` + yearP + `(?:[-/]\d{2,4}\b)?|` + spelledP + `\b|(?P<yrel>(?i:last|this|next))\s+(?i:year)\b))?`), readSeason},
	// on Tuesday, last Friday, Monday night
	{[]string{"day"}, regexp.MustCompile(prepP + timeP + relP + wdayP + `(?:\s+(?P<pod>(?i:morning|afternoon|evening|night))\b)?`), func(g groups) (mention, bool) {
		m := mention{kind: weekday, prep: lower(g, "prep"), rel: lower(g, "rel"), wday: weekdays[g.get("wday")]}
		before := strings.ToLower(strings.Trim(lastField(g.s[:g.idx[0]]), `"“”'‘’`+"`"))
		// "Good Friday", "Super Tuesday" name other days, and so does a
		// capitalised part of the day: "Saturday Night Live".
		named := m.prep == "" && m.rel == "" && namedDays[before] || capitalPart(g.get("pod"))
		// "Thursday's closing price": a day named for what it brought.
		rest := g.s[g.idx[1]:]
		m.modifier = strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
		return m, !named && !recurring(g.s[:g.idx[0]], rest)
	}},
	// two weeks ago, a year ago
	{[]string{"ago"}, regexp.MustCompile(`\b` + numP + `\s+` + unitP + `(?:\s+(?i:or\s+so))?\s+(?i:ago)\b`), func(g groups) (mention, bool) {
		return mention{kind: ago, n: count(g.get("num")), vague: isVague(g.get("num")), unit: unit(g.get("unit")), dir: -1}, true
	}},
	// two weeks from now; in five years, in a month (looking ahead)
	{[]string{"from now", "day", "week", "month", "year", "decade"}, regexp.MustCompile(`(?:\b` + numP + `\s+` + unitP + `\s+(?i:from\s+now)\b|\b(?P<in>(?i:in))\s+` + numP + `\s+` + unitP + `\b)`), func(g groups) (mention, bool) {
		m := mention{kind: ahead, n: count(g.get("num")), vague: isVague(g.get("num")) || orSo.MatchString(g.s[g.idx[1]:]), unit: unit(g.get("unit")), dir: 1}
		if g.get("in") == "" {
			return m, true
		}
		// "in five years" is a date only in a clause about the future
		// ("will be redeemed in five years"), and not after a superlative
		// ("the first rise in two years", a length of time).
		rest := g.s[g.idx[1]:]
		return m, m.n > 0 && !superlativeBefore.MatchString(g.s[:g.idx[0]]) && !strings.HasPrefix(rest, "'") && !strings.HasPrefix(rest, "’") &&
			tense(g.s, g.idx[0], g.idx[1]) == future
	}},
	// last month, earlier this year, by next year, late last year, next
	// fiscal year
	{[]string{"last", "this", "next"}, regexp.MustCompile(prepP + `(?:(?P<part>(?i:earlier|later|early|late))\s+|\b(?P<part>(?i:(?:the\s+)?(?:end|start|beginning|middle))\s+of)\s+)?\b(?P<rel>(?i:last|this|next))\s+(?:(?i:fiscal)\s+)?(?P<unit>(?i:week|weekend|month|year))\b`), func(g groups) (mention, bool) {
		return mention{kind: fromPub, prep: lower(g, "prep"), part: lower(g, "part"), rel: lower(g, "rel"), unit: lower(g, "unit")}, true
	}},
	// (twice as high this year as) last, (more this month than) last: the
	// unit left out after "last" is the one just named
	{[]string{"last"}, regexp.MustCompile(`(?P<skip>\b(?i:this)\s+(?P<unit>(?i:week|month|year))\s+(?i:as|than|compared\s+with|against)\s+)(?i:last)\b`), func(g groups) (mention, bool) {
		rest := g.s[g.idx[1]:]
		// Not "this year than last year" (the "last year" rule) nor "than
		// last week's" with its own noun.
		return mention{kind: fromPub, rel: "last", unit: lower(g, "unit")}, !nounOrUnitAfter.MatchString(rest)
	}},
	// over the weekend
	{[]string{"weekend"}, regexp.MustCompile(prepP + `\b(?i:the)\s+(?P<unit>(?i:weekend))\b`), func(g groups) (mention, bool) {
		return mention{kind: fromPub, prep: lower(g, "prep"), unit: "weekend"}, true
	}},
	// by the end of the month, at year-end, by year's end
	{[]string{"end", "start", "beginning", "middle"}, regexp.MustCompile(prepP + `(?:\b(?P<part>(?i:(?:the\s+)?(?:end|start|beginning|middle))\s+of)\s+(?i:the)\s+(?P<unit>(?i:week|month|year))\b|\b(?P<unit>(?i:year))(?:-|\s+|['’]s\s+)(?P<part>(?i:end))\b)`), func(g groups) (mention, bool) {
		return mention{kind: fromPub, prep: lower(g, "prep"), part: lower(g, "part"), rel: "this", unit: lower(g, "unit")}, true
	}},
	// yesterday, today, last night, the day after tomorrow
	{[]string{"yesterday", "today", "tomorrow", "tonight", "night", "this"}, regexp.MustCompile(`\b(?P<word>(?i:(?:the\s+day\s+before\s+)?yesterday|(?:the\s+day\s+after\s+)?tomorrow|today|tonight|last night|this morning|this afternoon|this evening))\b`), func(g groups) (mention, bool) {
		m := mention{kind: fromPub, unit: "day"}
		switch lower(g, "word") {
		case "yesterday", "last night":
			m.n = -1
		case "the day before yesterday":
			m.n = -2
		case "tomorrow":
			m.n = 1
		case "the day after tomorrow":
			m.n = 2
		}
		// "the engineers of tomorrow" are the future in general, no day,
		// and "today's world" is the present age.
		generic := lower(g, "word") == "tomorrow" && strings.EqualFold(lastField(g.s[:g.idx[0]]), "of") ||
			lower(g, "word") == "today" && genericToday(g.s[g.idx[1]:])
		return m, !generic
	}},
	// today is the eighth day of …, it's the second day of …: the
	// publication day, counted in a run of days
	{[]string{"day"}, regexp.MustCompile(`(?:\b(?P<skip>(?i:it['’]s|it\s+is|this\s+is)\s+)|\b(?i:today)\s+(?i:is|marks)\s+)(?i:the)\s+(?:` + alt(ordinalDays()) + `)\s+(?:(?i:straight|consecutive|full)\s+)?(?i:day)\b`), func(g groups) (mention, bool) {
		return mention{kind: fromPub, unit: "day"}, true
	}},
	// in the morning, by mid afternoon, late in the evening: the day in
	// focus, as a clock time is, when the clause tells of the past
	{[]string{"morning", "afternoon", "evening"}, regexp.MustCompile(`(?:\b(?P<prep>(?i:in|by|during|until|throughout))\s+(?P<the>(?i:the)\s+)?|\b(?P<part>(?i:early|late))\s+(?i:in)\s+(?P<the>(?i:the)\s+))(?:(?P<part>(?i:early|late|mid))(?:-|\s+))?(?i:morning|afternoon|evening)\b`), func(g groups) (mention, bool) {
		m := mention{kind: fromPrev, prep: lower(g, "prep"), part: lower(g, "part"), rel: "clock", unit: "day"}
		// Not "in morning trading" (a noun's modifier), nor a habit
		// ("dealers place orders in the morning"), which is no event.
		rest := g.s[g.idx[1]:]
		return m, (g.get("the") != "" || m.part != "" || m.prep == "by" || m.prep == "until") && !strings.HasPrefix(rest, "s") && !strings.HasPrefix(rest, "'") && !strings.HasPrefix(rest, "’") &&
			!habitual.MatchString(rest) && tense(g.s, g.idx[0], g.idx[1]) == past
	}},
	// that year, the same day, earlier in the year, later in the day
	{[]string{"that", "same", " the "}, regexp.MustCompile(prepP + `(?:\b(?P<rel>(?i:later|earlier))\s+in\s+the|\b(?i:that)(?:\s+(?P<rel>(?i:same)))?|\b(?i:the)\s+(?P<rel>(?i:same)))\s+(?P<unit>(?i:day|week|month|year))\b`), func(g groups) (mention, bool) {
		rest := g.s[g.idx[1]:]
		m := mention{kind: fromPrev, prep: lower(g, "prep"), rel: lower(g, "rel"), unit: lower(g, "unit")}
		if m.rel == "" {
			m.rel = "same"
		} else {
			m.inThe = true
		}
		return m, !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, "'") && !relativeAfter.MatchString(rest)
	}},
	// the year before, the day earlier
	{[]string{"before", "earlier"}, regexp.MustCompile(`\b(?i:the|a)\s+(?P<unit>(?i:day|week|month|year))\s+(?i:before|earlier)\b`), func(g groups) (mention, bool) {
		rest := strings.TrimSpace(g.s[g.idx[1]:])
		// "a year before the war" is a span measured from the war.
		return mention{kind: fromPrev, unit: lower(g, "unit"), n: 1, dir: -1}, rest == "" || strings.ContainsRune(".,;:)'’\"”", rune(rest[0]))
	}},
	// that fall, later that summer: the season of the year in focus
	{seasonHints, regexp.MustCompile(prepP + `\b(?:(?i:later|earlier)\s+)?(?i:that)\s+` + seasonP), func(g groups) (mention, bool) {
		return mention{kind: fromPrev, prep: lower(g, "prep"), rel: "season", unit: "season", month: seasons[strings.ToLower(g.get("season"))]}, true
	}},
	// until then, by then
	{[]string{"then"}, regexp.MustCompile(`\b(?P<prep>(?i:until|till|by))\s+(?i:then)\b`), func(g groups) (mention, bool) {
		return mention{kind: fromPrev, prep: lower(g, "prep"), rel: "until"}, true
	}},
	// later that month, that same year
	{[]string{"that", "same"}, regexp.MustCompile(`\b(?:(?P<rel>(?i:later|earlier))\s+that|(?i:that|the)\s+(?P<rel>(?i:same)))\s+(?P<unit>(?i:day|week|month|year))\b`), func(g groups) (mention, bool) {
		return mention{kind: fromPrev, rel: lower(g, "rel"), unit: lower(g, "unit")}, true
	}},
	// around 7:15 p.m., by noon: the day in focus
	{[]string{"a.m.", "p.m.", "noon", "midnight"}, regexp.MustCompile(prepP + `\b(?:\d{1,2}(?::\d\d)?\s*(?i:a\.m\.|p\.m\.)|(?i:noon|midnight))(?:\s+[A-Z]{2,4}\b)?`), func(g groups) (mention, bool) {
		m := mention{kind: fromPrev, prep: lower(g, "prep"), rel: "clock", unit: "day"}
		// A habit ("opens at 9 a.m. daily") is no event, and a bare time
		// needs a preposition to be one.
		return m, m.prep != "" && !habitual.MatchString(g.s[g.idx[1]:])
	}},
	// the following Monday, the previous Friday
	{[]string{"following", "next", "previous", "preceding"}, regexp.MustCompile(`\b(?i:the)\s+(?P<rel>(?i:following|next|previous|preceding))\s+` + wdayP), func(g groups) (mention, bool) {
		m := mention{kind: fromPrev, rel: "weekday", unit: "day", wday: weekdays[g.get("wday")], dir: 1}
		if r := lower(g, "rel"); r == "previous" || r == "preceding" {
			m.dir = -1
		}
		return m, true
	}},
	// the following month, the next day, the previous year
	{[]string{"following", "next", "previous", "preceding"}, regexp.MustCompile(`\b(?i:the)\s+(?P<rel>(?i:following|next|previous|preceding))\s+(?P<unit>(?i:day|week|month|year))\b`), func(g groups) (mention, bool) {
		m := mention{kind: fromPrev, rel: lower(g, "rel"), unit: lower(g, "unit"), n: 1, dir: 1}
		if m.rel == "previous" || m.rel == "preceding" {
			m.dir = -1
		}
		return m, true
	}},
	// the next morning, the previous evening: the day after (before) the
	// one in focus; that night, that afternoon: the same day
	{[]string{"morning", "afternoon", "evening", "night"}, regexp.MustCompile(`\b(?:(?i:the)\s+(?P<rel>(?i:following|next|previous|preceding))|(?P<that>(?i:that)))\s+(?i:morning|afternoon|evening|night)\b`), func(g groups) (mention, bool) {
		if g.get("that") != "" {
			return mention{kind: fromPrev, rel: "clock", unit: "day"}, true
		}
		m := mention{kind: fromPrev, rel: lower(g, "rel"), unit: "day", n: 1, dir: 1}
		if m.rel == "previous" || m.rel == "preceding" {
			m.dir = -1
		}
		return m, true
	}},
	// days later, months earlier: some time after (before) the date in focus
	{[]string{"later", "earlier"}, regexp.MustCompile(`\b(?P<unit>(?i:days|weeks|months|years))\s+(?P<rel>(?i:later|earlier))\b`), func(g groups) (mention, bool) {
		if lower(g, "rel") == "earlier" {
			return mention{kind: fromPrev, rel: "until", unit: unit(g.get("unit")), dir: -1}, true
		}
		return mention{kind: fromPrev, rel: "since", unit: unit(g.get("unit")), dir: 1}, true
	}},
	// three days later, a year earlier
	{[]string{"later", "earlier", "afterward"}, regexp.MustCompile(`\b` + numP + `\s+` + unitP + `\s+(?P<rel>(?i:later|earlier|afterwards?))\b`), func(g groups) (mention, bool) {
		m := mention{kind: fromPrev, n: count(g.get("num")), vague: isVague(g.get("num")), unit: unit(g.get("unit")), dir: 1}
		if lower(g, "rel") == "earlier" {
			m.dir = -1
		}
		return m, true
	}},
	// since then
	{[]string{"since"}, regexp.MustCompile(`\b(?i:since\s+then)\b`), func(g groups) (mention, bool) {
		return mention{kind: fromPrev, rel: "since", dir: 1}, true
	}},
	// two years after …, months before …, shortly after …
	{[]string{"before", "after", "prior"}, regexp.MustCompile(`\b(?:(?:` + numP + `\s+)?` + unitP + `|(?P<vague>(?i:shortly|soon|just|immediately|long)))\s+(?P<dir>(?i:before|after|prior\s+to))\b`), func(g groups) (mention, bool) {
		m := mention{kind: span, n: count(g.get("num")), vague: isVague(g.get("num")), unit: unit(g.get("unit")), dir: 1}
		if lower(g, "dir") != "after" {
			m.dir = -1
		}
		singular := m.unit != "" && !strings.HasSuffix(strings.ToLower(g.get("unit")), "s")
		// "wait at least 30 days before closing" is a length of time.
		length := m.unit != "" && durationLead.MatchString(g.s[:g.idx[0]])
		return m, !(singular && g.get("num") == "") && !length
	}},
}

// ordinals numbers the quarters and halves of a year.
var ordinals = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

// readPart reads a quarter or a half of a year. Without an ordinal only a
// determiner that picks one makes it a date ("the latest quarter", "last
// quarter"), not "a quarter" of anything or "half" of something.
func readPart(g groups) (mention, bool) {
	m := mention{kind: part, prep: lower(g, "prep"), rel: lower(g, "rel"), unit: lower(g, "unit"), year: atoi(g.get("year"))}
	if y := atoi(g.get("year2")); y != 0 {
		m.year = y
	}
	switch yrel := lower(g, "yrel"); {
	case yrel == "last" || g.get("ago") != "":
		m.rel = "year-ago"
	case yrel != "":
		m.rel = yrel + " year"
	}
	ord := lower(g, "ord")
	m.n = ordinals[ord]
	if ord == "final" {
		m.n = 4
		if m.unit == "half" {
			m.n = 2
		}
	}
	if m.unit == "half" && m.n > 2 {
		return m, false
	}
	the := g.get("the") != ""
	if m.rel == "that" {
		if m.n != 0 {
			return m, false
		}
		// "that quarter": the one named before.
		return mention{kind: fromPrev, prep: m.prep, rel: "same", unit: m.unit}, m.unit == "quarter"
	}
	if m.n == 0 {
		switch {
		case m.unit == "half":
			return m, false // "the second half" needs its ordinal
		case m.rel == "" && !the:
			return m, false
		case m.rel == "" || m.rel == "same" || m.rel == "comparable" || m.rel == "this year":
			m.rel = "latest" // "the quarter": the one being reported on
		case m.rel == "next year":
			m.rel = "next"
		}
	}
	rest := g.s[g.idx[1]:]
	// Not a span ("the quarter before …") nor a count ("a quarter of"); "the
	// quarter ended Sept. 30" is one.
	return m, (!relativeAfter.MatchString(rest) || endedAfter.MatchString(rest)) && !strings.HasPrefix(strings.TrimSpace(rest), "-")
}

// relativeClause opens a clause that says which year "the year" is: "the
// year Ms. Reyes took office", "the year he was born", "the year when".
var relativeClause = regexp.MustCompile(`^\s+(?:(?:when|that|in\s+which|he|she|it|they|we|I|you)\b|[A-Z][a-z]|` + alt(list("determiners")) + `\s)`)

// nounOrUnitAfter starts with a word that "last" would qualify itself:
// "than last year", "as last season's".
var nounOrUnitAfter = regexp.MustCompile(`^(?:['’]s\b|\s+[A-Za-z])`)

// endedAfter follows a period dated by its last day: "the quarter ended
// Sept. 30".
var endedAfter = regexp.MustCompile(`^\s+(?i:ended|ending)\b`)

// relativeAfter starts the rest of a phrase such as "the year before" or
// "that year earlier", where the unit is counted from another date, or "the
// year ended March 31", a fiscal year dated by its last day.
var relativeAfter = regexp.MustCompile(`^\s+(?i:before|earlier|after|later|ago|ended|ending|to date)\b`)

// readBareYear reads a year given as a number alone: "a 2009 analysis",
// "between 1985 and 1987", "fiscal 1989". News style writes other numbers
// of four digits with a thousands separator, so a bare number in the range
// of years is one unless money, a decimal, a percentage, a clock time or a
// unit says otherwise.
func readBareYear(g groups) (mention, bool) {
	m := mention{kind: absolute, prep: lower(g, "prep"), year: atoi(g.get("year"))}
	if numberAround(g) {
		return m, false
	}
	rest := g.s[g.idx[1]:]
	if len(rest) > 0 && (rest[0] == '-' || rest[0] == '/' || rest[0] == '%') {
		return m, false
	}
	if m.prep == "" && g.get("fiscal") == "" && labelBefore(g.s[:g.idx[0]]) {
		return m, false // "Flight 1549", "Windows 2000"
	}
	return m, !notYearAfter.MatchString(rest)
}

// labelBefore reports whether the text before a number ends in a
// capitalised word that is not the sentence's first, which makes the number
// part of a name ("Flight 1549", "Orion 1980") rather than a year; a
// possessive ("Mixte's 1989 profit") does not.
func labelBefore(before string) bool {
	f := strings.Fields(before)
	if len(f) < 2 {
		return false
	}
	w := f[len(f)-1]
	if w[0] < 'A' || w[0] > 'Z' || monthNumber(w) > 0 && isMonthName(w) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// notYearAfter follows a number that is no year: a clock time, a unit.
var notYearAfter = regexp.MustCompile(`^\s*(?i:` + alt(list("date-non-year-units")) + `)\b`)

// numberAround reports whether the match sits inside a larger number or an
// amount: "$1990", "2,014", "1990.5", "No. 2001".
func numberAround(g groups) bool {
	start, end := g.idx[0], g.idx[1]
	for start < end && !isDigit(g.s[start]) {
		start++
	}
	if start > 0 {
		c := g.s[start-1]
		if c == '$' || c == '#' || isDigit(c) || c == '.' || c == '+' {
			return true
		}
		if (c == ',' || c == '.') && start > 1 && isDigit(g.s[start-2]) {
			return true
		}
		if strings.HasSuffix(g.s[:start], "No. ") || strings.HasSuffix(g.s[:start], "no. ") || strings.HasSuffix(g.s[:start], "£") || strings.HasSuffix(g.s[:start], "€") {
			return true
		}
	}
	if end < len(g.s) && (g.s[end] == '.' || g.s[end] == ',') && end+1 < len(g.s) && isDigit(g.s[end+1]) {
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// findMentions returns the date phrases of a sentence in order of position.
// Where phrases overlap, the longest wins, so "in March 2022" is one phrase,
// not "in March" and "2022".
func findMentions(s string) []mention {
	var all []mention
	low := strings.ToLower(s)
	for _, r := range rules {
		if !containsAny(low, r.hints) {
			continue
		}
		names := r.re.SubexpNames()
		for _, idx := range r.re.FindAllStringSubmatchIndex(s, -1) {
			m, ok := r.read(groups{names, s, idx})
			if !ok {
				continue
			}
			m.start, m.end = idx[0], idx[1]
			if title(s, m) {
				continue
			}
			// Context the pattern needed but the phrase does not hold.
			if t := (groups{names, s, idx}).at("tail"); t >= 0 {
				m.end = t
			}
			if sk := (groups{names, s, idx}).get("skip"); sk != "" {
				m.start += len(sk)
			}
			for m.end > m.start && strings.ContainsRune(" ,.", rune(s[m.end-1])) && !strings.HasSuffix(strings.ToLower(s[m.start:m.end]), ".m.") {
				m.end--
			}
			all = append(all, m)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		li, lj := all[i].end-all[i].start, all[j].end-all[j].start
		if li != lj {
			return li > lj
		}
		return all[i].start < all[j].start
	})
	var kept []mention
	for _, m := range all {
		overlaps := false
		for _, k := range kept {
			if m.start < k.end && k.start < m.end {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, m)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].start < kept[j].start })
	for i := range kept {
		if kept[i].kind == span {
			next := len(s)
			if i+1 < len(kept) {
				next = kept[i+1].start
			}
			var end int
			kept[i].ref, end = spanRef(s, kept[i].end, next)
			// The phrase holds a short noun phrase ("weeks before the
			// storm"), not a whole clause ("a month after the ministry
			// suspended flights to …"), which stays in the summary.
			if shortRef(kept[i].ref) {
				kept[i].end = end
			}
		}
	}
	out := kept[:0]
	for _, m := range kept {
		if m.kind != span || m.ref != "" {
			out = append(out, m)
		}
	}
	return out
}

// title reports whether a relative phrase is capitalised as a name is, in
// the middle of a sentence: the programme "This Week", the show "VOA
// Today".
func title(s string, m mention) bool {
	if m.kind != fromPub && m.kind != ago {
		return false
	}
	words := strings.Fields(s[m.start:m.end])
	capital := 0
	for _, w := range words {
		if w[0] >= 'A' && w[0] <= 'Z' {
			capital++
		}
	}
	if len(words) > 1 {
		return capital == len(words)
	}
	if capital == 0 {
		return false
	}
	before := strings.TrimRight(s[:m.start], " ")
	if quoted(s, m.start, m.end) {
		return true // the show ''Today''
	}
	return before != "" && !strings.ContainsAny(before[len(before)-1:], ".!?\"“'`(—–-:")
}

// quoted reports whether s[start:end] stands alone between quotation
// marks, as the title of a work does: “Today”, or Today between doubled
// typewriter quotes.
func quoted(s string, start, end int) bool {
	const marks = `"“”'‘’` + "`"
	if start == 0 || end >= len(s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	if strings.ContainsRune(".,", rune(s[end])) {
		end++ // American style closes a quotation after its full stop: ''Today.''
	}
	after, _ := utf8.DecodeRuneInString(s[end:])
	return strings.ContainsRune(marks, before) && strings.ContainsRune(marks, after)
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// spanRef reads the phrase after "before"/"after" up to the end of its
// clause or the next date phrase, and returns it with the new end of the
// mention.
func spanRef(s string, from, limit int) (string, int) {
	end := from
	for end < limit && !strings.ContainsRune(";:()!?“”\"–—", rune(s[end])) {
		if (s[end] == '.' || s[end] == ',') && (end+1 == len(s) || s[end+1] == ' ' || s[end+1] == '\n' || strings.HasPrefix(s[end+1:], "”")) && !(s[end] == '.' && abbreviated(s, end)) {
			break
		}
		end++
	}
	ref := strings.TrimSpace(s[from:end])
	ref = strings.TrimRight(ref, " .’'")
	if ref == "" {
		return "", from
	}
	return ref, from + strings.Index(s[from:], ref) + len(ref)
}

// shortRef reports whether the phrase a span is measured from is a short
// noun phrase: a few words and no verb.
func shortRef(ref string) bool {
	return len(strings.Fields(ref)) <= 4 && !pastMarker.MatchString(ref) && !futureMarker.MatchString(ref) && !finiteVerb.MatchString(ref)
}

// finiteVerb finds the auxiliaries (internal/lang's list) and the other
// forms of "be" and "have" that make a clause.
var finiteVerb = regexp.MustCompile(`(?i)\b(?:` + alt(list("auxiliaries")) + `|be|being|having)\b`)

// abbreviated reports whether the full stop at s[i] ends a short
// capitalised abbreviation ("Mr.", "Dr.", "U.S.") rather than a sentence.
func abbreviated(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] != ' ' && s[j-1] != '\n' {
		j--
	}
	w := s[j:i]
	return w != "" && len(w) <= 3 && w[0] >= 'A' && w[0] <= 'Z'
}

func readDayMonth(g groups) (mention, bool) {
	m := mention{kind: absolute, prep: lower(g, "prep"), month: monthNumber(g.get("month")), day: atoi(g.get("dd")), year: atoi(g.get("year"))}
	if wd := g.get("wday"); wd != "" {
		m.wday, m.hasWday = weekdays[wd], true
	}
	// "the state's June 7 primary", "the Dec. 7 deadline": a date that
	// modifies the noun after it.
	m.modifier = m.prep == "" && g.get("time") == "" && nounAfter(g.s[g.idx[1]:])
	return m, validDay(m.month, m.day)
}

// nounAfter reports whether s starts with a lower-case word that is no
// stopword: the noun a date before it modifies.
func nounAfter(s string) bool {
	m := nounAfterRe.FindStringSubmatch(s)
	return m != nil && !lang.IsStopword(m[1])
}

var nounAfterRe = regexp.MustCompile(`^\s+([a-z]+)\b`)

func readMonth(g groups) (mention, bool) {
	return mention{kind: absolute, prep: lower(g, "prep"), rel: lower(g, "rel"), part: lower(g, "part"), month: monthNumber(g.get("month")), year: atoi(g.get("year"))}, true
}

// habitual follows a clock time that recurs.
var habitual = regexp.MustCompile(`^\s*,?\s*(?i:daily|each|every|weekdays|on\s+weekdays)\b`)

// capitalAfter starts with a capitalised word, the rest of a name.
var capitalAfter = regexp.MustCompile(`^\s+[A-Z][a-z]`)

// fallOf follows "the fall" when it is a drop or a collapse.
var fallOf = regexp.MustCompile(`^\s+(?i:in|of|from|to|by)\b`)

// orSo follows a count that is only approximate: "in a year or two", "in
// a month or so".
var orSo = regexp.MustCompile(`^\s+(?i:or)\s+(?:(?i:so|more|two|three)\b|\d)`)

// superlativeBefore ends in a superlative or an ordinal a few words before
// "in two years", which makes it a length of time: "the biggest gain in
// five years", "its first loss in a decade".
var superlativeBefore = regexp.MustCompile(`(?i)\b(?:first|last|only|most|least|[a-z]{3,}est)\b(?:\s+\S+){0,3}\s+$`)

// durationLead ends the text before a count that is a length of time: "for",
// "at least", "wait", perhaps with an approximator ("for nearly nine years
// after leaving office").
var durationLead = regexp.MustCompile(`(?i)\b` + alt(list("date-duration-leads")) + `\s+(?:` + alt(list("date-approximators")) + `\s+)?$`)

// capitalPart reports whether a part of the day after a weekday is
// capitalised, as in a name ("Monday Night Football").
func capitalPart(pod string) bool {
	return pod != "" && pod[0] >= 'A' && pod[0] <= 'Z'
}

// todayNoun is the noun after "today's".
var todayNoun = regexp.MustCompile(`^['’]s\s+([a-z]+)\b`)

// genericTodayNouns are the nouns that make "today's" the present age.
var genericTodayNouns = lang.Set("date-generic-today")

// genericToday reports whether the text after "today" makes it the present
// age: "today's world", "today's society".
func genericToday(after string) bool {
	m := todayNoun.FindStringSubmatch(after)
	return m != nil && genericTodayNouns[m[1]]
}

// yearlyHabit finds what makes a month or season without a year recur
// ("each year", "every summer", "annually"): TimeML's SET, no date.
var yearlyHabit = regexp.MustCompile(`(?i)\b` + alt(list("date-recurrence")) + `\s+(?:year|` + alt(seasonNames()) + `)\b|\b(?i:annually|yearly)\b`)

// recurrence holds the words that make a weekday a habit: "each Thursday".
var recurrence = lang.Set("date-recurrence")

// pluralTimes follows a weekday that recurs: "Tuesday nights", or "Monday
// and Tuesday nights", where the plural reaches back to the first.
var pluralTimes = regexp.MustCompile(`^(?:s\b|\s+(?i:mornings|afternoons|evenings|nights)\b|(?:,?\s+(?i:and|or)\s+|,\s+)` + wdayP + `(?:s\b|\s+(?i:mornings|afternoons|evenings|nights)\b))`)

// recurring reports whether the weekday between before and after recurs
// (TimeML's SET: "each Thursday", "on Monday and Tuesday nights"), which
// dates no event.
func recurring(before, after string) bool {
	return recurrence[strings.ToLower(lastField(before))] || pluralTimes.MatchString(after)
}

// namedDays are the words that make a weekday part of a day's name.
var namedDays = lang.Set("date-named-days")

// lastField returns the last whitespace-separated word of s.
func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func readSeason(g groups) (mention, bool) {
	name := strings.ToLower(g.get("season"))
	m := mention{kind: season, prep: lower(g, "prep"), rel: lower(g, "rel"), part: lower(g, "part"), month: seasons[name], year: atoi(g.get("year"))}
	if m.rel == "this past" || m.rel == "past" {
		m.rel = "last" // the latest season before this one
	}
	m.yearRel = lower(g, "yrel")
	if m.yearRel != "" && m.rel != "" {
		return m, false // "last summer last year" says it twice
	}
	if sp := g.get("spelled"); sp != "" && m.year == 0 {
		m.year = spelledYear(sp) // "the winter of nineteen ninety-four"
	}
	if sn := g.get("season"); m.year == 0 && sn[0] >= 'A' && sn[0] <= 'Z' && capitalAfter.MatchString(g.s[g.idx[1]:]) {
		return m, false // "the start of the Summer Olympics": a name
	}
	if m.rel != "" || m.year != 0 || m.yearRel != "" {
		return m, true
	}
	if yearlyHabit.MatchString(g.s) {
		return m, false // "in the spring, every year"
	}
	// "fall" is also a verb and a noun: only "the fall" counts, and not
	// "after the fall in prices" or "the fall of the regime".
	if name == "fall" {
		return m, g.get("the") != "" && m.prep != "" && !fallOf.MatchString(g.s[g.idx[1]:])
	}
	return m, m.prep != ""
}

// count reads a number in digits or words; "" (no number) is 0.
func count(s string) int {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if n, ok := cardinals[s]; ok {
		return n
	}
	if c, ok := countWords[s]; ok {
		return c.n
	}
	return atoi(s)
}

// isVague reports whether a count word only approximates a number.
func isVague(s string) bool {
	return countWords[strings.Join(strings.Fields(strings.ToLower(s)), " ")].vague
}

// unit normalises a unit word to its singular: "Weeks" → "week".
func unit(s string) string {
	return strings.TrimSuffix(strings.ToLower(s), "s")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func validDay(month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}
