package timeline_test

import (
	"fmt"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/timeline"
)

func Example() {
	published := time.Date(2024, time.March, 14, 0, 0, 0, 0, time.UTC)
	d := corpus.NewDocument("harbour", "Harbour reopens", published, "", "",
		"The harbour will reopen on Friday. It closed in early November after a storm. "+
			"Three weeks after the storm, the council voted to rebuild the pier.")
	events := timeline.Extract(d)
	timeline.Sort(events)
	for _, e := range events {
		fmt.Printf("%s %s %q: %s\n", e.Date, e.Precision, e.DateText, e.Summary)
	}
	// Output:
	// 2023-11 month "in early November": It closed after a storm
	// 2023-11 month "Three weeks after the storm": the council voted to rebuild the pier
	// 2024-03-15 day "on Friday": The harbour will reopen
}
