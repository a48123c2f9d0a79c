package timeline

import (
	"fmt"
	"time"
)

// half is the unit of a half year; its precision is Quarter.
const half = "half"

// when is a resolved date: the start of a period, the unit its Date is
// truncated to (Day, Week, Month, Season, Quarter, half or Year) and its
// precision.
type when struct {
	t    time.Time
	gran string
	prec string
}

// date formats w as ISO 8601 truncated to its unit.
func (w when) date() string {
	switch w.gran {
	case Year:
		return w.t.Format("2006")
	case Month, Season:
		return w.t.Format("2006-01")
	case Week:
		y, n := w.t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, n)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", w.t.Year(), (int(w.t.Month())+2)/3)
	case half:
		return fmt.Sprintf("%04d-H%d", w.t.Year(), (int(w.t.Month())+5)/6)
	}
	return w.t.Format("2006-01-02")
}

// coarseness orders the units of dates.
var coarseness = map[string]int{Day: 0, Week: 1, Month: 2, Season: 3, Quarter: 3, half: 4, Year: 5}

// coarser returns the coarser of two units.
func coarser(a, b string) string {
	if coarseness[b] > coarseness[a] {
		return b
	}
	return a
}

// unitGran is the unit a date measured in u can be known to.
func unitGran(u string) string {
	switch u {
	case "month":
		return Month
	case "quarter":
		return Quarter
	case "half":
		return half
	case "year", "decade":
		return Year
	}
	return Day
}

func ymd(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// truncate returns the start of the period of unit gran holding t.
func truncate(t time.Time, gran string) time.Time {
	switch gran {
	case Year:
		return ymd(t.Year(), 1, 1)
	case Month, Season:
		return ymd(t.Year(), int(t.Month()), 1)
	case Week:
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case Quarter:
		return ymd(t.Year(), int(t.Month())-(int(t.Month())-1)%3, 1)
	case half:
		return ymd(t.Year(), int(t.Month())-(int(t.Month())-1)%6, 1)
	}
	return t
}

// shift moves t by n units.
func shift(t time.Time, n int, u string) time.Time {
	switch u {
	case "week", "weekend":
		return t.AddDate(0, 0, 7*n)
	case "month":
		return truncate(t, Month).AddDate(0, n, 0)
	case "quarter":
		return truncate(t, Month).AddDate(0, 3*n, 0)
	case "half":
		return truncate(t, Month).AddDate(0, 6*n, 0)
	case "year":
		return t.AddDate(n, 0, 0)
	case "decade":
		return t.AddDate(10*n, 0, 0)
	}
	return t.AddDate(0, 0, n)
}

// offset returns the date n units away from base (n may be negative). A
// count of weeks to a day, or a vague count ("a few years ago", "several
// months later") to any unit, is only approximate: precision About.
func offset(base when, n int, u string, vague bool) when {
	gran := coarser(base.gran, unitGran(u))
	if gran == Season {
		gran = Month
	}
	w := when{t: truncate(shift(base.t, n, u), gran), gran: gran, prec: gran}
	if gran == half {
		w.prec = Quarter
	}
	if gran == Day && (u == "week" || u == "weekend") || vague {
		w.prec = About
	}
	return w
}

// bounded applies a leading "before" or "after" to a date's precision.
func bounded(w when, prep string) when {
	switch prep {
	case "before", "prior to":
		w.prec = Before
	case "after":
		w.prec = After
	}
	return w
}

// context is what a mention is resolved against.
type context struct {
	pub      time.Time // zero when the document has no published date
	prev     when      // the date of the previous event in the document
	havePrev bool      // prev is set and resolved
	year     int       // the year of a month earlier in the same clause, or 0
	dir      int       // the tense of the phrase: past, unknown or future
}

// resolve dates a mention that does not depend on another event's noun
// phrase (every kind but span). ok is false when the date cannot be known;
// w then still carries the precision the date would have.
func resolve(m mention, c context) (w when, ok bool) {
	switch m.kind {
	case absolute:
		w, ok := resolveAbsolute(m, c)
		if m.weekOf != "" {
			w = weekOfMonth(w, m.weekOf)
		}
		return w, ok
	case weekday:
		w = when{gran: Day, prec: Day}
		if c.pub.IsZero() {
			return w, false
		}
		back := (int(c.pub.Weekday()) - int(m.wday) + 7) % 7
		ahead := (int(m.wday) - int(c.pub.Weekday()) + 7) % 7
		switch {
		case m.rel == "last":
			if back == 0 {
				back = 7
			}
			w.t = c.pub.AddDate(0, 0, -back)
		case m.rel == "next":
			if ahead == 0 {
				ahead = 7
			}
			w.t = c.pub.AddDate(0, 0, ahead)
		case c.dir == future:
			// "will speak Thursday" in a paper of a Thursday is that day:
			// news names the day of the week even for the day of writing.
			w.t = c.pub.AddDate(0, 0, ahead)
		case c.dir == unknown && ahead < back && !m.modifier:
			// No tense to go by ("the deadline is Thursday"): the nearer
			// of the two; but a day named for what it brought ("over
			// Thursday's closing price") is over.
			w.t = c.pub.AddDate(0, 0, ahead)
		default:
			w.t = c.pub.AddDate(0, 0, -back)
		}
		return bounded(w, m.prep), true
	case season:
		return resolveSeason(m, c)
	case ago:
		if c.pub.IsZero() {
			return when{gran: unitGran(m.unit), prec: About}, false
		}
		return offset(when{t: c.pub, gran: Day}, -m.n, m.unit, m.vague), true
	case ahead:
		if c.pub.IsZero() {
			return when{gran: unitGran(m.unit), prec: About}, false
		}
		return offset(when{t: c.pub, gran: Day}, m.n, m.unit, m.vague), true
	case fromPub:
		return resolveFromPub(m, c)
	case fromPrev:
		return resolveFromPrev(m, c)
	case part:
		return resolvePart(m, c)
	}
	return when{}, false
}

// resolvePart dates a quarter or a half of a year. A given year or "last
// year's" decides; without one, the quarter is the one nearest to
// publication that the tense allows: results reported in the past tense
// are for a quarter already begun, and a forecast ("will post a
// third-quarter loss") may still be about one that ended weeks ago.
func resolvePart(m mention, c context) (when, bool) {
	gran, months := Quarter, 3
	if m.unit == "half" {
		gran, months = half, 6
	}
	w := bounded(when{gran: gran, prec: Quarter}, m.prep)
	start := func(y, n int) time.Time { return ymd(y, 1+months*(n-1), 1) }
	y := m.year
	if y == 0 && c.pub.IsZero() {
		return w, false
	}
	if y == 0 {
		y = c.pub.Year()
		switch m.rel {
		case "last", "year-ago", "year-earlier", "comparable year-ago", "comparable year-earlier", "same year-ago", "same year-earlier":
			if m.n != 0 || m.rel != "last" {
				y--
			}
		case "next":
			if m.n != 0 {
				y++
			}
		case "next year":
			y++
		}
	}
	if m.n == 0 {
		// The latest whole quarter, the current one, or one counted from it.
		cur := truncate(c.pub, gran)
		switch m.rel {
		case "current", "this":
			w.t = cur
		case "next":
			w.t = cur.AddDate(0, months, 0)
		default: // the latest, or the same one of a year before
			w.t = cur.AddDate(y-c.pub.Year(), -months, 0)
		}
		return w, true
	}
	if m.year != 0 || m.rel != "" {
		w.t = start(y, m.n)
		return w, true
	}
	best, bestDist := time.Time{}, time.Duration(-1)
	for cy := y - 1; cy <= y+1; cy++ {
		s, e := start(cy, m.n), start(cy, m.n).AddDate(0, months, 0)
		if c.dir != future && s.After(c.pub) {
			continue
		}
		if c.dir == future && e.Before(c.pub.AddDate(0, 0, -45)) {
			continue
		}
		var d time.Duration
		switch {
		case c.pub.Before(s):
			d = s.Sub(c.pub)
		case !c.pub.Before(e):
			d = c.pub.Sub(e)
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = s, d
		}
	}
	w.t = best
	return w, true
}

func resolveAbsolute(m mention, c context) (when, bool) {
	w := when{gran: Year}
	if m.month > 0 {
		w.gran = Month
	}
	if m.day > 0 {
		w.gran = Day
	}
	w.prec = w.gran
	w = bounded(w, m.prep)
	y := m.year
	if m.yearRel != "" {
		if c.pub.IsZero() {
			return w, false
		}
		y = c.pub.Year() + map[string]int{"last": -1, "next": 1}[m.yearRel]
	}
	if y == 0 {
		y = c.year
	}
	if y == 0 {
		if c.pub.IsZero() {
			return w, false
		}
		dir := direction(m.prep, c.dir)
		if m.modifier {
			dir = unknown
		}
		y = yearOf(c.pub, m.month, m.day, m.rel, dir)
		if m.hasWday && m.day > 0 {
			y = weekdayYear(c.pub, y, m.month, m.day, m.wday)
		}
	}
	d := m.day
	if d == 0 {
		d = 1
	}
	mo := m.month
	if mo == 0 {
		mo = 1
	}
	w.t = ymd(y, mo, d)
	return w, true
}

// weekOfMonth turns the day or month w into the ISO week that "the week of
// Oct. 3" (which = "day") or "the last week of October" names: the week
// holding that day, or, counted as ISO counts the weeks of a year, the n-th
// or the last week whose Thursday falls in the month (the weeks holding its
// 4th, 11th, 18th and 25th days, and its last day but three).
func weekOfMonth(w when, which string) when {
	t := w.t
	switch which {
	case "first":
		t = t.AddDate(0, 0, 3)
	case "second":
		t = t.AddDate(0, 0, 10)
	case "third":
		t = t.AddDate(0, 0, 17)
	case "fourth":
		t = t.AddDate(0, 0, 24)
	case "last", "final":
		t = t.AddDate(0, 1, -4)
	}
	out := when{t: truncate(t, Week), gran: Week, prec: Week}
	if w.prec == Before || w.prec == After {
		out.prec = w.prec
	}
	return out
}

// direction corrects the tense of a clause by the preposition of its date
// phrase: "since March" lies in the past whatever the verb, and a deadline
// ("extended the offer until Nov. 20", "asked it to respond by Oct. 31") or
// a period something is meant for ("orders for November") is usually still
// ahead even in a past-tense clause, so it takes the nearest occurrence.
func direction(prep string, dir int) int {
	switch prep {
	case "since":
		return past
	case "until", "till", "to", "by", "through", "for":
		if dir == past {
			return unknown
		}
	}
	return dir
}

// yearOf picks the year of a month (and day) given without one: the
// occurrence on or before publication for the past, on or after it for the
// future, the nearest one when the tense is unknown; "last" and "next"
// exclude the publication month.
func yearOf(pub time.Time, month, day int, rel string, dir int) int {
	y := pub.Year()
	at := month*100 + day
	now := int(pub.Month())*100 + pub.Day()
	if day == 0 {
		now = int(pub.Month()) * 100
	}
	switch {
	case rel == "this":
		return y
	case rel == "last":
		// "last February" in a March paper is a year back: the month just
		// gone would be "last month" or "in February".
		if at >= now || day == 0 && month == int(pub.Month())-1 {
			return y - 1
		}
	case rel == "next":
		if at <= now {
			return y + 1
		}
	case dir == future:
		if at < now {
			return y + 1
		}
	case dir == past:
		if at > now {
			return y - 1
		}
	default:
		// No tense to go by ("have until Feb. 17"): the nearest occurrence.
		best := y
		for _, cand := range []int{y - 1, y + 1} {
			if distance(pub, cand, month, day) < distance(pub, best, month, day) {
				best = cand
			}
		}
		return best
	}
	return y
}

// weekdayYear returns the year of a day given with its weekday but no year
// ("Saturday, April 25"): y, the year the tense chose, when the weekday
// fits it; otherwise the year next to it where the weekday fits, if that
// puts the day within a season of publication, as a weekday with a date
// usually is. A weekday outweighs a tense read wrongly, not a typo.
func weekdayYear(pub time.Time, y, month, day int, wd time.Weekday) int {
	for _, cand := range []int{y, y - 1, y + 1} {
		t := ymd(cand, month, day)
		if t.Month() != time.Month(month) || t.Weekday() != wd {
			continue
		}
		if cand == y || distance(pub, cand, month, day) <= 90*24*time.Hour {
			return cand
		}
	}
	return y
}

// distance is how far the month (and day) in year y lies from pub.
func distance(pub time.Time, y, month, day int) time.Duration {
	if day == 0 {
		day = 15
	}
	d := ymd(y, month, day).Sub(pub)
	if d < 0 {
		return -d
	}
	return d
}

// seasonStart returns the first day of the season holding t.
func seasonStart(t time.Time) time.Time {
	m := int(t.Month())
	if m < 3 {
		return ymd(t.Year()-1, 12, 1)
	}
	return ymd(t.Year(), m-m%3, 1)
}

func resolveSeason(m mention, c context) (when, bool) {
	w := when{gran: Season, prec: Season}
	w = bounded(w, m.prep)
	if m.year != 0 {
		w.t = ymd(m.year, m.month, 1)
		return w, true
	}
	if c.pub.IsZero() {
		return w, false
	}
	if m.yearRel != "" {
		// "the summer of last year": that year's season, as with a year
		// given in figures.
		w.t = ymd(c.pub.Year()+map[string]int{"last": -1, "next": 1}[m.yearRel], m.month, 1)
		return w, true
	}
	cur := seasonStart(c.pub)
	start := func(y int) time.Time { return ymd(y, m.month, 1) }
	y := c.pub.Year()
	dir := direction(m.prep, c.dir)
	switch {
	case m.rel == "" && dir == unknown:
		// No tense to go by ("could make it harder to unite in the
		// summer"): the current season, or the nearest one.
		best, bestDist := time.Time{}, time.Duration(-1)
		for cy := y - 1; cy <= y+1; cy++ {
			s, e := start(cy), start(cy).AddDate(0, 3, 0)
			var d time.Duration
			switch {
			case c.pub.Before(s):
				d = s.Sub(c.pub)
			case !c.pub.Before(e):
				d = c.pub.Sub(e)
			}
			if bestDist < 0 || d < bestDist {
				best, bestDist = s, d
			}
		}
		w.t = best
		return w, true
	case m.rel == "this":
		if int(cur.Month()) == m.month {
			w.t = cur
		} else {
			w.t = start(y)
		}
		return w, true
	case m.rel == "next" || (m.rel == "" && dir == future):
		y -= 2
		for !start(y).After(cur) && !(m.rel == "" && start(y).Equal(cur)) {
			y++
		}
	case m.rel == "last":
		y++
		for !start(y).Before(cur) {
			y--
		}
	default:
		y++
		for start(y).After(cur) {
			y--
		}
	}
	w.t = start(y)
	return w, true
}

func resolveFromPub(m mention, c context) (when, bool) {
	step := map[string]int{"last": -1, "this": 0, "next": 1}[m.rel]
	if m.part == "end" && m.unit == "year" && direction(m.prep, c.dir) == past && !c.pub.IsZero() && c.pub.Month() < time.December {
		step = -1 // "since year-end" looks back to the end of last year
	}
	var w when
	switch m.unit {
	case "day":
		w = when{gran: Day, prec: Day}
		if !c.pub.IsZero() {
			w.t = c.pub.AddDate(0, 0, m.n)
		}
	case "week":
		w = when{t: truncate(c.pub.AddDate(0, 0, 7*step), Week), gran: Week, prec: Week}
	case "weekend":
		w = when{gran: Week, prec: Week}
		if !c.pub.IsZero() {
			w.t = truncate(weekend(c.pub, m.rel, c.dir), Week)
		}
	case "month":
		w = when{t: shift(c.pub, step, "month"), gran: Month, prec: Month}
	default:
		w = when{t: truncate(c.pub.AddDate(step, 0, 0), Year), gran: Year, prec: Year}
	}
	return bounded(w, m.prep), !c.pub.IsZero()
}

// weekend returns the Saturday of the weekend rel ("last", "this", "next"
// or "" for "the weekend") names, seen from pub: "the weekend" is the one
// before publication in the past tense, the coming one in the future, the
// nearer of the two when the tense is unknown (early in the week, the one
// just gone), and the current one when pub falls on it.
func weekend(pub time.Time, rel string, dir int) time.Time {
	back := (int(pub.Weekday()) - int(time.Saturday) + 7) % 7 // days since the last Saturday
	if pub.Weekday() == time.Sunday {
		back = 1
	}
	latest := pub.AddDate(0, 0, -back) // the Saturday on or before pub
	onIt := back <= 1
	switch {
	case rel == "last":
		if onIt {
			return latest.AddDate(0, 0, -7)
		}
		return latest
	case rel == "next" && onIt:
		return latest.AddDate(0, 0, 7)
	case rel == "next":
		return latest.AddDate(0, 0, 14)
	case onIt:
		return latest
	case rel == "this" || dir == future || dir == unknown && back > 3:
		return latest.AddDate(0, 0, 7)
	}
	return latest
}

func resolveFromPrev(m mention, c context) (when, bool) {
	if m.rel == "since" || m.rel == "until" {
		prec := After
		if m.rel == "until" {
			prec = Before
		}
		w := c.prev
		w.prec = prec
		if !c.havePrev {
			w = when{gran: Day, prec: prec}
		}
		return w, c.havePrev
	}
	if m.rel == "season" {
		// "reopened that fall": the season of the year before it, a winter
		// straddling the new year taking the year of its December.
		w := bounded(when{gran: Season, prec: Season}, m.prep)
		if !c.havePrev {
			return w, false
		}
		y := c.prev.t.Year()
		if m.month == 12 && c.prev.t.Month() <= time.February && c.prev.gran != Year {
			y--
		}
		w.t = ymd(y, m.month, 1)
		return w, true
	}
	if !c.havePrev {
		g := unitGran(m.unit)
		p := g
		if g == Day && m.unit == "week" {
			p = About
		}
		return when{gran: g, prec: p}, false
	}
	if m.unit == "week" && m.rel != "" && m.n <= 1 {
		// "later that week", "the following week": an ISO week, counted
		// from the week of the date before.
		w := when{t: truncate(c.prev.t, Week), gran: Week, prec: Week}
		if c.prev.gran != Day && c.prev.gran != Week {
			return offset(c.prev, 0, m.unit, false), true // no finer than the date before
		}
		w.t = w.t.AddDate(0, 0, 7*m.dir*m.n)
		return w, true
	}
	switch m.rel {
	case "later", "earlier", "same", "clock":
		return offset(c.prev, 0, m.unit, false), true
	case "weekday":
		// The first such weekday after (or before) the date before it.
		t := c.prev.t
		for i := 0; i < 7; i++ {
			t = t.AddDate(0, 0, m.dir)
			if t.Weekday() == m.wday {
				break
			}
		}
		return when{t: t, gran: Day, prec: Day}, true
	}
	return offset(c.prev, m.dir*m.n, m.unit, m.vague), true
}
