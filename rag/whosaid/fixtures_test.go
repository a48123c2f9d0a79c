package whosaid

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// expectedFile is the shape of the *.expected.json fixtures.
type expectedFile struct {
	WhoSaid []struct {
		Speaker string `json:"speaker"`
		Role    string `json:"role"`
		Via     string `json:"via"`
		Kind    string `json:"kind"`
		Quote   string `json:"quote"`
	} `json:"who_said"`
	// Exhaustive fixtures list every statement of their article.
	Exhaustive bool `json:"exhaustive"`
	// NotQuotes are scare quotes and titles that are not statements.
	NotQuotes []string `json:"not_quotes"`
}

func loadDoc(t testing.TB, name string) *corpus.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Parse(name, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return d
}

// normQuote folds curly quotes and a trailing period so that expected and
// extracted quotes compare as the fixtures intend.
func normQuote(s string) string {
	s = strings.NewReplacer("“", "\"", "”", "\"", "‘", "'", "’", "'").Replace(s)
	return strings.TrimSuffix(strings.TrimSpace(s), ".")
}

// sameQuote reports whether one quote contains the other.
func sameQuote(got, want string) bool {
	g, w := normQuote(got), normQuote(want)
	return strings.Contains(g, w) || strings.Contains(w, g)
}

func TestExpectedStatements(t *testing.T) {
	tests := []struct{ doc, expected string }{
		{"seed.txt", "seed.expected.json"},
		{"solar-lab.md", "solar-lab.expected.json"},
		{"port-strike.md", "port-strike.expected.json"},
		{"river-dam.md", "river-dam.expected.json"},
		{"bike-lanes.md", "bike-lanes.expected.json"},
		// Other news styles, as a proxy for unseen articles: sports,
		// business, a British court report, German and French quotation
		// marks.
		{"cup-final.md", "cup-final.expected.json"},
		{"chip-results.md", "chip-results.expected.json"},
		{"fraud-trial.md", "fraud-trial.expected.json"},
		{"rail-strike-de.md", "rail-strike-de.expected.json"},
		{"vineyard-fr.md", "vineyard-fr.expected.json"},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			d := loadDoc(t, tt.doc)
			data, err := os.ReadFile(filepath.Join("testdata", tt.expected))
			if err != nil {
				t.Fatal(err)
			}
			var exp expectedFile
			if err := json.Unmarshal(data, &exp); err != nil {
				t.Fatal(err)
			}
			got := Extract(d)
			for _, s := range got {
				if d.Text[s.Start:s.End] != s.Quote {
					t.Errorf("quote %q is not the text at [%d:%d]", s.Quote, s.Start, s.End)
				}
			}
			for _, w := range exp.WhoSaid {
				found := false
				for _, s := range got {
					if s.Kind != w.Kind || !sameQuote(s.Quote, w.Quote) {
						continue
					}
					found = true
					if s.Speaker != w.Speaker {
						t.Errorf("%q: got speaker %q, want %q", w.Quote, s.Speaker, w.Speaker)
					}
					if w.Role != "" && s.Role != w.Role {
						t.Errorf("%q: got role %q, want %q", w.Quote, s.Role, w.Role)
					}
					if w.Via != "" && s.Via != w.Via {
						t.Errorf("%q: got via %q, want %q", w.Quote, s.Via, w.Via)
					}
				}
				if !found {
					t.Errorf("%s statement %q by %s not found", w.Kind, w.Quote, w.Speaker)
				}
			}
			if exp.Exhaustive && len(got) != len(exp.WhoSaid) {
				t.Errorf("got %d statements, want %d:\n%s", len(got), len(exp.WhoSaid), dump(got))
			}
			for _, q := range exp.NotQuotes {
				for _, s := range got {
					if strings.Contains(s.Quote, q) {
						t.Errorf("got statement %q, want none containing %q", s.Quote, q)
					}
				}
			}
		})
	}
}

// TestSeedTraps checks statements of the seed story that its expected file
// does not list, where a careless resolver would pick the wrong person.
func TestSeedTraps(t *testing.T) {
	got := Extract(loadDoc(t, "seed.txt"))
	tests := []struct {
		name, quote, kind, speaker string
	}{
		{"the minister before a second minister is named", "the Ukrainian delegation pulled out of the planned meeting", Indirect, "Hossein Amirabdollahian"},
		{"participle continues the subject", "the shipments were completed before the Ukraine conflict broke out", Indirect, "Iran"},
		{"a channel is not the speaker", "the missile part is completely wrong", Direct, "Hossein Amirabdollahian"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range got {
				if s.Kind == tt.kind && sameQuote(s.Quote, tt.quote) {
					if s.Speaker != tt.speaker {
						t.Errorf("got speaker %q, want %q", s.Speaker, tt.speaker)
					}
					return
				}
			}
			t.Errorf("statement %q not found in:\n%s", tt.quote, dump(got))
		})
	}
	for _, s := range got {
		if s.Speaker == "Dmitry Kuleba" && !strings.HasPrefix(s.Quote, "proposed") {
			t.Errorf("got %q attributed to Dmitry Kuleba, who is named only at the end", s.Quote)
		}
		if strings.Contains(s.Quote, "kamikaze") && wordCount(s.Quote) <= 2 {
			t.Errorf("got scare quote %q as a statement", s.Quote)
		}
	}
}

// TestGolden compares the full JSON output for the two given stories with
// testdata/golden; run with -update to rewrite after a deliberate change.
func TestGolden(t *testing.T) {
	for _, name := range []string{"seed.txt", "solar-lab.md"} {
		t.Run(name, func(t *testing.T) {
			got, err := json.MarshalIndent(struct {
				Statements []Statement `json:"statements"`
			}{Extract(loadDoc(t, name))}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestBundledMissilePart(t *testing.T) {
	docs, err := corpus.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	got := Search(Extract(d), "missile part")
	if len(got) == 0 {
		t.Fatal("got no statements, want the foreign minister's")
	}
	s := got[0]
	if s.Speaker != "Hossein Amirabdollahian" || s.Role != "Iranian Foreign Minister" || s.Via != "IRNA" || s.Kind != Direct {
		t.Errorf("got %s, want Hossein Amirabdollahian (Iranian Foreign Minister) via IRNA, direct", describeStatement(s))
	}
	if !strings.Contains(s.Quote, "the missile part is completely wrong") || d.Text[s.Start:s.End] != s.Quote {
		t.Errorf("got quote %q at [%d:%d], want the verbatim quote", s.Quote, s.Start, s.End)
	}
}

func BenchmarkExtract(b *testing.B) {
	d := loadDoc(b, "seed.txt")
	b.ReportAllocs()
	for b.Loop() {
		Extract(d)
	}
}

func describeStatement(s Statement) string {
	return s.Speaker + " (" + s.Role + ") via " + s.Via + ", " + s.Kind + ": " + s.Quote
}

func dump(stmts []Statement) string {
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString("  " + describeStatement(s) + "\n")
	}
	return b.String()
}
