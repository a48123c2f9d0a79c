package rag

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"unsafe"

	"github.com/newsbot/storybot/rag/answer"
)

func TestVerify(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	d := loadCorpus(t, testCorpus)["port-alder-tram.md"]
	sentence := "The council expects twenty thousand passengers a day by the end of the year."
	start := strings.Index(d.Text, sentence)
	if start < 0 {
		t.Fatalf("test corpus has no sentence %q", sentence)
	}
	end := start + len(sentence)
	mayor := strings.Index(d.Text, "“a promise kept")
	tests := []struct {
		name   string
		c      Citation
		wantOK bool
		want   Citation // when wantOK
	}{
		{"right offsets", Citation{Doc: d.ID, Quote: sentence, Start: start, End: end}, true, Citation{Doc: d.ID, Quote: sentence, Start: start, End: end}},
		{"wrong offsets are corrected", Citation{Doc: d.ID, Quote: sentence, Start: 0, End: 10}, true, Citation{Doc: d.ID, Quote: sentence, Start: start, End: end}},
		{"offsets out of range are corrected", Citation{Doc: d.ID, Quote: sentence, Start: -5, End: 1 << 20}, true, Citation{Doc: d.ID, Quote: sentence, Start: start, End: end}},
		{"straight quotes become the document's", Citation{Doc: d.ID, Quote: `"a promise kept`}, true, Citation{Doc: d.ID, Quote: "a promise kept", Start: mayor + len("“"), End: mayor + len("“a promise kept")}},
		{"invented quote", Citation{Doc: d.ID, Quote: "The council expects a million passengers."}, false, Citation{}},
		{"quote from another document", Citation{Doc: "tessin-honey.md", Quote: sentence}, false, Citation{}},
		{"unknown document", Citation{Doc: "nope.md", Quote: sentence, Start: start, End: end}, false, Citation{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := verifyIn(e, tt.c)
			if ok != tt.wantOK {
				t.Fatalf("Verify(%+v): got ok %v, want %v", tt.c, ok, tt.wantOK)
			}
			if ok && got != tt.want {
				t.Errorf("Verify(%+v): got %+v, want %+v", tt.c, got, tt.want)
			}
			if ok && d.Text[got.Start:got.End] != got.Quote {
				t.Errorf("Verify: quote %q is not text[%d:%d] = %q", got.Quote, got.Start, got.End, d.Text[got.Start:got.End])
			}
		})
	}
}

func TestCheckedDropsInventedCitations(t *testing.T) {
	t.Parallel()
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	docs := loadCorpus(t, testCorpus)
	real := "The tournament drew 214 players from 19 countries."
	tests := []struct {
		name          string
		in            Answer
		wantQuotes    []string
		wantAbstained bool
	}{
		{
			name:       "real citation kept",
			in:         Answer{Text: "x [1]", Citations: []Citation{{N: 1, Doc: "northern-lights-chess.md", Quote: real}}},
			wantQuotes: []string{real},
		},
		{
			name:       "invented citation dropped",
			in:         Answer{Text: "x [1] [2]", Citations: []Citation{{N: 1, Doc: "northern-lights-chess.md", Quote: real}, {N: 2, Doc: "northern-lights-chess.md", Quote: "The tournament drew 9000 players."}}},
			wantQuotes: []string{real},
		},
		{
			name:          "only invented citations: abstain",
			in:            Answer{Text: "x [1]", Citations: []Citation{{N: 1, Doc: "northern-lights-chess.md", Quote: "Okonjo lost."}}},
			wantAbstained: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := answer.Check(slog.New(slog.DiscardHandler), tt.in, e.sourceText(e.ix))
			var quotes []string
			for _, c := range got.Citations {
				quotes = append(quotes, c.Quote)
			}
			if strings.Join(quotes, "|") != strings.Join(tt.wantQuotes, "|") {
				t.Errorf("got quotes %q, want %q", quotes, tt.wantQuotes)
			}
			if got.Abstained != tt.wantAbstained {
				t.Errorf("got abstained %v, want %v", got.Abstained, tt.wantAbstained)
			}
			if tt.wantAbstained && got.Text != Abstention {
				t.Errorf("got text %q, want the abstention", got.Text)
			}
			for _, c := range got.Citations {
				if d := docs[c.Doc]; d == nil || d.Text[c.Start:c.End] != c.Quote {
					t.Errorf("kept citation %+v is not the text of %s at its offsets", c, c.Doc)
				}
			}
		})
	}
}

// verifyIn verifies c against its document as the engine's check reads it.
func verifyIn(e *Engine, c Citation) (Citation, bool) {
	text, ok := e.sourceText(e.ix)(c.Doc)
	if !ok {
		return c, false
	}
	return answer.Verify(c, text)
}

// TestStoredCopyCheckedAgainstSource damages the index's copy of a document
// (as a flipped byte in the stored index would): an answer quoting the
// damaged sentence must not serve it as verbatim, since quotes are checked
// against the document as re-read from its file.
func TestStoredCopyCheckedAgainstSource(t *testing.T) {
	t.Parallel()
	dir := copyCorpus(t, testCorpus)
	data := t.TempDir()
	openEngine(t, Options{CorpusDir: dir, DataDir: data})
	e, _ := openEngine(t, Options{CorpusDir: dir, DataDir: data}) // documents from the stored index
	d, ok := e.ix.Document("tessin-honey.md")
	if !ok {
		t.Fatal("no tessin-honey.md in the index")
	}
	i := strings.Index(d.Text, "38 tonnes")
	if i < 0 {
		t.Fatal("test corpus changed: no '38 tonnes'")
	}
	d.Text = d.Text[:i] + "88" + d.Text[i+2:] // the stored copy now says 88
	a, err := e.Ask(context.Background(), "How much honey did the beekeepers collect?")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range a.Citations {
		if strings.Contains(c.Quote, "88 tonnes") {
			t.Errorf("served the damaged stored text as a quote: %q", c.Quote)
		}
	}
	if strings.Contains(a.Text, "88 tonnes") {
		t.Errorf("answer text carries the damaged stored text: %q", a.Text)
	}
}

// TestSourceCacheSharesText checks that a re-read source whose text is the
// indexed one is cached as the indexed string, not as a second copy.
func TestSourceCacheSharesText(t *testing.T) {
	e, _ := openEngine(t, Options{CorpusDir: testCorpus, DataDir: t.TempDir()})
	d := e.Documents()[0]
	text, ok := e.sources.read(d)
	if !ok || text != d.Text {
		t.Fatalf("read %s: got %v, want its indexed text", d.ID, ok)
	}
	if unsafe.StringData(text) != unsafe.StringData(d.Text) {
		t.Error("the cached source text is a copy of the indexed text")
	}
	if cached := e.sources.texts[d.ID].text; unsafe.StringData(cached) != unsafe.StringData(d.Text) {
		t.Error("the cache holds a copy of the indexed text")
	}
}
