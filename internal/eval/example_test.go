package eval_test

import (
	"fmt"

	"github.com/newsbot/storybot/internal/eval"
	"github.com/newsbot/storybot/rag"
)

// Grading an answer against what the evaluation file expects of it.
func ExampleGrade() {
	q := eval.Question{
		ID:       "v01",
		Question: "Did Iran admit sending missiles?",
		All:      [][]string{{"denied", "wrong"}},
		Gold:     []string{"the missile part is completely wrong"},
	}
	a := rag.Answer{
		Text:      "Iran denied it [1].",
		Citations: []rag.Citation{{N: 1, Doc: "story.md", Quote: "the missile part is completely wrong."}},
	}
	inCorpus := func(doc, quote string) bool { return doc == "story.md" }
	r := eval.Grade(q, a, inCorpus)
	fmt.Println(r.Passed, r.Failures)

	a.Abstained = true
	r = eval.Grade(q, a, inCorpus)
	fmt.Println(r.Passed, r.Failures)
	// Output:
	// true []
	// false [abstained: got true, want false]
}
