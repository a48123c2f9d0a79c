package rag

import (
	"strings"
	"sync"
	"time"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/answer"
	"github.com/newsbot/storybot/rag/index"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
)

// docAnalyses caches the story analyses of single documents, for the
// answerer: who said a sentence, and its resolved date. Only the documents
// an answer leads with are analysed, so the cost stays that of a few
// articles however large the corpus.
type docAnalyses struct {
	mu         sync.Mutex
	statements map[string][]whosaid.Statement // by document hash
	events     map[string][]timeline.Event
}

// maxAnalysedDocs bounds each cache; it is emptied when full.
const maxAnalysedDocs = 512

func (a *docAnalyses) statementsOf(d *corpus.Document) []whosaid.Statement {
	a.mu.Lock()
	s, ok := a.statements[d.Hash]
	a.mu.Unlock()
	if ok {
		return s
	}
	s = whosaid.Extract(d)
	a.mu.Lock()
	if a.statements == nil || len(a.statements) >= maxAnalysedDocs {
		a.statements = map[string][]whosaid.Statement{}
	}
	a.statements[d.Hash] = s
	a.mu.Unlock()
	return s
}

func (a *docAnalyses) eventsOf(d *corpus.Document) []timeline.Event {
	a.mu.Lock()
	ev, ok := a.events[d.Hash]
	a.mu.Unlock()
	if ok {
		return ev
	}
	ev = timeline.Extract(d)
	a.mu.Lock()
	if a.events == nil || len(a.events) >= maxAnalysedDocs {
		a.events = map[string][]timeline.Event{}
	}
	a.events[d.Hash] = ev
	a.mu.Unlock()
	return ev
}

// aids gives the extractive answerer the who-said coreference and the
// timeline's dates of the documents of ix.
func (e *Engine) aids(ix *index.Index) answer.Aids {
	return answer.Aids{
		Speaker: func(doc string, start, end int) (string, bool) {
			d, ok := e.documentOf(ix, doc)
			if !ok {
				return "", false
			}
			for _, s := range e.docAn.statementsOf(d) {
				if s.Start >= start && s.End <= end && isName(s.Speaker) {
					return s.Speaker, true
				}
			}
			return "", false
		},
		Date: func(doc string, start, end int) (string, string, bool) {
			d, ok := e.documentOf(ix, doc)
			if !ok {
				return "", "", false
			}
			for _, ev := range e.docAn.eventsOf(d) {
				if ev.Start == start && ev.End == end && ev.DateText != "" && strings.Contains(d.Text[start:end], ev.DateText) {
					resolved := ""
					if ev.Resolved {
						resolved = inWords(ev)
					}
					return ev.DateText, resolved, true
				}
			}
			return "", "", false
		},
	}
}

// isName reports whether a speaker as who-said resolved it is a name (it has
// a capitalised word), not a pronoun or a bare role.
func isName(s string) bool {
	for _, t := range lang.Tokenize(s) {
		if t.Upper && !lang.IsStopword(t.Word) {
			return true
		}
	}
	return false
}

// inWords writes an event's resolved date as a reader says it: "5 September
// 2022", "September 2022", "2022", with "before"/"after"/"about" as its
// precision says.
func inWords(ev timeline.Event) string {
	var s string
	for _, layout := range []struct{ in, out string }{{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
		if t, err := time.Parse(layout.in, ev.Date); err == nil {
			s = t.Format(layout.out)
			break
		}
	}
	if s == "" {
		return ""
	}
	switch ev.Precision {
	case timeline.Before:
		return "before " + s
	case timeline.After:
		return "after " + s
	case timeline.About:
		return "about " + s
	case timeline.Day:
		return "on " + s
	}
	return "in " + s
}
