package rag

import (
	"context"
	"strings"
	"sync"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
)

// topicK is how many chunks a timeline topic draws its events from.
const topicK = 12

// analyses caches what the story analyses extract from the indexed
// documents. They are computed on first use after a sync, not at start-up, so
// a restart stays fast however large the corpus.
type analyses struct {
	eventsOnce sync.Once
	events     []timeline.Event

	statementsOnce sync.Once
	statements     []whosaid.Statement
}

func (a *analyses) timeline(ix *Index) []timeline.Event {
	a.eventsOnce.Do(func() { a.events = timeline.ExtractAll(ix.docs) })
	return a.events
}

func (a *analyses) whoSaid(ix *Index) []whosaid.Statement {
	a.statementsOnce.Do(func() {
		for _, d := range ix.docs {
			a.statements = append(a.statements, whosaid.Extract(d)...)
		}
	})
	return a.statements
}

// Timeline returns the dated events of the corpus in chronological order.
// A topic narrows them to the events told in the chunks retrieved for it.
func (e *Engine) Timeline(ctx context.Context, topic string) ([]timeline.Event, error) {
	topic, err := e.cleanInput(topic, "topic")
	if err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	events := e.an.timeline(e.ix)
	if topic == "" {
		return events, nil
	}
	spans, err := e.ix.topicSpans(ctx, topic)
	if err != nil {
		return nil, err
	}
	return timeline.Filter(events, func(ev timeline.Event) bool {
		for _, s := range spans[ev.Doc] {
			if ev.Start < s.End && ev.End > s.Start {
				return true
			}
		}
		return false
	}), nil
}

// topicSpans retrieves the chunks about a topic and returns their spans by
// document. Chunks that share a word (or a synonym) with the topic count; if
// none does, the closest chunks by vector do, so a paraphrased topic still
// finds something.
func (ix *Index) topicSpans(ctx context.Context, topic string) (map[string][]corpus.Span, error) {
	hits, err := ix.Retrieve(ctx, topic, topicK)
	if err != nil {
		return nil, err
	}
	lexical := false
	for _, h := range hits {
		if h.BM25 > 0 {
			lexical = true
		}
	}
	out := make(map[string][]corpus.Span)
	for i, h := range hits {
		if lexical && h.BM25 == 0 || !lexical && i >= 3 {
			continue
		}
		ref := ix.chunks[h.slot]
		id := ix.docs[ref.Doc].ID
		out[id] = append(out[id], ref.Span)
	}
	return out, nil
}

// maxSpeakers is how many speakers Speakers returns: Discord's autocomplete
// shows at most 25 choices.
const maxSpeakers = 25

// WhoSaid returns the statements matching query (words of a quote, matched
// fuzzily, or a speaker's name or role), best first; an empty query returns
// every statement grouped by speaker.
func (e *Engine) WhoSaid(ctx context.Context, query string) ([]whosaid.Statement, error) {
	query, err := e.cleanInput(query, "query")
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	return whosaid.Search(e.an.whoSaid(e.ix), query), nil
}

// Speakers returns the known speakers whose name or role contains prefix
// (case-insensitive), in order of first appearance, for autocomplete.
func (e *Engine) Speakers(_ context.Context, prefix string) []string {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	e.mu.RLock()
	defer e.mu.RUnlock()
	var out []string
	for _, s := range whosaid.Speakers(e.an.whoSaid(e.ix)) {
		if len(out) == maxSpeakers {
			break
		}
		if prefix == "" || strings.Contains(strings.ToLower(s.Name), prefix) || strings.Contains(strings.ToLower(s.Role), prefix) {
			out = append(out, s.Name)
		}
	}
	return out
}
