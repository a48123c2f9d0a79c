package whosaid

import (
	"reflect"
	"strings"
	"testing"
)

func TestSearch(t *testing.T) {
	seed := Extract(loadDoc(t, "seed.txt"))
	solar := Extract(loadDoc(t, "solar-lab.md"))
	tests := []struct {
		name      string
		stmts     []Statement
		query     string
		wantFirst string // speaker of the first result
		wantQuote string // words the first result's quote holds
		wantAll   string // when set, every result is by this speaker
		wantNone  bool
	}{
		{name: "quote words", stmts: seed, query: "missile part", wantFirst: "Hossein Amirabdollahian", wantQuote: "the missile part is completely wrong"},
		{name: "surname", stmts: seed, query: "Kuleba", wantFirst: "Dmitry Kuleba", wantAll: "Dmitry Kuleba"},
		{name: "surname in lower case", stmts: solar, query: "patel", wantFirst: "Raj Patel", wantAll: "Raj Patel"},
		{name: "full name", stmts: seed, query: "Hossein Amirabdollahian", wantFirst: "Hossein Amirabdollahian", wantAll: "Hossein Amirabdollahian"},
		{name: "role", stmts: solar, query: "president", wantFirst: "Hannah Cole", wantAll: "Hannah Cole"},
		{name: "role noun as an anaphor would use it", stmts: seed, query: "the diplomat", wantFirst: "Hossein Amirabdollahian"},
		{name: "organisation", stmts: solar, query: "the university", wantFirst: "Lakeside University", wantAll: "Lakeside University"},
		{name: "a changed word", stmts: seed, query: "drone bit is true", wantFirst: "Hossein Amirabdollahian", wantQuote: "drone part is true"},
		{name: "a changed word in a partial quote", stmts: seed, query: "not stay indifferent", wantFirst: "Hossein Amirabdollahian", wantQuote: "not remain indifferent"},
		{name: "typing slips", stmts: seed, query: "misile part compltely wrong", wantFirst: "Hossein Amirabdollahian", wantQuote: "the missile part is completely wrong"},
		{name: "inflected forms", stmts: seed, query: "provide Moscow missile", wantFirst: "Tehran", wantQuote: "provided Moscow with missiles"},
		{name: "a missing word", stmts: solar, query: "money gone housing", wantFirst: "Chen Wei", wantQuote: "The money should have gone to housing"},
		{name: "channel", stmts: seed, query: "IRNA", wantFirst: "Hossein Amirabdollahian", wantQuote: "the missile part is completely wrong"},
		{name: "nothing matches", stmts: seed, query: "banana smoothie", wantNone: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Search(tt.stmts, tt.query)
			if tt.wantNone {
				if len(got) != 0 {
					t.Errorf("got %d results, first %s; want none", len(got), describeStatement(got[0]))
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("got no results, want %s first", tt.wantFirst)
			}
			if got[0].Speaker != tt.wantFirst {
				t.Errorf("got first %s, want speaker %s", describeStatement(got[0]), tt.wantFirst)
			}
			if tt.wantQuote != "" && !strings.Contains(got[0].Quote, tt.wantQuote) {
				t.Errorf("got first quote %q, want one holding %q", got[0].Quote, tt.wantQuote)
			}
			for _, s := range got {
				if tt.wantAll != "" && s.Speaker != tt.wantAll {
					t.Errorf("got %s, want only statements by %s", describeStatement(s), tt.wantAll)
				}
			}
		})
	}
}

func TestSearchEmptyGroupsBySpeaker(t *testing.T) {
	stmts := []Statement{
		{Speaker: "A", Quote: "1"}, {Speaker: Unattributed, Quote: "2"}, {Speaker: "B", Quote: "3"},
		{Speaker: "A", Quote: "4"}, {Speaker: "B", Quote: "5"},
	}
	var got []string
	for _, s := range Search(stmts, "  ") {
		got = append(got, s.Speaker+s.Quote)
	}
	want := []string{"A1", "A4", "B3", "B5", Unattributed + "2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSearchRanksBestFirst(t *testing.T) {
	stmts := []Statement{
		{Speaker: "A", Quote: "the river will rise"},
		{Speaker: "B", Quote: "the river will not rise this spring"},
		{Speaker: "C", Quote: "snow will melt in the hills"},
	}
	var got []string
	for _, s := range Search(stmts, "river rise spring") {
		got = append(got, s.Speaker)
	}
	if want := []string{"B", "A"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got order %v, want %v", got, want)
	}
}

func TestSpeakers(t *testing.T) {
	tests := []struct {
		name  string
		stmts []Statement
		want  []Speaker
	}{
		{
			name:  "solar lab",
			stmts: Extract(loadDoc(t, "solar-lab.md")),
			want: []Speaker{
				{"Hannah Cole", "president"}, {"Raj Patel", "director"}, {"city's planning department", ""},
				{"Chen Wei", "organiser"}, {"Lakeside University", ""},
			},
		},
		{
			name: "distinct, unattributed left out, first role kept",
			stmts: []Statement{
				{Speaker: Unattributed, Role: "spokesperson"}, {Speaker: "X"}, {Speaker: "Y", Role: "mayor"},
				{Speaker: "X", Role: "minister"}, {Speaker: "X", Role: "envoy"},
			},
			want: []Speaker{{"X", "minister"}, {"Y", "mayor"}},
		},
		{name: "none", stmts: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Speakers(tt.stmts); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTermMatch(t *testing.T) {
	tests := []struct {
		term, word string
		want       bool
	}{
		{"missile", "missiles", true},
		{"agree", "agreed", true},
		{"provide", "provided", true},
		{"misile", "missile", true},
		{"part", "party", true},
		{"drone", "dragon", false},
		{"war", "was", false},
	}
	for _, tt := range tests {
		t.Run(tt.term+"/"+tt.word, func(t *testing.T) {
			if got := termMatch(tt.term, tt.word) >= 0.7; got != tt.want {
				t.Errorf("got match %v, want %v", got, tt.want)
			}
		})
	}
}
