package converse

import (
	"reflect"
	"testing"
)

var minister = Entity{Name: "Hossein Amirabdollahian", Role: "Iranian Foreign Minister", Kind: Person, Gender: "male"}

func TestResolve(t *testing.T) {
	tests := []struct {
		name     string
		history  []Turn
		question string
		want     string
		rule     string
	}{
		{"pronoun from the answer's entity",
			[]Turn{{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}},
			"What did he say about the missiles?", "What did Hossein Amirabdollahian say about the missiles?", "reference"},
		{"it after a how-much question stands for its subject, not an organisation of the answer",
			[]Turn{{Question: "How much will the Harwick bridge cost?", Entities: []Entity{{Name: "county council", Kind: Org}}}},
			"When will it reopen?", "When will the Harwick bridge reopen?", "reference"},
		{"it after a how-many question stands for its subject",
			[]Turn{{Question: "How many new drivers did the rail company hire?", Entities: []Entity{{Name: "drivers' union", Kind: Org}}}},
			"Why did it hire them?", "Why did the rail company hire them?", "reference"},
		{"ellipsis replaces the focus",
			[]Turn{{Question: "Did Iran send drones to Russia?"}},
			"And missiles?", "Did Iran send missiles to Russia?", "ellipsis"},
		{"what about a place",
			[]Turn{{Question: "Did Iran send drones to Russia?"}},
			"What about Ukraine?", "Did Iran send drones to Ukraine?", "ellipsis"},
		{"a possessive name",
			[]Turn{{Question: "Who is Iran's foreign minister?"}},
			"What about Ukraine's?", "Who is Ukraine's foreign minister?", "ellipsis"},
		{"a preposition the earlier question has",
			[]Turn{{Question: "Did the firm export turbines to Chile?"}},
			"And to Peru?", "Did the firm export turbines to Peru?", "ellipsis"},
		{"why of a yes/no question",
			[]Turn{{Question: "Did Iran send drones to Russia?"}},
			"Why?", "Why did Iran send drones to Russia?", "question"},
		{"when of a wh question",
			[]Turn{{Question: "What did the council approve?"}},
			"When?", "When did the council approve?", "question"},
		{"how many moves the plural focus",
			[]Turn{{Question: "Did the union hire new drivers?"}},
			"How many?", "How many new drivers did the union hire?", "question"},
		{"role noun",
			[]Turn{{Question: "Who opened the bridge?", Entities: []Entity{{Name: "Maria Lund", Role: "mayor", Kind: Person}}}},
			"What did the mayor promise?", "What did Maria Lund promise?", "reference"},
		{"a role noun of lang's list",
			[]Turn{{Question: "Who trains the club?", Entities: []Entity{{Name: "Tom Hale", Role: "head coach", Kind: Person}}}},
			"Why did the coach resign?", "Why did Tom Hale resign?", "reference"},
		{"organisation by its last word",
			[]Turn{{Question: "Who built the telescope?", Entities: []Entity{{Name: "Fjord Polytechnic University", Kind: Org}}}},
			"How much did the university pay?", "How much did Fjord Polytechnic University pay?", "reference"},
		{"possessive pronoun",
			[]Turn{{Question: "Who leads the strike?", Entities: []Entity{{Name: "Ana Costa", Role: "union leader", Kind: Person, Gender: "female"}}}},
			"What are her demands?", "What are Ana Costa's demands?", "reference"},
		{"it is the earlier subject",
			[]Turn{{Question: "When did the ferry service start?"}},
			"How much does it cost?", "How much does the ferry service cost?", "reference"},
		{"they is the plural focus",
			[]Turn{{Question: "Did the town buy electric buses?"}},
			"When will they arrive?", "When will electric buses arrive?", "reference"},
		{"dummy it stays",
			[]Turn{{Question: "Did the town buy electric buses?"}},
			"Is it true that the mayor resigned?", "Is it true that the mayor resigned?", ""},
		{"standalone question unchanged",
			[]Turn{{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}},
			"When did Russia launch airstrikes on Ukrainian cities?", "When did Russia launch airstrikes on Ukrainian cities?", ""},
		{"pronoun named in the question itself",
			[]Turn{{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}},
			"Did Dmitry Kuleba say why he proposed cutting ties?", "Did Dmitry Kuleba say why he proposed cutting ties?", ""},
		{"a different role is not resolved",
			[]Turn{{Question: "Who opened the bridge?", Entities: []Entity{{Name: "Maria Lund", Role: "mayor", Kind: Person}}}},
			"What did the engineer say?", "What did the engineer say?", ""},
		{"unmergeable follow-up keeps the earlier question",
			[]Turn{{Question: "Who sent drones to Russia?"}},
			"Why?", "Who sent drones to Russia? Why?", "context"},
		{"no history",
			nil, "What did he say?", "What did he say?", ""},
		{"he skips a woman",
			[]Turn{{Question: "Who spoke for the club?", Entities: []Entity{
				{Name: "Lena Berg", Role: "spokeswoman", Kind: Person, Gender: "female"},
				{Name: "Tom Hale", Role: "coach", Kind: Person}}}},
			"Why did he resign?", "Why did Tom Hale resign?", "reference"},
		{"a pronoun bound by who stays",
			[]Turn{{Question: "Who runs the port?", Entities: []Entity{{Name: "Ana Costa", Kind: Person}}}},
			"Who said he would resign?", "Who said he would resign?", ""},
		{"a possessive bound by who stays",
			[]Turn{{Question: "Who runs the port?", Entities: []Entity{{Name: "Ana Costa", Kind: Person}}}},
			"Who cut his own salary?", "Who cut his own salary?", ""},
		{"who with an auxiliary is still the subject",
			[]Turn{{Question: "Who runs the port?", Entities: []Entity{{Name: "Ana Costa", Kind: Person}}}},
			"Who had cancelled his trip?", "Who had cancelled his trip?", ""},
		{"who as object binds nothing",
			[]Turn{{Question: "Who runs the port?", Entities: []Entity{{Name: "Ana Costa", Kind: Person, Gender: "female"}}}},
			"Who will she appoint?", "Who will Ana Costa appoint?", "reference"},
		{"an object pronoun after who is resolved",
			[]Turn{{Question: "Who runs the port?", Entities: []Entity{{Name: "Ana Costa", Kind: Person}}}},
			"Who replaced her?", "Who replaced Ana Costa?", "reference"},
		{"a date is not a person",
			[]Turn{{Question: "When does the programme end?", Entities: []Entity{{Name: "March 2018"}}}},
			"What did he announce?", "What did he announce?", ""},
		{"they who speak are an organisation, not the things asked about",
			[]Turn{{Question: "Who sold buses to the city?", Entities: []Entity{{Name: "Volta Motors", Kind: Org}}}},
			"What did they say about the price?", "What did Volta Motors say about the price?", "reference"},
		{"an object it is the earlier object",
			[]Turn{{Question: "Did the council approve the budget?"}},
			"Who voted against it?", "Who voted against the budget?", "reference"},
		{"an object it with no other object is the subject",
			[]Turn{{Question: "When will the new dam open?"}},
			"Who built it?", "Who built the new dam?", "reference"},
		{"a gerund is no focus",
			[]Turn{{Question: "Who proposed severing ties?", Entities: []Entity{{Name: "Ana Costa", Kind: Person}}}},
			"When did she propose it?", "When did Ana Costa propose it?", "reference"},
		{"a noun in -ing is a focus",
			[]Turn{{Question: "How much did the new building cost?"}},
			"Who paid for it?", "Who paid for the new building?", "reference"},
		{"why not keeps the negation",
			[]Turn{{Question: "Did the council approve the budget?"}},
			"Why not?", "Why did the council not approve the budget?", "question"},
		{"ellipsis continues the turn it fits",
			[]Turn{{Question: "Did Iran send drones to Russia?"}, {Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}},
			"And missiles?", "Did Iran send missiles to Russia?", "ellipsis"},
		{"they as subject stays the subject",
			[]Turn{{Question: "Did Iran send drones to Russia?"}},
			"Did they use them in Ukraine?", "Did Iran use drones in Ukraine?", "reference"},
		{"tell me more goes on with the earlier question",
			[]Turn{{Question: "Did the council approve the budget?"}},
			"Tell me more!", "Did the council approve the budget? Tell me more!", "context"},
		{"what else",
			[]Turn{{Question: "What did the mayor promise?"}},
			"What else?", "What did the mayor promise? What else?", "context"},
		{"person from an earlier question",
			[]Turn{{Question: "What did Raj Patel say about testing?"}},
			"When will he start?", "When will Raj Patel start?", "reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Resolve(tt.history, tt.question)
			if got.Question != tt.want {
				t.Errorf("Resolve(%q) = %q, want %q", tt.question, got.Question, tt.want)
			}
			if got.Changed != (tt.want != tt.question) {
				t.Errorf("Changed = %v, want %v", got.Changed, tt.want != tt.question)
			}
			if got.Rule != tt.rule {
				t.Errorf("Rule = %q, want %q", got.Rule, tt.rule)
			}
		})
	}
}

func TestResolveSubstitutions(t *testing.T) {
	got := Resolve([]Turn{{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}}, "What did the minister deny?")
	want := []Substitution{{From: "the minister", To: "Hossein Amirabdollahian"}}
	if !reflect.DeepEqual(got.Substitutions, want) {
		t.Errorf("Substitutions = %v, want %v", got.Substitutions, want)
	}
}

func TestFocus(t *testing.T) {
	if got, want := Focus("Did Iran send drones to Russia?"), []string{"drones"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Focus = %v, want %v", got, want)
	}
}

func BenchmarkResolve(b *testing.B) {
	history := []Turn{
		{Question: "Did Iran send drones to Russia?"},
		{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}},
	}
	for b.Loop() {
		Resolve(history, "What did he say about the missiles?")
		Resolve(history, "And missiles?")
	}
}
