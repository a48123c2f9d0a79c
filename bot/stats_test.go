package bot

import (
	"testing"

	"github.com/newsbot/storybot/store"
)

// TestGroupSimilar checks that the same question in other words, or with a
// detail added, counts as one for /stats, and unrelated ones stay apart.
func TestGroupSimilar(t *testing.T) {
	g := func(q string, n int) store.UnansweredGroup {
		return store.UnansweredGroup{Key: store.GroupKey(q, store.ContentStem), Question: q, Wordings: []string{q}, Count: n}
	}
	got := GroupSimilar([]store.UnansweredGroup{
		g("Did Venezuela buy tanks?", 3),
		g("Who won the chess open?", 2),
		g("Did Venezuela buy tanks from Iran?", 2),
		g("Venezuela tanks bought?", 1),
		g("Is Iran in the EU?", 1),
	}, 10)
	if len(got) != 3 || got[0].Question != "Did Venezuela buy tanks?" || got[0].Count != 6 || len(got[0].Wordings) != 3 {
		t.Fatalf("got %+v, want the tanks questions as one, asked 6 times in 3 wordings", got)
	}
	if got[1].Question != "Who won the chess open?" || got[2].Question != "Is Iran in the EU?" {
		t.Errorf("got %+v, want the unrelated questions apart", got[1:])
	}
	if one := GroupSimilar(got, 1); len(one) != 1 {
		t.Errorf("got %d groups, want the top 1", len(one))
	}
}
