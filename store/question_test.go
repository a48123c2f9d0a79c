package store

import (
	"testing"
	"time"
)

func TestGroupKeyGroupsSimilarWordings(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		same bool
	}{
		{"word order and case", "What did Venezuela buy?", "venezuela BUY what", true},
		{"irregular verb form", "What did Venezuela buy from Iran?", "Venezuela bought what from Iran?", true},
		{"plural", "Were missiles sent?", "Was a missile sent?", true},
		{"punctuation and repeats", "Drones, drones: who sent drones?", "who sent drones", true},
		{"different subject", "What did Venezuela buy?", "What did Syria buy?", false},
		{"different object", "Did Iran send drones?", "Did Iran send missiles?", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ka, kb := GroupKey(tc.a, ContentStem), GroupKey(tc.b, ContentStem)
			if (ka == kb) != tc.same {
				t.Errorf("keys %q and %q: same=%v, want %v", ka, kb, ka == kb, tc.same)
			}
			if ka == "" {
				t.Errorf("key of %q is empty", tc.a)
			}
		})
	}
}

func TestNormalizeDefaultsKeyToResolvedQuestion(t *testing.T) {
	q := Question{Text: "And missiles?", Resolved: "Did Iran send missiles to Russia?"}.Normalize(time.Now)
	if want := GroupKey(q.Resolved, ContentStem); q.Key != want {
		t.Errorf("got key %q, want the resolved question's %q", q.Key, want)
	}
}
