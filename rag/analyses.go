package rag

import (
	"context"
	"strings"
	"sync"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/index"
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

func (a *analyses) timeline(ix *index.Index) []timeline.Event {
	a.eventsOnce.Do(func() { a.events = timeline.ExtractAll(ix.Documents()) })
	return a.events
}

func (a *analyses) whoSaid(ix *index.Index) []whosaid.Statement {
	a.statementsOnce.Do(func() {
		for _, d := range ix.Documents() {
			a.statements = append(a.statements, whosaid.Extract(d)...)
		}
	})
	return a.statements
}

// Timeline returns the dated events of the corpus in chronological order.
// A topic narrows them to the events told in the chunks retrieved for it.
func (e *Engine) Timeline(ctx context.Context, topic string) ([]timeline.Event, error) {
	e = e.route(ctx)
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
	spans, err := topicSpans(ctx, e.ix, topic)
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

// topicSpans retrieves the passages about a topic and returns their spans
// by document. Passages that share a word (or a synonym) with the topic
// count; if none does, the topicVectorK closest by vector do, so a
// paraphrased topic still finds something.
func topicSpans(ctx context.Context, ix *index.Index, topic string) (map[string][]corpus.Span, error) {
	passages, err := ix.Retrieve(ctx, topic, topicK)
	if err != nil {
		return nil, err
	}
	lexical := false
	for _, p := range passages {
		if p.BM25 > 0 {
			lexical = true
		}
	}
	out := make(map[string][]corpus.Span)
	for i, p := range passages {
		if lexical && p.BM25 == 0 || !lexical && i >= topicVectorK {
			continue
		}
		out[p.Doc] = append(out[p.Doc], p.Span)
	}
	return out, nil
}

// topicVectorK is how many passages a topic no passage shares a word with
// draws on: the vector signal alone is weak, so only the closest few.
const topicVectorK = 3

// maxSpeakers is how many speakers Speakers returns: Discord's autocomplete
// shows at most 25 choices.
const maxSpeakers = 25

// WhoSaid returns the statements matching query (words of a quote, matched
// fuzzily, or a speaker's name or role), best first; an empty query returns
// every statement grouped by speaker.
func (e *Engine) WhoSaid(ctx context.Context, query string) ([]whosaid.Statement, error) {
	e = e.route(ctx)
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
func (e *Engine) Speakers(ctx context.Context, prefix string) []string {
	e = e.route(ctx)
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
