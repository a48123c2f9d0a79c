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
		{
			name: "a verb of saying from the broader list, neutral",
			text: "Councillor Ida Holm reiterated that the pool would stay open.",
			want: []brief{{"Ida Holm", "Councillor", "", Indirect, "the pool would stay open"}},
		},
		{
			name: "a verb of saying from the broader list, part of what was said",
			text: "Judge Omar Haddad scolded the lawyers for the delay.",
			want: []brief{{"Omar Haddad", "Judge", "", Indirect, "scolded the lawyers for the delay"}},
		},
		{
			name: "a question closes its sentence before the attribution",
			text: "“Who will pay for the repairs?” Kofi Mensah asked. “Not the tenants.”",
			want: []brief{
				{"Kofi Mensah", "", "", Direct, "Who will pay for the repairs?"},
				{"Kofi Mensah", "", "", Direct, "Not the tenants."},
			},
		},
		{
			name: "a curly opening mark closed by a straight one",
			text: "“The harvest came early this year,\" said grower Elsa Lind.",
			want: []brief{{"Elsa Lind", "grower", "", Direct, "The harvest came early this year"}},
		},
	})
}
