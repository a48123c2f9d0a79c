package converse

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/whosaid"
)

func bundledStatements(t *testing.T) []whosaid.Statement {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var stmts []whosaid.Statement
	for _, d := range docs {
		stmts = append(stmts, whosaid.Extract(d)...)
	}
	return stmts
}

func TestEntitiesFrom(t *testing.T) {
	stmts := bundledStatements(t)
	answer := "Iran's foreign minister is Hossein Amirabdollahian, quoted by IRNA [1]."
	es := EntitiesFrom(answer, stmts)
	if len(es) == 0 {
		t.Fatalf("EntitiesFrom(%q) found nothing", answer)
	}
	byName := map[string]Entity{}
	for _, e := range es {
		byName[e.Name] = e
	}
	m, ok := byName["Hossein Amirabdollahian"]
	if !ok || m.Kind != Person || m.Role == "" {
		t.Errorf("minister = %+v, want a person with a role", m)
	}
	if e, ok := byName["Iran"]; !ok || e.Kind != Org {
		t.Errorf("Iran = %+v (found %v), want an organisation", e, ok)
	}
	if _, ok := byName["Dmitry Kuleba"]; ok {
		t.Errorf("Dmitry Kuleba is not in the answer but was returned")
	}
	if es[0].Name != "Iran" {
		t.Errorf("first entity = %q, want the first named, Iran", es[0].Name)
	}
}

// The first example end to end: the entities come from the who-said
// statements of the bundled story.
func TestResolveWithBundledStatements(t *testing.T) {
	stmts := bundledStatements(t)
	answer := "Hossein Amirabdollahian is Iran's foreign minister [1]."
	turns := []Turn{{Question: "Who is Iran's foreign minister?", Entities: EntitiesFrom(answer, stmts)}}
	got := Resolve(turns, "What did he say about the missiles?")
	if want := "What did Hossein Amirabdollahian say about the missiles?"; got.Question != want {
		t.Errorf("got %q, want %q", got.Question, want)
	}
	got = Resolve(turns, "What did the diplomat deny?")
	if want := "What did Hossein Amirabdollahian deny?"; got.Question != want {
		t.Errorf("got %q, want %q", got.Question, want)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct{ name, role, want string }{
		{"Raj Patel", "", Person},
		{"Lakeside University", "", Org},
		{"Reuters", "", Org},
		{"Chen Wei", "organiser", Person},
		{"Ukrainian government", "", Org},
		{"March 2018", "", Org},
	}
	for _, tt := range tests {
		if got := kindOf(tt.name, tt.role); got != tt.want {
			t.Errorf("kindOf(%q, %q) = %q, want %q", tt.name, tt.role, got, tt.want)
		}
	}
}

func TestGenderOf(t *testing.T) {
	for role, want := range map[string]string{"spokeswoman": "female", "club chairman": "male", "director": "", "": ""} {
		if got := genderOf(role); got != want {
			t.Errorf("genderOf(%q) = %q, want %q", role, got, want)
		}
	}
}

// Turns are kept under the data folder or in the database between
// questions: they must survive JSON unchanged.
func TestTurnJSONRoundTrip(t *testing.T) {
	in := []Turn{{Question: "Who is Iran's foreign minister?", Focus: []string{"minister"}, Entities: []Entity{minister}}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out []Turn
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: got %+v, want %+v", out, in)
	}
	if got, want := Resolve(out, "What did he deny?").Question, "What did Hossein Amirabdollahian deny?"; got != want {
		t.Errorf("after the round trip: got %q, want %q", got, want)
	}
}
