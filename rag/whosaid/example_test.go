package whosaid_test

import (
	"fmt"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/whosaid"
)

func Example() {
	doc, err := corpus.Parse("dam.md", []byte(`---
title: Dam opens
---
“The water is safe,” said the utility's director, Dr. Amina Yusuf.
Critics said the dam would flood three villages. “We were never asked,” one farmer, Piet Mol, told the local newspaper.
`))
	if err != nil {
		panic(err)
	}
	stmts := whosaid.Extract(doc)
	for _, s := range whosaid.Search(stmts, "never asked") {
		fmt.Printf("%s (%s) via %s: %q\n", s.Speaker, s.Role, s.Via, s.Quote)
	}
	for _, sp := range whosaid.Speakers(stmts) {
		fmt.Println(sp.Name)
	}
	// Output:
	// Piet Mol (farmer) via local newspaper: "We were never asked"
	// Amina Yusuf
	// Critics
	// Piet Mol
}
