package rag

import (
	"context"
	"strings"
	"testing"
)

// answersCorpus is four fictional reports of one strike: a first report, a
// later one that gives another figure, a wire copy of the first's lead, and
// the newest, whose title alone names who joined.
const answersCorpus = "testdata/answers"

// TestAnswerTypes checks that the answer leads with what the question asks
// for, in bold, as a cited verbatim piece of a source.
func TestAnswerTypes(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: answersCorpus, DataDir: t.TempDir()})
	docs := loadCorpus(t, answersCorpus)
	tests := []struct {
		name, question string
		lead           string // the answer text must hold this …
		cited          string // … and a citation this
	}{
		{"who", "Who leads the union?", "**Petra Lindqvist**", "Union leader Petra Lindqvist"},
		{"who by coreference", "Who said the strike would continue until the port authority returned to talks?", "Petra Lindqvist", "Petra Lindqvist"},
		{"when", "When did the dock workers walk off the job?", "Monday", "walked off the job"},
		{"when, resolved by the timeline", "When did the port authority reject the union's demands?", "**on 4 June 2025**: ", "rejected the union's demands on Wednesday"},
		{"how many", "How many container vessels were diverted?", "**three**", "three container vessels"},
		{"where", "Where were the container vessels diverted?", "**to Kelso and Brennock**", "to Kelso"},
		{"why", "Why did the port authority call the walkout illegal?", "**because the contract runs until March 2026", "because the contract runs"},
		{"yes", "Did Petra Lindqvist tell reporters the workers wanted a raise?", "Yes: ", "four percent raise"},
		{"no", "Did the port authority accept the union's demands?", "No: ", "rejected the union's demands"},
		{"how long", "How long does the contract run?", "**until March 2026**", "until March 2026"},
		{"how much money", "How much money did the workers want?", "**four percent", "four percent raise"},
		{"what someone did", "What did the shipping lines do?", "diverted", "Shipping lines diverted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Ask(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			if a.Abstained {
				t.Fatalf("Ask(%q) abstained", tt.question)
			}
			if !strings.Contains(a.Text, tt.lead) {
				t.Errorf("Ask(%q): got %q, want it to hold %q", tt.question, a.Text, tt.lead)
			}
			if !strings.Contains(a.Text, "[") {
				t.Errorf("Ask(%q): got %q, want the lead cited", tt.question, a.Text)
			}
			found := false
			for _, c := range a.Citations {
				found = found || strings.Contains(c.Quote, tt.cited)
			}
			if !found {
				t.Errorf("Ask(%q): no citation holds %q: %+v", tt.question, tt.cited, a.Citations)
			}
			checkCitations(t, e, docs, a)
			if n := len(strings.Fields(a.Text)); n > 40 {
				t.Errorf("Ask(%q): the lead is %d words, want a short one: %q", tt.question, n, a.Text)
			}
		})
	}
}

// TestAnswerAbstainsOnAbsentFocus checks that a question about something no
// source mentions is not answered with nearby sentences.
func TestAnswerAbstainsOnAbsentFocus(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: answersCorpus, DataDir: t.TempDir()})
	for _, q := range []string{
		"What is the salary of the union leader?",
		"What does the mayor think of the strike?",
		"What did Petra Lindqvist think about the ferries?",
		"What did Kelso do about the strike?",           // Kelso is named, but does nothing
		"How much did the union spend on the strike?",   // no source says spending
		"What new banner did the union unveil?",         // the head, not a modifier, must be named
		"Who will the union appoint as its negotiator?", // no source says appointing
		"What is Petra Lindqvist's salary?",             // a possessor is not what is asked
	} {
		a, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Abstained || len(a.Citations) != 0 {
			t.Errorf("Ask(%q): got %q, want the abstention", q, a.Text)
		}
	}
}

// TestAnswerCitesDuplicatesOnce checks that the same sentence in two copies
// of a story is cited once.
func TestAnswerCitesDuplicatesOnce(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: answersCorpus, DataDir: t.TempDir()})
	a, err := e.Ask(context.Background(), "Where did the dock workers walk off the job, halting cargo?")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range a.Citations {
		if strings.Contains(c.Quote, "walked off the job") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got %d citations of the strike's lead sentence, want 1: %+v", n, a.Citations)
	}
}

// TestAnswerShowsDisagreement checks that two sources giving different
// figures are both shown, dated, the newest first.
func TestAnswerShowsDisagreement(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: answersCorpus, DataDir: t.TempDir()})
	a, err := e.Ask(context.Background(), "How many workers had joined the strike?")
	if err != nil {
		t.Fatal(err)
	}
	newer, older := strings.Index(a.Text, "2025-06-05"), strings.Index(a.Text, "2025-06-02")
	if !strings.HasPrefix(a.Text, "Sources differ") || newer < 0 || older < newer {
		t.Errorf("got %q, want both figures, dated, the newest first", a.Text)
	}
	if !strings.Contains(a.Text, "900") || !strings.Contains(a.Text, "1,200") {
		t.Errorf("got %q, want both 900 and 1,200", a.Text)
	}
}

// TestAnswerSummaries checks that requests for the gist of the story are
// answered from the articles' lead sentences, the latest from the newest.
func TestAnswerSummaries(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: answersCorpus, DataDir: t.TempDir()})
	for _, q := range []string{"Summarize the article", "What is this story about?", "tl;dr"} {
		a, err := e.Ask(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if a.Abstained || len(a.Citations) == 0 {
			t.Fatalf("Ask(%q): got %q, want a summary", q, a.Text)
		}
		for _, c := range a.Citations {
			if c.Start != 0 && !strings.HasPrefix(c.Quote, "The dock strike") && !strings.HasPrefix(c.Quote, "Dock workers") {
				t.Errorf("Ask(%q): citation %q is not an article's lead sentence", q, c.Quote)
			}
		}
	}
	a, err := e.Ask(context.Background(), "What's the latest?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || len(a.Citations) == 0 || a.Citations[0].Doc != "harbour-pilots.md" || !strings.Contains(a.Text, "2025-06-06") {
		t.Errorf("What's the latest?: got %q from %+v, want the newest article's lead, dated", a.Text, a.Citations)
	}
}

// TestAnswerFromTitle checks that a question whose answer only the
// article's title gives is answered from it, cited by the article, not
// refused.
func TestAnswerFromTitle(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: answersCorpus, DataDir: t.TempDir()})
	a, err := e.Ask(context.Background(), "Which guild do the harbour pilots belong to?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Abstained || !strings.Contains(a.Text, "Harbour pilots' guild") || len(a.Citations) == 0 || a.Citations[0].Doc != "harbour-pilots.md" {
		t.Errorf("got %q citing %+v, want the title of harbour-pilots.md, cited", a.Text, a.Citations)
	}
}
