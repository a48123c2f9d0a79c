package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
)

// viennaQuestion is the question of testdata/ask.json.
const viennaQuestion = "Who met in Vienna, and what did they say?"

// viennaAnswer is the canned answer to viennaQuestion.
var viennaAnswer = rag.Answer{
	Question: viennaQuestion,
	Text:     "Iran's foreign minister met the IAEA's director general in Vienna [1]. Afterwards he called the talks \"constructive\" [2].",
	Mode:     rag.ModeExtractive,
	Citations: []rag.Citation{
		{N: 1, Doc: "irna-2022-11-05", Title: "Amirabdollahian meets Grossi in Vienna", Published: "2022-11-05",
			Quote: "Hossein Amirabdollahian met Rafael Grossi in Vienna on Saturday.", Start: 120, End: 185},
		{N: 2, Doc: "reuters-2022-11-06", Title: "Iran says IAEA talks constructive", Published: "2022-11-06", URL: "https://example.com/iaea-talks",
			Quote: "\"The talks were constructive,\" Amirabdollahian told reporters.", Start: 0, End: 61},
	},
}

// fakeEngine returns canned results. Ask blocks while a gate is set for the
// question, and announces each call on askedNow.
type fakeEngine struct {
	mu         sync.Mutex
	answers    map[string]rag.Answer
	errs       map[string]error
	gates      map[string]chan struct{}
	askedNow   chan struct{} // closed and replaced at each Ask
	events     []timeline.Event
	statements []whosaid.Statement
	speakers   []string
	asked      []string
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{
		answers:    map[string]rag.Answer{viennaQuestion: viennaAnswer},
		errs:       map[string]error{},
		gates:      map[string]chan struct{}{},
		askedNow:   make(chan struct{}),
		events:     sampleEvents(12),
		statements: sampleStatements(),
		speakers:   []string{"Hossein Amirabdollahian", "Amir Saeid Iravani", "Rafael Grossi", "Ned Price"},
	}
}

func (f *fakeEngine) Ask(ctx context.Context, q string) (rag.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	gate := f.gates[q]
	a, ok := f.answers[q]
	err := f.errs[q]
	close(f.askedNow)
	f.askedNow = make(chan struct{})
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return rag.Answer{}, ctx.Err()
		}
	}
	if err != nil {
		return rag.Answer{}, err
	}
	if !ok {
		return rag.Answer{Question: q, Abstained: true, Mode: rag.ModeExtractive}, nil
	}
	return a, nil
}

func (f *fakeEngine) Timeline(ctx context.Context, topic string) ([]timeline.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.errs["timeline:"+topic]; err != nil {
		return nil, err
	}
	return f.events, nil
}

func (f *fakeEngine) WhoSaid(ctx context.Context, query string) ([]whosaid.Statement, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []whosaid.Statement
	for _, s := range f.statements {
		if query == "" || strings.Contains(strings.ToLower(s.Speaker+" "+s.Quote), strings.ToLower(query)) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeEngine) Speakers(ctx context.Context, prefix string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, s := range f.speakers {
		if strings.HasPrefix(strings.ToLower(s), strings.ToLower(prefix)) {
			out = append(out, s)
		}
	}
	return out
}

// sampleEvents is n dated events of a story.
func sampleEvents(n int) []timeline.Event {
	base := []timeline.Event{
		{Date: "2022-09", Precision: timeline.Month, Resolved: true, DateText: "In September", Summary: "Talks on reviving the nuclear deal stalled.", Doc: "reuters-2022-11-06", Title: "Iran says IAEA talks constructive"},
		{Date: "2022-10-22", Precision: timeline.Day, Resolved: true, DateText: "two weeks ago", Summary: "An IAEA team visited Tehran.", Doc: "irna-2022-11-05", Title: "Amirabdollahian meets Grossi in Vienna"},
		{Date: "2022-11-05", Precision: timeline.Day, Resolved: true, DateText: "on Saturday", Summary: "Amirabdollahian met Grossi in Vienna.", Doc: "irna-2022-11-05", Title: "Amirabdollahian meets Grossi in Vienna"},
		{Date: "2022-11", Precision: timeline.After, Resolved: true, DateText: "later this month", Summary: "A technical team is to follow up.", Doc: "reuters-2022-11-06", Title: "Iran says IAEA talks constructive"},
	}
	var out []timeline.Event
	for i := 0; i < n; i++ {
		e := base[i%len(base)]
		if i >= len(base) {
			e.Summary = strings.TrimSuffix(e.Summary, ".") + " (again)."
		}
		out = append(out, e)
	}
	return out
}

// sampleStatements are statements of the story.
func sampleStatements() []whosaid.Statement {
	return []whosaid.Statement{
		{Speaker: "Hossein Amirabdollahian", Role: "Iranian Foreign Minister", Via: "IRNA", Kind: whosaid.Direct,
			Quote: "The talks were constructive", Doc: "reuters-2022-11-06", Title: "Iran says IAEA talks constructive"},
		{Speaker: "Rafael Grossi", Role: "IAEA Director General", Kind: whosaid.Indirect,
			Quote: "Grossi said inspectors needed more access", Doc: "irna-2022-11-05", Title: "Amirabdollahian meets Grossi in Vienna"},
	}
}

func (f *fakeEngine) setAnswer(q string, a rag.Answer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answers[q] = a
}

func (f *fakeEngine) setErr(q string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[q] = err
}

// setGate makes Ask(q) wait until the returned channel is closed.
func (f *fakeEngine) setGate(q string) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	g := make(chan struct{})
	f.gates[q] = g
	return g
}

// waitAsked waits until Ask(q) has been called.
func (f *fakeEngine) waitAsked(t *testing.T, q string) {
	t.Helper()
	deadline := time.After(wait)
	for {
		f.mu.Lock()
		for _, a := range f.asked {
			if a == q {
				f.mu.Unlock()
				return
			}
		}
		ch := f.askedNow
		f.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("the engine was never asked %q", q)
		}
	}
}

// timesAsked counts the calls of Ask(q).
func (f *fakeEngine) timesAsked(q string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, a := range f.asked {
		if a == q {
			n++
		}
	}
	return n
}

func (f *fakeEngine) askedList() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}
