package eval

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag"
)

// TestBundledStoryEval runs the shared evaluation questions (a copy of
// ../shared/eval/questions.jsonl) against the bundled story: answering them
// is the product's main job.
func TestBundledStoryEval(t *testing.T) {
	f, err := os.Open("testdata/questions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		t.Fatalf("ReadQuestions: %v", err)
	}
	if len(qs) == 0 {
		t.Fatal("no questions in testdata/questions.jsonl")
	}
	e, _, err := rag.Open(context.Background(), rag.Options{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		t.Run(q.ID, func(t *testing.T) {
			a, err := e.Ask(context.Background(), q.Question)
			if err != nil {
				t.Fatalf("Ask(%q): %v", q.Question, err)
			}
			r := Grade(q, a, e.InCorpus)
			if !r.Passed {
				t.Errorf("%s %q failed: %s\nanswer: %s", q.ID, q.Question, strings.Join(r.Failures, "; "), a.Text)
			}
		})
	}
}

func TestGrade(t *testing.T) {
	const doc = "story.md"
	text := `The minister said “the missile part is completely wrong.” Iran denied it.`
	inCorpus := func(d, quote string) bool {
		_, ok := rag.Locate(text, quote)
		return d == doc && ok
	}
	q := Question{
		ID: "q1", Question: "Did Iran admit sending missiles?",
		All:  [][]string{{"denied", "deny"}, {"missile"}},
		None: []string{`iran admitted (sending|supplying) missiles`},
		Gold: []string{"the missile part is completely wrong"},
	}
	cite := func(quote string) rag.Citation { return rag.Citation{N: 1, Doc: doc, Quote: quote} }
	tests := []struct {
		name string
		q    Question
		a    rag.Answer
		want []string
	}{
		{
			name: "pass",
			q:    q,
			a:    rag.Answer{Text: "Iran DENIED it: the missile part is completely wrong [1]", Citations: []rag.Citation{cite("the missile part is completely wrong.")}},
		},
		{
			name: "gold found after folding quotes",
			q:    q,
			a:    rag.Answer{Text: "Iran denied the missile claim [1]", Citations: []rag.Citation{cite(`said "the missile part is completely wrong."`)}},
		},
		{
			name: "abstained when it should answer",
			q:    q,
			a:    rag.Answer{Text: rag.Abstention, Abstained: true, Citations: []rag.Citation{}},
			want: []string{
				"abstained: got true, want false",
				`answer has none of ["denied" "deny"]`,
				`answer has none of ["missile"]`,
				"no cited quote contains a gold passage",
			},
		},
		{
			name: "forbidden claim and invented quote",
			q:    q,
			a:    rag.Answer{Text: "Iran admitted sending missiles, then denied it [1]", Citations: []rag.Citation{cite("the missile part is completely wrong"), {N: 2, Doc: doc, Quote: "we sent missiles"}}},
			want: []string{
				`answer matches forbidden pattern "iran admitted (sending|supplying) missiles"`,
				"quote [2] is not verbatim in story.md",
			},
		},
		{
			name: "quote from the wrong document",
			q:    Question{ID: "q2", Question: "What did Iran do?"},
			a:    rag.Answer{Text: "It denied it [1]", Citations: []rag.Citation{{N: 1, Doc: "other.md", Quote: "Iran denied it."}}},
			want: []string{"quote [1] is not verbatim in other.md"},
		},
		{
			name: "abstention expected and given",
			q:    Question{ID: "q3", Question: "What is the capital of Australia?", Abstain: true, None: []string{"canberra"}},
			a:    rag.Answer{Text: rag.Abstention, Abstained: true},
		},
		{
			name: "answered when it should abstain",
			q:    Question{ID: "q3", Question: "What is the capital of Australia?", Abstain: true, None: []string{"canberra"}},
			a:    rag.Answer{Text: "It is Canberra."},
			want: []string{"abstained: got false, want true", `answer matches forbidden pattern "canberra"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Grade(tt.q, tt.a, inCorpus)
			if !slices.Equal(r.Failures, tt.want) {
				t.Errorf("got failures %q, want %q", r.Failures, tt.want)
			}
			if r.Passed != (len(tt.want) == 0) {
				t.Errorf("got passed %v, want %v", r.Passed, len(tt.want) == 0)
			}
			if r.ID != tt.q.ID || r.Question != tt.q.Question {
				t.Errorf("got id %q question %q, want %q %q", r.ID, r.Question, tt.q.ID, tt.q.Question)
			}
		})
	}
}

func TestReadQuestions(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		wantIDs []string
		wantErr string // substring of the error; "" for none
	}{
		{
			name:    "comments, blank lines and a default id",
			input:   "# questions\n\n{\"id\":\"a\",\"question\":\"Who?\"}\n   \n{\"question\":\"When?\",\"abstain\":true}\n",
			wantIDs: []string{"a", "line5"},
		},
		{name: "empty file", input: ""},
		{name: "malformed JSON", input: "# c\n{\"id\":\"a\",\"question\":\"Who?\"}\n\n{\"id\":\"b\",\"question\":", wantErr: "line 4"},
		{name: "wrong field type", input: "{\"id\":\"a\",\"question\":\"Who?\",\"abstain\":\"yes\"}", wantErr: "line 1"},
		{name: "no question", input: "{\"id\":\"a\",\"question\":\"Who?\"}\n{\"id\":\"b\",\"question\":\"  \"}", wantErr: "line 2: no question"},
		{name: "bad pattern", input: "\n\n{\"id\":\"a\",\"question\":\"Who?\",\"none\":[\"(unclosed\"]}", wantErr: "line 3: bad pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, err := ReadQuestions(strings.NewReader(tt.input))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			var ids []string
			for _, q := range qs {
				ids = append(ids, q.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("got ids %q, want %q", ids, tt.wantIDs)
			}
		})
	}
}

func TestReadQuestionsShared(t *testing.T) {
	f, err := os.Open("testdata/questions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		t.Fatal(err)
	}
	abstain := 0
	for _, q := range qs {
		if q.Abstain {
			abstain++
			if len(q.Gold) > 0 {
				t.Errorf("%s: an abstention with gold passages %q", q.ID, q.Gold)
			}
		}
		for _, g := range q.Gold {
			found := false
			for _, d := range bundled(t) {
				if _, ok := rag.Locate(d.Text, g); ok {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: gold passage %q is not in the bundled story", q.ID, g)
			}
		}
	}
	if abstain == 0 || abstain == len(qs) {
		t.Errorf("got %d abstentions in %d questions, want both kinds", abstain, len(qs))
	}
}

// bundled returns the bundled story's documents.
func bundled(t *testing.T) []*corpus.Document {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
