package converse

import "testing"

// FuzzResolve checks that any follow-up after any earlier question is
// resolved without panicking, and that an unchanged resolution is the
// question itself.
func FuzzResolve(f *testing.F) {
	f.Add("Did Iran send drones to Russia?", "And missiles?")
	f.Add("Who is the minister?", "What did he say about it?")
	f.Add("How many?", "How many?")
	f.Add("", "Why?")
	f.Add("What is the lab's budget?", "What about the university's?")
	f.Fuzz(func(t *testing.T, earlier, q string) {
		h := []Turn{{Question: earlier, Entities: []Entity{{Name: "Ana Costa", Role: "minister", Kind: Person}, {Name: "Port Authority", Kind: Org}}}}
		res := Resolve(h, q)
		if !res.Changed && res.Question != trimmed(q) {
			t.Fatalf("unchanged, but %q is not %q", res.Question, q)
		}
		_, _ = AcceptRewrite(h, q, res.Question)
		_ = RewritePrompt(h, q)
	})
}

func trimmed(s string) string {
	r := Resolve(nil, s)
	return r.Question
}
