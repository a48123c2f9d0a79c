package rag

import (
	"context"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/converse"
)

// Conversation types, defined by rag/converse.
type (
	// Turn is one earlier question of a conversation and who its answer
	// named (see converse.Turn).
	Turn = converse.Turn
	// Entity is a person or organisation an answer named (see
	// converse.Entity).
	Entity = converse.Entity
	// Resolution is a follow-up made standalone (see converse.Resolution).
	Resolution = converse.Resolution
)

// FollowUp is the answer to a question asked in a conversation.
type FollowUp struct {
	Answer Answer
	// Resolved is the standalone question actually answered, and how it
	// was found; Resolved.Changed is false when the question stood alone.
	Resolved Resolution
	// Turn is this question and its answer's entities, to append to the
	// conversation's history.
	Turn Turn
}

// Follow answers q in the context of the earlier turns of a conversation
// (oldest first): the follow-up is resolved into a standalone question
// (by the LLM when one is configured and the question may need the
// conversation, its rewrite checked; by rules otherwise, or when the
// model fails), that question is answered as by Ask, and the turn to
// remember is returned with it. With no history it is Ask.
func (e *Engine) Follow(ctx context.Context, history []Turn, q string) (FollowUp, error) {
	e = e.route(ctx)
	q, err := e.CheckQuestion(q)
	if err != nil {
		return FollowUp{}, err
	}
	var rewrite converse.RewriteFunc
	if e.opts.LLM != nil {
		rewrite = func(ctx context.Context, p converse.Prompt) (string, error) {
			return e.opts.LLM.Chat(ctx, p.System, p.User)
		}
	}
	res, err := converse.Follow(ctx, history, q, rewrite)
	if err != nil {
		if ctx.Err() != nil {
			return FollowUp{}, ctx.Err()
		}
		e.log.Info("follow-up rewrite not used; resolved by rules", "err", err)
	}
	ans, err := e.Ask(ctx, res.Question)
	if err != nil {
		return FollowUp{}, err
	}
	if ans.Question == "" {
		ans.Question = res.Question
	}
	return FollowUp{Answer: ans, Resolved: res, Turn: e.turnOf(res.Question, ans)}, nil
}

// turnOf is the turn a conversation remembers of an answered question: the
// question and the people and organisations its answer names or quotes.
func (e *Engine) turnOf(q string, ans Answer) Turn {
	var b strings.Builder
	b.WriteString(ans.Text)
	for _, c := range ans.Citations {
		b.WriteString(" ")
		b.WriteString(c.Quote)
	}
	e.mu.RLock()
	stmts := e.an.whoSaid(e.ix)
	e.mu.RUnlock()
	t := Turn{Question: q, Focus: converse.Focus(q)}
	if !ans.Abstained {
		t.Entities = askedFirst(converse.EntitiesFrom(b.String(), stmts), t.Focus)
	}
	return t
}

// askedFirst moves to the front, in their order, the entities whose role
// or name says what the question asked about: the answer to "Who is the
// lab's director?" is the director, whoever else the answer names first,
// and a later "his" means him.
func askedFirst(es []Entity, focus []string) []Entity {
	matches := func(e Entity) bool {
		for _, w := range lang.Words(e.Role + " " + e.Name) {
			for _, f := range focus {
				for _, fw := range lang.Words(f) {
					if !lang.IsStopword(fw) && lang.StemsMatch(w, fw) {
						return true
					}
				}
			}
		}
		return false
	}
	out := make([]Entity, 0, len(es))
	for _, e := range es {
		if matches(e) {
			out = append(out, e)
		}
	}
	for _, e := range es {
		if !matches(e) {
			out = append(out, e)
		}
	}
	return out
}
