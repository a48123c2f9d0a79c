package timeline

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

// fixtures are the articles the package is checked against; "bundled" is the
// story that ships in the binary.
var fixtures = []struct {
	doc      string // file in testdata, or "bundled"
	expected string // file in testdata with the expected timeline, or ""
}{
	{"bundled", "seed.expected.json"},
	{"solar-lab.md", "solar-lab.expected.json"},
	{"port-ellery-ferry.md", "port-ellery-ferry.expected.json"},
	{"riverside-mill.txt", "riverside-mill.expected.json"},
	{"seed-raw.txt", ""},
}

func loadFixture(tb testing.TB, name string) *corpus.Document {
	tb.Helper()
	if name == "bundled" {
		docs, err := corpus.Bundled()
		if err != nil {
			tb.Fatalf("load bundled story: %v", err)
		}
		return docs[0]
	}
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	d, err := corpus.Parse(name, data)
	if err != nil {
		tb.Fatalf("parse %s: %v", name, err)
	}
	return d
}

func timelineOf(d *corpus.Document) []Event {
	events := Extract(d)
	Sort(events)
	return events
}

// TestExpected checks each fixture's sorted timeline against its hand-written
// expectation: the same events in the same order, with the same date and
// precision (and date_text where the expectation gives one).
func TestExpected(t *testing.T) {
	for _, f := range fixtures {
		if f.expected == "" {
			continue
		}
		t.Run(f.doc, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", f.expected))
			if err != nil {
				t.Fatal(err)
			}
			var exp struct {
				Timeline []struct {
					Date      string `json:"date"`
					Precision string `json:"precision"`
					DateText  string `json:"date_text"`
					About     string `json:"about"`
				} `json:"timeline"`
			}
			if err := json.Unmarshal(data, &exp); err != nil {
				t.Fatalf("read %s: %v", f.expected, err)
			}
			got := timelineOf(loadFixture(t, f.doc))
			if len(got) != len(exp.Timeline) {
				t.Errorf("got %d events, want %d", len(got), len(exp.Timeline))
			}
			for i := 0; i < len(got) && i < len(exp.Timeline); i++ {
				g, w := got[i], exp.Timeline[i]
				if g.Date != w.Date || g.Precision != w.Precision || (w.DateText != "" && g.DateText != w.DateText) {
					t.Errorf("event %d: got %s %s %q, want %s %s %q (%s)", i, g.Date, g.Precision, g.DateText, w.Date, w.Precision, w.DateText, w.About)
				}
			}
		})
	}
}

// TestGolden compares the full JSON of each fixture's timeline with a golden
// file; run with -update to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.doc, func(t *testing.T) {
			got, err := json.MarshalIndent(struct {
				Events []Event `json:"events"`
			}{timelineOf(loadFixture(t, f.doc))}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(f.doc, filepath.Ext(f.doc))+".json")
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
				t.Fatalf("read golden file (run go test -update to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("timeline of %s differs from %s:\ngot:\n%s\nwant:\n%s", f.doc, path, got, want)
			}
		})
	}
}

// TestEventInvariants checks what every event promises its callers.
func TestEventInvariants(t *testing.T) {
	layouts := map[int]bool{4: true, 7: true, 8: true, 10: true}
	for _, f := range fixtures {
		d := loadFixture(t, f.doc)
		for i, e := range Extract(d) {
			if got := d.Text[e.Start:e.End]; got != e.Quote {
				t.Errorf("%s event %d: got text at offsets %q, want the quote %q", f.doc, i, got, e.Quote)
			}
			if !strings.Contains(e.Quote, e.DateText) || (e.DateText == "" && e.Date != d.Published.Format(corpus.DateLayout)) {
				t.Errorf("%s event %d: got date text %q, want a part of %q, empty only for a publication-day lead", f.doc, i, e.DateText, e.Quote)
			}
			if e.Summary == "" || len(e.Summary) > MaxSummary {
				t.Errorf("%s event %d: got summary %q (%d bytes), want 1 to %d bytes", f.doc, i, e.Summary, len(e.Summary), MaxSummary)
			}
			if e.Resolved != (e.Date != "") || (e.Resolved && !layouts[len(e.Date)]) {
				t.Errorf("%s event %d: got date %q resolved %v, want an ISO date exactly when resolved", f.doc, i, e.Date, e.Resolved)
			}
			if e.Doc != d.ID || e.Title != d.Title {
				t.Errorf("%s event %d: got doc %q title %q, want %q %q", f.doc, i, e.Doc, e.Title, d.ID, d.Title)
			}
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	docs := []*corpus.Document{loadFixture(b, "bundled"), loadFixture(b, "solar-lab.md"), loadFixture(b, "port-ellery-ferry.md")}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			Extract(d)
		}
	}
}
