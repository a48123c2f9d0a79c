package rag

import (
	"context"
	"strings"
	"testing"
)

func TestTimelineEvents(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	docs := loadCorpus(t, testCorpus)
	all, err := e.Timeline(context.Background(), "")
	if err != nil {
		t.Fatalf("Timeline: %v", err)
	}
	if len(all) == 0 {
		t.Fatal("got no events from three dated articles")
	}
	for i, ev := range all {
		d, ok := docs[ev.Doc]
		if !ok {
			t.Errorf("event %d: unknown doc %q", i, ev.Doc)
			continue
		}
		if ev.End > len(d.Text) || ev.Start >= ev.End || d.Text[ev.Start:ev.End] != ev.Quote {
			t.Errorf("event %d: quote %q is not %s[%d:%d]", i, ev.Quote, ev.Doc, ev.Start, ev.End)
		}
	}
	honey, err := e.Timeline(context.Background(), "honey harvest")
	if err != nil {
		t.Fatalf("Timeline(honey harvest): %v", err)
	}
	if len(honey) == 0 || len(honey) >= len(all) {
		t.Errorf("a topic: got %d of %d events, want some but not all", len(honey), len(all))
	}
	for _, ev := range honey {
		if ev.Doc != "tessin-honey.md" {
			t.Errorf("topic honey harvest: got an event of %s: %q", ev.Doc, ev.Quote)
		}
	}
}

// TestAnalysesLimit checks the length limit of /timeline topics and
// /who-said queries, which must count characters as for questions.
func TestAnalysesLimit(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir(), MaxQuestionLen: 20})
	calls := map[string]func(string) error{
		"Timeline": func(s string) error { _, err := e.Timeline(context.Background(), s); return err },
		"WhoSaid":  func(s string) error { _, err := e.WhoSaid(context.Background(), s); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(strings.Repeat("a", 21)); !IsInvalid(err) {
				t.Errorf("21 characters: got %v, want an invalid-input error", err)
			}
			if err := call(strings.Repeat("a", 20)); err != nil {
				t.Errorf("20 characters: got %v, want no error", err)
			}
			topic := strings.Repeat("é", 20)
			if _, err := e.CheckQuestion(topic); err != nil {
				t.Fatalf("CheckQuestion(%q): %v", topic, err)
			}
			if err := call(topic); err != nil {
				t.Fatalf("regression: %s(%q) = %v: analyses.go counts the limit in bytes (len(topic)), CheckQuestion in characters", name, topic, err)
			}
		})
	}
}

func TestWhoSaid(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	docs := loadCorpus(t, testCorpus)
	all, err := e.WhoSaid(context.Background(), "")
	if err != nil {
		t.Fatalf("WhoSaid: %v", err)
	}
	if len(all) == 0 {
		t.Fatal("got no statements from articles with three direct quotes")
	}
	for i, st := range all {
		d, ok := docs[st.Doc]
		if !ok {
			t.Errorf("statement %d: unknown doc %q", i, st.Doc)
			continue
		}
		if st.End > len(d.Text) || st.Start >= st.End || d.Text[st.Start:st.End] != st.Quote {
			t.Errorf("statement %d: quote %q is not %s[%d:%d]", i, st.Quote, st.Doc, st.Start, st.End)
		}
	}
	got, err := e.WhoSaid(context.Background(), "simply moved higher up the mountain")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || !strings.Contains(got[0].Speaker, "Vellini") {
		t.Errorf("who said \"simply moved higher up the mountain\": got %+v, want Marco Vellini first", got)
	}
	speakers := e.Speakers(context.Background(), "vell")
	if len(speakers) != 1 || !strings.Contains(speakers[0], "Vellini") {
		t.Errorf("Speakers(vell): got %q, want Marco Vellini", speakers)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.WhoSaid(ctx, "anything"); err == nil {
		t.Error("WhoSaid with a cancelled context: got no error, want one")
	}
}
