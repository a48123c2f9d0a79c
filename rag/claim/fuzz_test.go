package claim

import (
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// FuzzJudge checks that any claim against any text is judged without
// panicking, and that evidence is always a verbatim candidate.
func FuzzJudge(f *testing.F) {
	f.Add("Iran sent missiles to Russia", "Tehran denied that it sent missiles, which is wrong.")
	f.Add("The lab cost 12,000.5 dollars", "The lab cost 1,000 dollars; not true, said no one.")
	f.Add("is it true that", "No evidence. Never. Wrong!")
	f.Add("$5 million", "“It is false,” he said – which they deny")
	f.Fuzz(func(t *testing.T, c, text string) {
		doc := corpus.NewDocument("f.md", "F", time.Time{}, "", "", text)
		cands := Sentences([]*corpus.Document{doc})
		res := Judge(c, cands)
		switch res.Verdict {
		case Supported, Disputed, NotFound:
		default:
			t.Fatalf("verdict %q", res.Verdict)
		}
		for _, e := range res.Evidence {
			if doc.Text[e.Start:e.End] != e.Text {
				t.Fatalf("evidence %q is not the text at [%d,%d)", e.Text, e.Start, e.End)
			}
		}
	})
}
