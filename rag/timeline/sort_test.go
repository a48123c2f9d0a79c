package timeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

// ev builds a test event; date "" is unresolved.
func ev(doc, date, prec, text string) Event {
	return Event{Doc: doc, Date: date, Precision: prec, Resolved: date != "", DateText: text}
}

func texts(events []Event) string {
	var out []string
	for _, e := range events {
		out = append(out, e.DateText)
	}
	return fmt.Sprint(out)
}

func TestSort(t *testing.T) {
	tests := []struct {
		name string
		in   []Event
		want string // DateTexts in sorted order
	}{
		{"chronological", []Event{
			ev("a", "2022-11-05", Day, "today"),
			ev("a", "2022-02", Month, "february"),
			ev("a", "2022-10-22", About, "two weeks ago"),
		}, "[february two weeks ago today]"},
		{"before a month sorts before the month", []Event{
			ev("a", "2022-02", Month, "late february"),
			ev("a", "2022-02", Before, "months before"),
		}, "[months before late february]"},
		{"after a month sorts after its days", []Event{
			ev("a", "2022-02", After, "since february"),
			ev("a", "2022-02-20", Day, "20 february"),
			ev("a", "2022-03", Month, "march"),
		}, "[20 february since february march]"},
		{"a month sorts before its later days", []Event{
			ev("a", "2022-10-22", About, "two weeks ago"),
			ev("a", "2022-10", Month, "last month"),
		}, "[last month two weeks ago]"},
		{"a year sorts by its start", []Event{
			ev("a", "2022-03", Month, "march"),
			ev("a", "2022", Year, "this year"),
			ev("a", "2021-12", Season, "last winter"),
		}, "[last winter this year march]"},
		{"a season sorts by its first month", []Event{
			ev("a", "2023-01", Month, "january"),
			ev("a", "2022-12", Season, "winter"),
		}, "[winter january]"},
		{"an ISO week sorts by its Monday", []Event{
			ev("a", "2022-11-01", Day, "tuesday"),
			ev("a", "2022-W44", Week, "this week"),
			ev("a", "2022-10-30", Day, "sunday before"),
		}, "[sunday before this week tuesday]"},
		{"week 1 can start in December", []Event{
			ev("a", "2026-01", Month, "january"),
			ev("a", "2026-W01", Week, "first week"),
		}, "[first week january]"},
		{"a quarter and a half sort by their first month", []Event{
			ev("a", "2022-08", Month, "august"),
			ev("a", "2022-Q3", Quarter, "third quarter"),
			ev("a", "2022-H2", Quarter, "second half"),
			ev("a", "2022-06", Month, "june"),
		}, "[june third quarter second half august]"},
		{"after a quarter sorts after its months", []Event{
			ev("a", "2022-Q1", After, "since the first quarter"),
			ev("a", "2022-03", Month, "march"),
			ev("a", "2022-04", Month, "april"),
		}, "[march since the first quarter april]"},
		{"equal dates keep input order", []Event{
			ev("a", "2022-10", Month, "early october"),
			ev("a", "2022-10", Month, "mid-october"),
			ev("a", "2022-10", Month, "last month"),
		}, "[early october mid-october last month]"},
		{"unresolved follows its predecessor", []Event{
			ev("a", "2016", Year, "2016"),
			ev("a", "", About, "two weeks ago"),
			ev("a", "1854", Year, "1854"),
			ev("a", "", Season, "next spring"),
		}, "[1854 next spring 2016 two weeks ago]"},
		{"leading unresolved precede the first resolved", []Event{
			ev("a", "", Day, "on friday"),
			ev("a", "2016", Year, "2016"),
			ev("a", "1854", Year, "1854"),
		}, "[1854 on friday 2016]"},
		{"unresolved stay with their own document", []Event{
			ev("a", "2020", Year, "a 2020"),
			ev("b", "", Day, "b friday"),
			ev("b", "2010", Year, "b 2010"),
		}, "[b friday b 2010 a 2020]"},
		{"documents without dates go last", []Event{
			ev("a", "", Day, "a friday"),
			ev("b", "2010", Year, "b 2010"),
			ev("a", "", Month, "a october"),
		}, "[b 2010 a friday a october]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events := append([]Event(nil), tt.in...)
			Sort(events)
			if got := texts(events); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	events := []Event{
		{DateText: "a", Quote: "Russia launched airstrikes."},
		{DateText: "b", Quote: "The EU imposed sanctions on Iran."},
		{DateText: "c", Quote: "Iran denied sending missiles to Russia."},
	}
	mentions := func(word string) func(Event) bool {
		return func(e Event) bool { return strings.Contains(e.Quote, word) }
	}
	tests := []struct {
		name string
		keep func(Event) bool
		want string
	}{
		{"all", func(Event) bool { return true }, "[a b c]"},
		{"some, in order", mentions("Russia"), "[a c]"},
		{"one", mentions("sanctions"), "[b]"},
		{"none", mentions("China"), "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(Filter(events, tt.keep)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestExtractAll(t *testing.T) {
	events := ExtractAll([]*corpus.Document{loadFixture(t, "solar-lab.md"), loadFixture(t, "bundled")})
	if len(events) != 16 {
		t.Fatalf("got %d events, want 16 (8 from each story)", len(events))
	}
	for i := 1; i < len(events); i++ {
		if keyOf(events[i]).less(keyOf(events[i-1])) {
			t.Errorf("event %d: got %s %s after %s %s, want chronological order", i, events[i].Date, events[i].Precision, events[i-1].Date, events[i-1].Precision)
		}
	}
}
