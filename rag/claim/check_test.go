package claim

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

func TestCheck(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	calls := 0
	// A fake retrieval: the first half of the article as one chunk.
	retrieve := func(_ context.Context, c string) ([]Sentence, error) {
		calls++
		return SentencesIn(d, 0, d.Sentences[len(d.Sentences)/2].End, 0.8), nil
	}
	res, err := Check(context.Background(), "Iran sent missiles to Russia", retrieve, nil)
	if err != nil || res.Verdict != Disputed {
		t.Fatalf("Check = %s, %v; want disputed", res.Verdict, err)
	}
	if e := res.Evidence[0]; e.Score != 0.8 || d.Text[e.Start:e.End] != e.Text {
		t.Errorf("evidence %+v: want the chunk's score and a verbatim sentence", e)
	}
	for _, bad := range []string{"", strings.Repeat("x ", MaxClaimBytes)} {
		if _, err := Check(context.Background(), bad, retrieve, nil); !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrTooLong) {
			t.Errorf("Check(%d bytes) err = %v, want ErrEmpty or ErrTooLong", len(bad), err)
		}
	}
	if calls != 1 {
		t.Errorf("retrieval called %d times, want once (not for invalid claims)", calls)
	}
	failing := func(context.Context, string) ([]Sentence, error) { return nil, errors.New("index closed") }
	if _, err := Check(context.Background(), "Iran sent drones", failing, nil); err == nil || !strings.Contains(err.Error(), "index closed") {
		t.Errorf("err = %v, want the retrieval's error wrapped", err)
	}
}

func TestSentencesIn(t *testing.T) {
	d := corpus.NewDocument("a.md", "A", time.Time{}, "", "", "One. Two words. Three here.")
	got := SentencesIn(d, 5, 15, 1)
	if len(got) != 1 || got[0].Text != "Two words." {
		t.Errorf("SentencesIn = %+v, want the one sentence inside [5,15)", got)
	}
}
