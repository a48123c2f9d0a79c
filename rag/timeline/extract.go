package timeline

import (
	"regexp"
	"sort"
	"strings"

	"github.com/newsbot/storybot/corpus"
)

// item is an event being extracted: a date phrase (or the lead's verb) in a
// sentence, and what it resolved to.
type item struct {
	sent       int // sentence index
	start, end int // the phrase, as byte offsets in the sentence
	m          mention
	lead       bool // a publication-day event of the lead sentence
	w          when
	ok         bool
	summary    string
}

// Extract returns the dated events of a document in document order; phrases
// of one sentence that resolve to the same date make one event. Relative
// dates are resolved against the published date and the events before them;
// when the document has no published date, those events keep their place
// with Resolved false and an empty Date, while absolute dates still resolve.
func Extract(d *corpus.Document) []Event {
	var items []*item
	lead := leadSentence(d)
	for i := range d.Sentences {
		s := d.Sentence(i)
		mentions := findMentions(s)
		if i == lead {
			if it := leadEvent(s, mentions); it != nil {
				it.sent = i
				items = append(items, it)
			}
		}
		for _, m := range mentions {
			items = append(items, &item{sent: i, start: m.start, end: m.end, m: m})
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].sent != items[j].sent {
			return items[i].sent < items[j].sent
		}
		return items[i].start < items[j].start
	})

	resolveItems(d, items)

	events := make([]Event, 0, len(items))
	lastLead := false // the last event is a lead dated by its verb alone
	for _, it := range items {
		sp := d.Sentences[it.sent]
		s := d.Text[sp.Start:sp.End]
		e := Event{
			Precision: it.w.prec,
			Resolved:  it.ok,
			DateText:  s[it.start:it.end],
			Summary:   it.summary,
			Quote:     s,
			Doc:       d.ID,
			Title:     d.Title,
			Start:     sp.Start,
			End:       sp.End,
		}
		if it.ok {
			e.Date = it.w.date()
		}
		if n := len(events); n > 0 && sameEvent(events[n-1], e) {
			events[n-1].Summary = joinSummaries(events[n-1].Summary, e.Summary)
			if lastLead && !it.lead {
				// "… has allocated funds, according to a report Friday":
				// the date phrase, not the verb, says when.
				events[n-1].DateText = e.DateText
				lastLead = false
			}
			continue
		}
		events = append(events, e)
		lastLead = it.lead
	}
	return events
}

// sameEvent reports whether b only restates the date of a, the event before
// it in the same sentence ("in September, with Ukraine downgrading its
// relations later that month"): one timeline entry, dated by a's phrase.
func sameEvent(a, b Event) bool {
	return a.Start == b.Start && a.Resolved && b.Resolved && a.Date == b.Date && a.Precision == b.Precision
}

// joinSummaries joins the summaries of merged events when they fit.
func joinSummaries(a, b string) string {
	if j := a + "; " + b; len(j) <= MaxSummary {
		return j
	}
	return a
}

// resolveItems dates the items and writes their summaries, in three passes:
// first the phrases that depend only on the publication date; then those
// measured from another event's noun phrase ("months before the war"), once
// the events they can refer to are known; last those that follow the event
// before them ("later that month", "since then"), whatever its kind.
func resolveItems(d *corpus.Document, items []*item) {
	c := context{pub: d.Published}
	var yearFrom *item // the last month given with its year, in this sentence
	for _, it := range items {
		s := d.Sentence(it.sent)
		if yearFrom != nil && yearFrom.sent != it.sent {
			yearFrom = nil
		}
		switch {
		case it.lead:
			it.w, it.ok = when{t: d.Published, gran: Day, prec: Day}, !d.Published.IsZero()
			it.summary = leadSummary(s, it.start)
		case it.m.kind == span || it.m.kind == fromPrev:
		default:
			c.dir = tense(s, it.start+prepLen(s[it.start:it.end], it.m.prep), it.end)
			c.year = 0
			if yearFrom != nil && sameClause(s, yearFrom.end, it.start) {
				c.year = yearFrom.m.year
			}
			it.w, it.ok = resolve(it.m, c)
			if it.m.kind == absolute && it.m.year != 0 && it.m.month != 0 {
				yearFrom = it
			}
			it.summary = summarize(s, it.start, it.end)
		}
	}
	apposeParts(d, items)
	for _, it := range items {
		if it.m.kind == span && !it.lead {
			resolveSpan(d, it, items)
		}
	}
	for i, it := range items {
		if it.m.kind != fromPrev || it.lead {
			continue
		}
		c := context{pub: d.Published}
		p := previous(items, i)
		if q := previousPart(items, i); q != nil {
			p = q // "that quarter": the quarter named last, not the day it ended
		}
		if p != nil {
			c.prev, c.havePrev = p.w, p.ok
		} else if (it.m.dir < 0 && it.m.n > 0 || it.m.rel == "clock" || it.m.inThe) && !d.Published.IsZero() {
			// A comparison with nothing to count from counts from the
			// time of writing, as "a year ago" does; a clock time with no
			// day before it is on the publication day.
			c.prev, c.havePrev = when{t: d.Published, gran: Day, prec: Day}, true
		}
		it.w, it.ok = resolve(it.m, c)
		it.summary = summarize(d.Sentence(it.sent), it.start, it.end)
	}
}

// previous returns the item a relative date at items[i] counts from: the
// one before it, except that a comparison looking back ("a year earlier")
// skips other such comparisons, which count from the same reporting period
// rather than from each other, and "earlier in the year" skips the
// comparisons with a year before ("up from $3 million a year ago"), which
// leave the period in focus where it was.
func previous(items []*item, i int) *item {
	back := items[i].m.dir < 0
	for j := i - 1; j >= 0; j-- {
		o := items[j]
		if o.lead {
			return o
		}
		if back && (o.m.kind == ago || (o.m.kind == fromPrev && o.m.dir < 0) || (o.m.kind == part && o.m.rel == "year-ago")) {
			continue
		}
		if items[i].m.inThe && comparison(o.m) {
			continue
		}
		return o
	}
	return nil
}

// previousPart returns, for "that quarter" (or half) at items[i], the last
// quarter or half named before it, or nil: the noun refers back to one of
// its kind, not to a date inside it ("the quarter ended Oct. 31 … that
// quarter").
func previousPart(items []*item, i int) *item {
	u := items[i].m.unit
	if items[i].m.kind != fromPrev || items[i].m.rel != "same" || u != "quarter" && u != half {
		return nil
	}
	for j := i - 1; j >= 0; j-- {
		if o := items[j]; o.m.kind == part && o.m.unit == u && o.ok {
			return o
		}
	}
	return nil
}

// apposition is the comma alone between two noun phrases naming one thing.
var apposition = regexp.MustCompile(`^\s*,\s*$`)

// apposeParts dates a quarter (or half) named twice in apposition, first
// by its relation and then by its ordinal ("the comparable year-ago
// quarter, the second quarter ended Oct. 31"), as one period: the ordinal
// says which quarter, the relation which year.
func apposeParts(d *corpus.Document, items []*item) {
	for i := 1; i < len(items); i++ {
		a, b := items[i-1], items[i]
		if a.sent != b.sent || a.m.kind != part || b.m.kind != part || a.m.unit != b.m.unit || !a.ok || !b.ok ||
			a.m.n != 0 || b.m.n == 0 || b.m.year != 0 || b.m.rel != "" || a.end > b.start {
			continue
		}
		if !apposition.MatchString(d.Sentence(a.sent)[a.end:b.start]) {
			continue
		}
		months := 3
		if b.m.unit == half {
			months = 6
		}
		b.w.t = ymd(a.w.t.Year(), 1+months*(b.m.n-1), 1)
		a.w = b.w
	}
}

// comparison reports whether m names the same period one unit before, as
// results are compared with: "a year ago", "a year earlier", "year-ago",
// "the year-ago quarter".
func comparison(m mention) bool {
	switch {
	case m.kind == ago || m.kind == fromPrev && m.dir < 0:
		return m.n == 1 && !m.vague
	case m.kind == part:
		return m.rel == "year-ago"
	}
	return false
}

// prepLen is the length of the leading preposition prep of phrase, with
// the space after it, so that "scheduled for" in "scheduled for Sunday"
// still reads as the clause's verb.
func prepLen(phrase, prep string) int {
	if prep == "" {
		return 0
	}
	n := len(strings.Fields(prep))
	f := strings.Fields(phrase)
	if len(f) <= n {
		return 0
	}
	return strings.Index(phrase, f[n])
}

// sameClause reports whether nothing but words separates two phrases, as in
// "between March 2021 and June", where the second takes the first's year.
func sameClause(s string, from, to int) bool {
	return from <= to && !strings.ContainsAny(s[from:to], ",;:()–—")
}

// resolveSpan dates "N units before/after X". When the sentence dates its
// main clause with another phrase ("opened on Tuesday, two years after the
// project was announced"), the span dates X, counted back from that date.
// Otherwise it dates the sentence's own event, counted from the event
// elsewhere in the document that X refers to ("months before the war").
func resolveSpan(d *corpus.Document, it *item, items []*item) {
	s := d.Sentence(it.sent)
	var base *item
	sign := it.m.dir
	if other := nearestInSentence(it, items); other != nil {
		base, sign = other, -sign
		it.summary = clip(tidy(it.m.ref))
	} else {
		base = anchor(it, items)
		it.summary = summarize(s, it.start, it.end)
	}
	if base == nil {
		it.w = when{gran: unitGran(it.m.unit), prec: spanPrecision(it.m, sign)}
		return
	}
	it.ok = true
	if it.m.n == 0 {
		it.w = when{t: base.w.t, gran: base.w.gran, prec: spanPrecision(it.m, sign)}
		return
	}
	it.w = offset(base.w, sign*it.m.n, it.m.unit, it.m.vague)
}

// spanPrecision is the precision of a span resolved in direction sign.
func spanPrecision(m mention, sign int) string {
	switch {
	case m.n != 0 && unitGran(m.unit) == Day:
		return About
	case m.n != 0:
		return unitGran(m.unit)
	case sign < 0:
		return Before
	}
	return After
}

// nearestInSentence returns the resolved non-span item of it's sentence
// closest to it, or nil.
func nearestInSentence(it *item, items []*item) *item {
	var best *item
	bestDist := 0
	for _, o := range items {
		if o == it || o.sent != it.sent || !o.ok || (o.m.kind == span && !o.lead) {
			continue
		}
		dist := it.start - o.end
		if o.start > it.start {
			dist = o.start - it.end
		}
		if best == nil || dist < bestDist {
			best, bestDist = o, dist
		}
	}
	return best
}
