package claim_test

import (
	"fmt"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/claim"
)

func ExampleJudge() {
	doc := corpus.NewDocument("depot.md", "City opens bus depot", time.Time{}, "", "",
		"The city opened its new bus depot on Friday. Reports that the depot cost 90 million euros are wrong, the transport office said.")
	sentences := claim.Sentences([]*corpus.Document{doc})
	for _, c := range []string{"The city opened a bus depot", "The depot cost 90 million euros", "The city closed the airport"} {
		res := claim.Judge(c, sentences)
		fmt.Printf("%s: %s\n", res.Verdict, res.Explanation)
		for _, e := range res.Evidence {
			fmt.Printf("  [%d,%d) %s\n", e.Start, e.End, e.Text)
		}
	}
	// Output:
	// supported: One source sentence asserts it; none denies or contradicts it.
	//   [0,44) The city opened its new bus depot on Friday.
	// disputed: One source sentence denies or contradicts it (“wrong”).
	//   [45,127) Reports that the depot cost 90 million euros are wrong, the transport office said.
	// not_found: The sources never mention closed, airport.
}
