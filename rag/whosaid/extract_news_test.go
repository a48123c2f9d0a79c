package whosaid

import "testing"

// TestExtractNewsConventions covers the conventions of real news writing
// that the pattern tests above leave out. Every sentence is made up.
func TestExtractNewsConventions(t *testing.T) {
	runExtractCases(t, []struct {
		name string
		text string
		want []brief
	}{
		{
			name: "typewriter quotes: two apostrophes",
			text: "''The bridge will reopen in May,'' said Mayor Lena Brandt.",
			want: []brief{{"Lena Brandt", "Mayor", "", Direct, "The bridge will reopen in May"}},
		},
		{
			name: "typewriter quotes: backticks closed by apostrophes",
			text: "``We expect a long winter,'' said the farmer, Tomas Reyes.",
			want: []brief{{"Tomas Reyes", "farmer", "", Direct, "We expect a long winter"}},
		},
	})
}
