package converse_test

import (
	"fmt"

	"github.com/newsbot/storybot/rag/converse"
)

func ExampleResolve() {
	history := []converse.Turn{{
		Question: "Who runs the harbour authority?",
		Entities: []converse.Entity{{Name: "Ines Duarte", Role: "harbour master", Kind: converse.Person}},
	}}
	res := converse.Resolve(history, "What did she say about the new pier?")
	fmt.Println(res.Question, res.Changed, res.Rule)

	history = []converse.Turn{{Question: "Did the city buy electric buses?"}}
	fmt.Println(converse.Resolve(history, "And trams?").Question)
	fmt.Println(converse.Resolve(history, "Why?").Question)
	fmt.Println(converse.Resolve(history, "How many buses run at night?").Changed)
	// Output:
	// What did Ines Duarte say about the new pier? true reference
	// Did the city buy electric trams?
	// Why did the city buy electric buses?
	// false
}

func ExampleAcceptRewrite() {
	history := []converse.Turn{{
		Question: "Who runs the harbour authority?",
		Entities: []converse.Entity{{Name: "Ines Duarte", Role: "harbour master", Kind: converse.Person}},
	}}
	// The model invented a name: the rule-based resolution is used instead.
	res, err := converse.AcceptRewrite(history, "When did she start?", "When did Maria Silva start?")
	fmt.Println(res.Question)
	fmt.Println(err)
	// Output:
	// When did Ines Duarte start?
	// rewrite rejected: brings in words found neither in the conversation nor in the question: Maria, Silva
}
