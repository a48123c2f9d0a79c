package claim

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/whosaid"
)

func bundled(t *testing.T) []Sentence {
	t.Helper()
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return Sentences(docs)
}

func fixture(t *testing.T, name string) []Sentence {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.Parse(name, raw)
	if err != nil {
		t.Fatal(err)
	}
	return Sentences([]*corpus.Document{doc})
}

type judgeCase struct {
	claim    string
	want     Verdict
	evidence string // words the first deciding sentence holds; "" for none
}

func runJudge(t *testing.T, cands []Sentence, cases []judgeCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.claim, func(t *testing.T) {
			res := Judge(tt.claim, cands)
			if res.Verdict != tt.want {
				t.Fatalf("Judge(%q) = %s (%s), want %s; evidence %v", tt.claim, res.Verdict, res.Explanation, tt.want, res.Evidence)
			}
			if res.Explanation == "" {
				t.Errorf("no explanation")
			}
			if tt.want == NotFound {
				if len(res.Evidence) != 0 {
					t.Errorf("not found, yet evidence %v", res.Evidence)
				}
				return
			}
			if len(res.Evidence) == 0 {
				t.Fatalf("no evidence")
			}
			if e := res.Evidence[0]; e.Stance != tt.want || !strings.Contains(e.Text, tt.evidence) {
				t.Errorf("first evidence = %s %q, want %s with %q", e.Stance, e.Text, tt.want, tt.evidence)
			}
		})
	}
}

func TestJudgeBundled(t *testing.T) {
	runJudge(t, bundled(t), []judgeCase{
		{"Iran sent missiles to Russia", Disputed, "the missile part is completely wrong"},
		{"Iran gave Russia drones", Supported, "drones"},
		{"Venezuela bought tanks from Iran", NotFound, ""},
		{"Iran supplied drones to Russia", Supported, "drones"},
		{"Is it true that Iran provided Russia with missiles?", Disputed, "missile"},
		{"Iran did not send drones to Russia", Disputed, "drones"},
		{"Iran never sent missiles to Russia", Supported, "missile"},
		{"Iran sent drones to Russia after the war", Disputed, "before"},
		{"The Russian military relies on Iranian drones", Disputed, "which Moscow denies"},
		{"Iran sent tanks to Russia", NotFound, ""},
		{"Iran denied sending missiles to Russia", Supported, "missile"},
		{"Russia sent drones to Iran", NotFound, ""},
		{"Ukraine cut ties with Iran", NotFound, ""}, // only proposed
		{"Hossein Amirabdollahian claimed that Tehran and Kiev agreed to hold discussions", Supported, "Amirabdollahian also claimed"},
		{"Iran sent missiles to Russia! Everyone knows it.", Disputed, "completely wrong"},
		{"Iran gave Russia drones. Venezuela bought tanks from Iran.", Supported, "drones"},
	})
}

func TestJudgeFixture(t *testing.T) {
	runJudge(t, fixture(t, "solar-lab.md"), []judgeCase{
		{"Lakeside University opened a solar lab", Supported, "opened"},
		{"The lab opened on Monday", Disputed, "Tuesday"},
		{"The building cost 12 million dollars", Supported, "12 million dollars"},
		{"The building cost 20 million dollars", Disputed, "12 million dollars"},
		{"The lab will employ 400 researchers", Disputed, "40 researchers"},
		{"Students protested against the cost", Supported, "protested"},
		{"Construction was never halted", Disputed, "halted"},
		{"The university closed its solar laboratory", Disputed, "opened"},
		{"The mayor opened a wind farm", NotFound, ""},
	})
}

// Sentences of our own, about stories in no fixture.
func TestJudgeOwnSentences(t *testing.T) {
	doc := corpus.NewDocument("ferry.md", "Harbour council keeps night ferry", time.Time{}, "", "", strings.Join([]string{
		"The harbour council voted on Thursday to keep the night ferry running until 2026.",
		"Reports that the council had sold the ferry company to a private buyer are false, the council's spokeswoman said.",
		"There is no evidence that the ferry breaks safety rules, inspectors said.",
		"If the budget is cut, the council could end the night service.",
		"The ferry carries about 300 passengers a night.",
	}, "\n"))
	runJudge(t, Sentences([]*corpus.Document{doc}), []judgeCase{
		{"The council voted to keep the night ferry", Supported, "voted"},
		{"The council sold the ferry company", Disputed, "are false"},
		{"The ferry breaks safety rules", Disputed, "no evidence"},
		{"The council will end the night service", NotFound, ""},
		{"The ferry carries 300 passengers a night", Supported, "300 passengers"},
		{"The ferry carries 3000 passengers a night", Disputed, "300 passengers"},
		{"The council voted on Friday to keep the ferry", Disputed, "Thursday"},
		{"The airport closed", NotFound, ""},
	})
}

func TestJudgeEvidenceIsVerbatim(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*corpus.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	for _, c := range []string{"Iran sent missiles to Russia", "Iran gave Russia drones"} {
		for _, e := range Judge(c, Sentences(docs)).Evidence {
			if got := byID[e.Doc].Text[e.Start:e.End]; got != e.Text {
				t.Errorf("%q: evidence %q is not Text[%d:%d] = %q", c, e.Text, e.Start, e.End, got)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	if err := Validate("  "); err != ErrEmpty {
		t.Errorf("Validate(blank) = %v, want ErrEmpty", err)
	}
	if err := Validate(strings.Repeat("drones ", MaxClaimBytes/6)); err != ErrTooLong {
		t.Errorf("Validate(long) = %v, want ErrTooLong", err)
	}
	if err := Validate("Iran sent drones to Russia"); err != nil {
		t.Errorf("Validate(claim) = %v, want nil", err)
	}
}

func TestJudgeNothingToSearch(t *testing.T) {
	if res := Judge("it is so", bundled(t)); res.Verdict != NotFound || res.Explanation == "" {
		t.Errorf("got %s %q, want not_found with an explanation", res.Verdict, res.Explanation)
	}
}

func BenchmarkJudge(b *testing.B) {
	docs, err := corpus.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	cands := Sentences(docs)
	for b.Loop() {
		Judge("Iran sent missiles to Russia", cands)
	}
}

// More constructions, on sentences of our own: passives, "not only",
// extraposed verdicts, denial verbs as the claim's act, capitals for their
// country, speech verbs, and a sentence about someone else under a title
// that names the claim's actor.
func TestJudgeConstructions(t *testing.T) {
	doc := corpus.NewDocument("trade.md", "Norway signs fishing deal", time.Time{}, "", "", strings.Join([]string{
		"Fishing boats were sold to Chile by Norway last spring.",
		"The shipyard not only built the boats but also trained the crews.",
		"It is not true that the shipyard laid off 200 workers, the union said.",
		"The ministry rejected the union's offer on Monday.",
		"Oslo denied that it had paid the union.",
		"According to the harbour master, the new quay will open in May.",
		"Denmark sent tugboats to Iceland.",
		"The shipyard did not say when it would deliver the ferries.",
		"The ministry did not confirm that the shipyard sold trawlers to Peru.",
	}, "\n"))
	runJudge(t, Sentences([]*corpus.Document{doc}), []judgeCase{
		{"Norway sold fishing boats to Chile", Supported, "by Norway"},
		{"Chile sold fishing boats to Norway", NotFound, ""},
		{"The shipyard built the boats", Supported, "not only built"},
		{"The shipyard laid off 200 workers", Disputed, "not true"},
		{"The ministry rejected the union's offer", Supported, "rejected"},
		{"The ministry accepted the union's offer", Disputed, "rejected"},
		{"The ministry made the union an offer", NotFound, ""},
		{"Norway paid the union", Disputed, "Oslo denied"},
		{"The harbour master said the quay will open", Supported, "According to"},
		{"Norway sent tugboats to Iceland", NotFound, ""},
		{"The shipyard will deliver the ferries", NotFound, ""}, // "did not say when": neither asserted nor denied
		{"The shipyard sold trawlers to Peru", NotFound, ""},
	})
}

// The other fixture stories written for this project (copied from
// rag/whosaid/testdata), with claims of every verdict.
func TestJudgeOtherFixtures(t *testing.T) {
	runJudge(t, fixture(t, "port-strike.md"), []judgeCase{
		{"The port offered a 6 per cent raise", Supported, "6 per cent"},
		{"The port offered a 10 per cent raise", Disputed, "6 per cent"},
		{"Okafor accepted the offer", Disputed, "rejected"},
		{"The strike costs the port 5 million euros a day", Disputed, "2 million euros"},
		{"About 40 vessels are waiting offshore", Supported, "40 vessels"},
		{"Dock workers walked off the job on Thursday", Disputed, "Wednesday"},
		{"Maria Okafor is the union's general secretary", Supported, "general secretary"},
		{"The union will end the strike this week", NotFound, ""},
	})
	runJudge(t, fixture(t, "river-dam.md"), []judgeCase{
		{"The dam will open in July", Disputed, "June"},
		{"The dam will cut water supplies to farmers", Disputed, "a claim Norland rejects"},
		{"The reservoir will flood 50 villages", Disputed, "30 villages"},
		{"Sudova summoned Norland's ambassador", Supported, "summoned"},
		{"Norland summoned Sudova's ambassador", NotFound, ""},
		{"Petrov proposed a joint commission", Supported, "He also proposed"},
		{"Elena Varga is Norland's Energy Minister", Supported, "Energy Minister Elena Varga"},
	})
	runJudge(t, fixture(t, "bike-lanes.md"), []judgeCase{
		{"The city will build 20 kilometres of bike lanes", Supported, "20 kilometres"},
		{"Construction will begin in September", Disputed, "August"},
		{"James Obi voted for the plan", Disputed, "voted against"},
		{"Shop owners were consulted", Disputed, "not consulted"},
		{"Sarah Kim announced the bike lanes", Supported, "announced"},
	})
}

// A source sentence taken as a claim is supported by its own corpus: the
// checker reads a claim and a source alike (negations, hedges, doers,
// amounts), whatever the sentence says.
func TestJudgeSentenceSupportsItself(t *testing.T) {
	corpora := map[string][]Sentence{"bundled": bundled(t)}
	for _, f := range []string{"solar-lab.md", "port-strike.md", "river-dam.md", "bike-lanes.md"} {
		corpora[f] = fixture(t, f)
	}
	for name, cands := range corpora {
		for _, c := range cands {
			if len(c.Text) < 30 || Validate(c.Text) != nil {
				continue
			}
			if res := Judge(c.Text, cands); res.Verdict != Supported {
				t.Errorf("%s: %q judged %s (%s), want supported", name, c.Text, res.Verdict, res.Explanation)
			}
		}
	}
}

func TestAttribute(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var stmts []whosaid.Statement
	for _, d := range docs {
		stmts = append(stmts, whosaid.Extract(d)...)
	}
	cands := Sentences(docs)
	tests := []struct {
		claim, speaker, explanation string
	}{
		{"Iran sent missiles to Russia", "Hossein Amirabdollahian", "Hossein Amirabdollahian (Iranian Foreign Minister) calls it “completely wrong”. One other source sentence disputes it."},
		{"The Russian military relies on Iranian drones", "Moscow", "Moscow denies it."},
	}
	for _, tt := range tests {
		res := Attribute(Judge(tt.claim, cands), stmts)
		if len(res.Evidence) == 0 || res.Evidence[0].Speaker != tt.speaker {
			t.Errorf("%q: evidence %+v, want the first by %s", tt.claim, res.Evidence, tt.speaker)
			continue
		}
		if res.Explanation != tt.explanation {
			t.Errorf("%q: explanation %q, want it to start %q", tt.claim, res.Explanation, tt.explanation)
		}
	}
	// A supported claim keeps its explanation.
	plain := Judge("Iran gave Russia drones", cands)
	if got := Attribute(plain, stmts); got.Explanation != plain.Explanation || got.Verdict != Supported {
		t.Errorf("supported: got %s %q, want %q unchanged", got.Verdict, got.Explanation, plain.Explanation)
	}
}

func TestJudgeDisputeKinds(t *testing.T) {
	doc := corpus.NewDocument("ferry.md", "Harbour council keeps night ferry", time.Time{}, "", "", strings.Join([]string{
		"The harbour council voted on Thursday to keep the night ferry running.",
		"Reports that the council had sold the ferry company are false, the spokeswoman said.",
		"There is no evidence that the ferry breaks safety rules, inspectors said.",
		"The ferry carries about 300 passengers a night.",
		"The council rejected the sale of the ferry.",
		"The ferry did not stop at Pier 4.",
	}, "\n"))
	cands := Sentences([]*corpus.Document{doc})
	tests := []struct{ claim, kind string }{
		{"The council sold the ferry company", Falsehood},
		{"The ferry breaks safety rules", NoEvidence},
		{"The ferry carries 3000 passengers a night", Contradiction},
		{"The council voted on Friday to keep the night ferry", Contradiction},
		{"The council approved the sale of the ferry", Contradiction},
		{"The ferry stopped at Pier 4", Negation},
		{"The council did not vote to keep the night ferry", Assertion},
	}
	for _, tt := range tests {
		res := Judge(tt.claim, cands)
		if res.Verdict != Disputed || len(res.Evidence) == 0 || res.Evidence[0].Kind != tt.kind {
			t.Errorf("%q: %s %+v, want disputed by %s", tt.claim, res.Verdict, res.Evidence, tt.kind)
		}
	}
}

func TestJudgeSeveralSentences(t *testing.T) {
	res := Judge("Iran gave Russia drones. Venezuela bought tanks from Iran.", bundled(t))
	if res.Verdict != Supported || !strings.Contains(res.Explanation, "Venezuela bought tanks") {
		t.Errorf("got %s %q, want supported, saying the second sentence is not found", res.Verdict, res.Explanation)
	}
	if res.Claim != "Iran gave Russia drones. Venezuela bought tanks from Iran." {
		t.Errorf("Claim = %q, want the claim as given", res.Claim)
	}
}
