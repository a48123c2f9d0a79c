package timeline

import (
	"fmt"
	"sort"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// Sort orders events chronologically, in place. Dates of different
// precisions are compared by where their period starts (a year by its
// January, a season by its first month), except that "before X" sorts just
// before X starts and "after X" just after X ends. Events with equal keys
// keep their input order.
//
// An unresolved event (no date) cannot be placed by date, so it travels with
// its neighbour in the same document: it follows the resolved event that
// precedes it in the input, or, when there is none, it precedes the first
// resolved event after it. Events of a document with no resolved event at
// all go to the end, in input order.
func Sort(events []Event) {
	var resolved, orphans []int
	before := map[int][]int{} // unresolved events placed just before a resolved one
	after := map[int][]int{}  // … and just after it
	last := map[string]int{}  // the latest resolved event of each document
	pending := map[string][]int{}
	for i, e := range events {
		if e.Resolved {
			resolved = append(resolved, i)
			if p := pending[e.Doc]; len(p) > 0 {
				before[i] = p
				delete(pending, e.Doc)
			}
			last[e.Doc] = i
			continue
		}
		if j, ok := last[e.Doc]; ok {
			after[j] = append(after[j], i)
		} else {
			pending[e.Doc] = append(pending[e.Doc], i)
		}
	}
	for _, p := range pending {
		orphans = append(orphans, p...)
	}
	sort.Ints(orphans)

	keys := make(map[int]sortKey, len(resolved))
	for _, i := range resolved {
		keys[i] = keyOf(events[i])
	}
	sort.SliceStable(resolved, func(a, b int) bool { return keys[resolved[a]].less(keys[resolved[b]]) })

	out := make([]Event, 0, len(events))
	for _, i := range resolved {
		for _, j := range before[i] {
			out = append(out, events[j])
		}
		out = append(out, events[i])
		for _, j := range after[i] {
			out = append(out, events[j])
		}
	}
	for _, j := range orphans {
		out = append(out, events[j])
	}
	copy(events, out)
}

// sortKey places a dated event on the time line.
type sortKey struct {
	t    time.Time
	rank int // at the same instant: bounds (before/after) first
}

func (k sortKey) less(o sortKey) bool {
	if !k.t.Equal(o.t) {
		return k.t.Before(o.t)
	}
	return k.rank < o.rank
}

// keyOf returns the sort key of a resolved event.
func keyOf(e Event) sortKey {
	t, next, ok := period(e.Date)
	if !ok {
		return sortKey{rank: 1} // a malformed date sorts first, not lost
	}
	switch e.Precision {
	case Before:
		return sortKey{t: t, rank: 0}
	case After:
		return sortKey{t: next, rank: 0}
	}
	return sortKey{t: t, rank: 1}
}

// period returns the start of the period a Date names and the start of the
// period after it.
func period(date string) (start, next time.Time, ok bool) {
	var y, n int
	switch {
	case len(date) == 8 && date[5] == 'W':
		if _, err := fmt.Sscanf(date, "%4d-W%2d", &y, &n); err != nil {
			return start, next, false
		}
		// ISO week 1 holds 4 January.
		jan4 := ymd(y, 1, 4)
		start = truncate(jan4, Week).AddDate(0, 0, 7*(n-1))
		return start, start.AddDate(0, 0, 7), true
	case len(date) == 7 && (date[5] == 'Q' || date[5] == 'H'):
		if _, err := fmt.Sscanf(date[:4]+" "+date[6:], "%d %d", &y, &n); err != nil {
			return start, next, false
		}
		months := 3
		if date[5] == 'H' {
			months = 6
		}
		start = ymd(y, 1+months*(n-1), 1)
		return start, start.AddDate(0, months, 0), true
	}
	layout := "2006-01-02"
	switch len(date) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	}
	start, err := time.Parse(layout, date)
	if err != nil {
		return start, next, false
	}
	switch len(date) {
	case 4:
		next = start.AddDate(1, 0, 0)
	case 7:
		next = start.AddDate(0, 1, 0)
	default:
		next = start.AddDate(0, 0, 1)
	}
	return start, next, true
}

// Filter returns the events keep accepts, in their order.
func Filter(events []Event, keep func(Event) bool) []Event {
	var out []Event
	for _, e := range events {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

// ExtractAll returns the events of all documents as one chronological
// timeline.
func ExtractAll(docs []*corpus.Document) []Event {
	var events []Event
	for _, d := range docs {
		events = append(events, Extract(d)...)
	}
	Sort(events)
	return events
}
