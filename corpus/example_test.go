package corpus_test

import (
	"fmt"
	"time"

	"github.com/newsbot/storybot/corpus"
)

func ExampleParse() {
	raw := "This article is more than\n2 years oldThe mayor opened the bridge on Monday. “It is a good day,” she said.\nRelated articles\nA different story."
	doc, err := corpus.Parse("bridge.txt", []byte(raw))
	if err != nil {
		panic(err)
	}
	for i, s := range doc.Sentences {
		fmt.Printf("%d [%d,%d) %s\n", i, s.Start, s.End, doc.Sentence(i))
	}
	// Output:
	// 0 [0,38) The mayor opened the bridge on Monday.
	// 1 [39,72) “It is a good day,” she said.
}

func ExampleChunks() {
	doc := corpus.NewDocument("a.md", "A", time.Time{}, "", "", "First point. Second point. Third point.")
	for _, c := range corpus.Chunks(doc, corpus.ChunkOptions{MaxBytes: 30, Overlap: 1}) {
		fmt.Printf("%s %q\n", c.ID, c.Text)
	}
	// Output:
	// a.md#0 "First point. Second point."
	// a.md#1 "Second point. Third point."
}
