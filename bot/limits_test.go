package bot

import (
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/whosaid"
)

func TestTruncate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"short stays", "hello", 10, "hello"},
		{"exact stays", "hello", 5, "hello"},
		{"cut with ellipsis", "abcdefghij", 5, "abcd…"},
		{"cuts between runes", "ééééé", 3, "éé…"},
		{"counts astral runes twice", "😀😀😀", 4, "😀…"},
		{"prefers word end", "the quick brown fox jumps", 21, "the quick brown fox…"},
		{"zero", "abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := truncate(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if textLen(got) > tt.max {
				t.Errorf("got %d units, limit %d", textLen(got), tt.max)
			}
		})
	}
}

func TestAnswerEmbedLimits(t *testing.T) {
	t.Parallel()
	cite := func(n int, title, quote string) rag.Citation {
		return rag.Citation{N: n, Title: title, Published: "2022-11-05", Quote: quote}
	}
	many := func(n int, quote string) []rag.Citation {
		var cs []rag.Citation
		for i := 1; i <= n; i++ {
			cs = append(cs, cite(i, "A title", quote))
		}
		return cs
	}
	tests := []struct {
		name string
		a    rag.Answer
	}{
		{"short", viennaAnswer},
		{"huge text", rag.Answer{Question: "q", Text: strings.Repeat("word ", 3000), Citations: many(2, "quote")}},
		{"huge question", rag.Answer{Question: strings.Repeat("why ", 300), Text: "t"}},
		{"thirty long citations", rag.Answer{Question: "q", Text: strings.Repeat("x", 4000), Citations: many(30, strings.Repeat("long quote ", 300))}},
		{"long titles", rag.Answer{Question: "q", Text: "t", Citations: []rag.Citation{cite(1, strings.Repeat("T", 1000), "q")}}},
		{"emoji everywhere", rag.Answer{Question: strings.Repeat("😀", 300), Text: strings.Repeat("😀", 5000), Citations: many(25, strings.Repeat("😀", 2000))}},
		{"abstained", rag.Answer{Question: "q", Abstained: true, Text: strings.Repeat("no ", 3000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := AnswerEmbed(tt.a)
			assertEmbedLimits(t, e)
			if e.Footer == nil || !strings.HasPrefix(e.Footer.Text, "Answered by") {
				t.Errorf("footer lost: %+v", e.Footer)
			}
			if len(tt.a.Citations) > 0 && len(e.Fields) == 0 {
				t.Errorf("all sources dropped")
			}
			if hidden := len(tt.a.Citations) - len(e.Fields); hidden > 0 && !strings.Contains(e.Footer.Text, strconv.Itoa(hidden)+" more sources not shown") {
				t.Errorf("%d sources hidden, footer %q does not say so", hidden, e.Footer.Text)
			}
			if textLen(e.Description) < min(textLen(tt.a.Text), descFloor)-1 { // -1: a cut never splits a surrogate pair
				t.Errorf("description cut to %d before the sources gave way", textLen(e.Description))
			}
		})
	}
}

func TestSourcesMessagesSplit(t *testing.T) {
	t.Parallel()
	var cs []rag.Citation
	for i := 1; i <= 12; i++ {
		cs = append(cs, rag.Citation{N: i, Title: "T", Quote: strings.Repeat("passage ", 200)})
	}
	msgs := sourcesMessages(rag.Answer{Question: "q", Citations: cs})
	if len(msgs) < 2 {
		t.Fatalf("got %d messages, want the passages split", len(msgs))
	}
	all := ""
	for _, m := range msgs {
		if !m.Ephemeral {
			t.Errorf("sources message not ephemeral")
		}
		for _, e := range m.Embeds {
			assertEmbedLimits(t, e)
			all += e.Description
		}
	}
	for i := 1; i <= 12; i++ {
		if !strings.Contains(all, "**["+strconv.Itoa(i)+"] T**") {
			t.Errorf("source %d missing", i)
		}
	}
}

func TestWhoSaidEmbedLimits(t *testing.T) {
	t.Parallel()
	var st []whosaid.Statement
	for i := 0; i < 40; i++ {
		st = append(st, whosaid.Statement{Speaker: strings.Repeat("Name ", 30), Role: strings.Repeat("Role ", 30), Via: "IRNA",
			Kind: whosaid.Direct, Quote: strings.Repeat("said words ", 150), Title: "A title"})
	}
	e := WhoSaidEmbed("words", st)
	assertEmbedLimits(t, e)
	want := "Showing " + strconv.Itoa(len(e.Fields)) + " of 40 statements"
	if !strings.HasPrefix(e.Footer.Text, want) {
		t.Errorf("footer = %q, want it to start %q", e.Footer.Text, want)
	}
	for _, f := range e.Fields {
		if !strings.HasSuffix(f.Value, "— *A title*") {
			t.Errorf("statement lost its source: %q", f.Value[max(0, len(f.Value)-40):])
		}
	}
}

func TestTimelineWithoutPaging(t *testing.T) {
	t.Parallel()
	topic := strings.Repeat("very long topic ", 10) // too long for a custom id
	m := timelineMessage(topic, sampleEvents(25), 0)
	if len(m.Components) != 0 {
		t.Errorf("buttons for a topic that does not fit a custom id")
	}
	if f := m.Embeds[0].Footer.Text; !strings.Contains(f, "15 more events") {
		t.Errorf("footer = %q, want a count of the rest", f)
	}
	assertEmbedLimits(t, m.Embeds[0])
}

func assertEmbedLimits(t *testing.T, e *discordgo.MessageEmbed) {
	t.Helper()
	check := func(what, s string, max int) {
		if n := textLen(s); n > max {
			t.Errorf("%s is %d long, limit %d", what, n, max)
		}
	}
	check("title", e.Title, maxEmbedTitle)
	check("description", e.Description, maxEmbedDescription)
	if len(e.Fields) > maxFields {
		t.Errorf("%d fields", len(e.Fields))
	}
	for _, f := range e.Fields {
		check("field name", f.Name, maxFieldName)
		check("field value", f.Value, maxFieldValue)
		if f.Name == "" || f.Value == "" {
			t.Errorf("empty field %+v", f)
		}
	}
	if n := embedTotal(e); n > maxEmbedTotal {
		t.Errorf("total %d, limit %d", n, maxEmbedTotal)
	}
}

func TestAbstainedEmbedSaysItOnce(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", rag.Abstention, "Nothing in the articles covers this."} {
		e := AnswerEmbed(rag.Answer{Question: "q", Abstained: true, Text: text, Mode: rag.ModeExtractive})
		if n := strings.Count(e.Description, "The sources don't say"); n != 1 {
			t.Errorf("text %q: got description %q, want the abstention said once", text, e.Description)
		}
		if text != "" && !strings.Contains(e.Description, strings.TrimPrefix(text, "The sources don't say.")) {
			t.Errorf("text %q: got description %q, want the engine's words kept", text, e.Description)
		}
	}
}
