package timeline

import (
	"regexp"
	"testing"
)

// TestAltPrefersTheLongestPhrase checks that a pattern built from a list
// matches "prior to" whole rather than stopping at a shorter entry, since
// Go's alternation takes the first branch that matches.
func TestAltPrefersTheLongestPhrase(t *testing.T) {
	re := regexp.MustCompile(`^` + alt([]string{"to", "prior to", "a.m"}) + `\b`)
	tests := []struct{ in, want string }{
		{"prior to 2021", "prior to"},
		{"prior  to 2021", "prior  to"},
		{"to 2021", "to"},
		{"a.m. EST", "a.m"},
		{"axm", ""},
	}
	for _, tt := range tests {
		if got := re.FindString(tt.in); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWordTables checks the tables read from internal/lang's date lists.
func TestWordTables(t *testing.T) {
	if got := monthNumber("Sept."); got != 9 {
		t.Errorf("monthNumber(Sept.): got %d, want 9", got)
	}
	if got := monthName(5); got != "May" {
		t.Errorf("monthName(5): got %q, want May", got)
	}
	if got := weekdays["Sunday"]; got != 0 {
		t.Errorf("Sunday: got %d, want 0", got)
	}
	if got := seasons["winter"]; got != 12 {
		t.Errorf("winter: got %d, want 12", got)
	}
	if got := count("a couple of"); got != 2 {
		t.Errorf("count(a couple of): got %d, want 2", got)
	}
	if !isVague("several") || isVague("twelve") {
		t.Error("isVague: want several vague and twelve exact")
	}
	if got := holidays["Fourth of July"]; got != (holiday{7, 4}) {
		t.Errorf("Fourth of July: got %v, want 7-4", got)
	}
	if got := holidays["New Year's Eve"]; got != (holiday{12, 31}) {
		t.Errorf("New Year's Eve: got %v, want 12-31", got)
	}
	if got := spelledYear("nineteen ninety-six"); got != 1996 {
		t.Errorf("spelledYear: got %d, want 1996", got)
	}
	if got := spelledYear("two thousand and eight"); got != 2008 {
		t.Errorf("spelledYear: got %d, want 2008", got)
	}
}
