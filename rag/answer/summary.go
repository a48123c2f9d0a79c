package answer

import (
	"sort"
	"strconv"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/index"
)

// maxSummaryDocs is how many articles a summary draws its lead sentences
// from.
const maxSummaryDocs = 3

// summaryKind tells a question asking for the gist of the story, and
// whether it asks for the latest of it: it has a summary cue ("tl;dr",
// "summarize", "the latest on …"), the rest of its words saying what about;
// or every content word is a summary word and it asks what the story or
// article is "about".
func summaryKind(toks []token) (summary, latest bool) {
	cue, about, story, topic := false, false, false, false
	for _, t := range toks {
		switch {
		case lang.Set("summary-cues").Has(t.Word):
			cue = true
			latest = latest || t.Word == "latest"
		case t.Word == "about":
			about = true
		case lang.Set("news-nouns").Has(t.Word):
			story = true
		case lang.Set("summary-words").Has(t.Word):
		case lang.IsStopword(t.Word) || determiners[t.Word] || auxiliaries[t.Word]:
		default:
			topic = true // a word of a topic: what to summarise, or a question about it
		}
	}
	if cue {
		return true, latest
	}
	return about && story && !topic, false
}

// summarize answers a summary question from the lead sentences of the
// articles the passages come from, best first (newest first for "the
// latest"), each cited; the lead quotes the first.
func summarize(q Question, passages []index.Passage) Answer {
	ans := Answer{Question: q.text, Mode: ModeExtractive, Citations: []Citation{}}
	var docs []index.Passage // one passage per document, best first
	seen := map[string]bool{}
	for _, p := range passages {
		if !seen[p.Doc] && len(p.Document.Sentences) > 0 {
			seen[p.Doc] = true
			docs = append(docs, p)
		}
	}
	if q.latest {
		sort.SliceStable(docs, func(i, j int) bool { return docs[i].Published.After(docs[j].Published) })
	}
	if len(docs) == 0 {
		ans.Abstained, ans.Text = true, Abstention
		return ans
	}
	docs = docs[:min(len(docs), maxSummaryDocs)]
	for i, p := range docs {
		ans.Citations = append(ans.Citations, citation(p, p.Document.Sentences[0], i+1))
	}
	first := candidate{doc: docs[0].Document, sentence: 0, toks: tokenize(docs[0].Document.Sentence(0))}
	plain := q
	plain.kind = askOther
	text := lead(plain, first, "1", Aids{})
	if d := docs[0].PublishedDate(); d != "" && q.latest {
		text = "**" + d + "**: " + text
	}
	ans.Text = text
	if len(docs) > 1 {
		var more []string
		for i := range docs[1:] {
			more = append(more, "["+strconv.Itoa(i+2)+"]")
		}
		ans.Text += " Also: " + strings.Join(more, " ")
	}
	return ans
}
