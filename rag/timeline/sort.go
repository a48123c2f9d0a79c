package timeline

import (
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
	layout, length := "2006-01-02", Day
	switch len(e.Date) {
	case 4:
		layout, length = "2006", Year
	case 7:
		layout, length = "2006-01", Month
	}
	t, err := time.Parse(layout, e.Date)
	if err != nil {
		return sortKey{rank: 1} // a malformed date sorts first, not lost
	}
	switch e.Precision {
	case Before:
		return sortKey{t: t, rank: 0}
	case After:
		switch length {
		case Year:
			t = t.AddDate(1, 0, 0)
		case Month:
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
		return sortKey{t: t, rank: 0}
	}
	return sortKey{t: t, rank: 1}
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
