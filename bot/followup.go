package bot

import (
	"context"
	"fmt"
	"io"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
)

// Follower answers a question in the context of a conversation's earlier
// turns; rag.Engine is one. The bot continues conversations (Follow up,
// threads, replies) when its Engine is also a Follower and Options has a
// conversation store.
type Follower interface {
	Follow(ctx context.Context, history []rag.Turn, q string) (rag.FollowUp, error)
}

// ConversationStore keeps the turns of conversations; store.Conversations
// is one.
type ConversationStore interface {
	AppendTurn(ctx context.Context, key store.ConversationKey, t store.Turn) error
	Conversation(ctx context.Context, key store.ConversationKey) (store.Conversation, error)
}

// QuestionLog records every question asked, for /stats; store.Questions is
// one.
type QuestionLog interface {
	LogQuestion(ctx context.Context, q store.Question) error
}

// Turned is the answer to the next turn of a conversation.
type Turned struct {
	rag.FollowUp
	// Expired says the conversation had expired: this turn began a new one.
	Expired bool
}

// Converse answers q as the next turn of the conversation key: its live
// turns are read from convs, q is resolved against them and answered, and
// the turn is appended. A conversation past its time to live starts again
// from this turn, and Expired says so. The turn is recorded even when the
// answer abstained, so a rephrased follow-up still has its context.
func Converse(ctx context.Context, f Follower, convs ConversationStore, key store.ConversationKey, q string) (Turned, error) {
	c, err := convs.Conversation(ctx, key)
	if err != nil {
		return Turned{}, fmt.Errorf("read conversation: %w", err)
	}
	history := make([]rag.Turn, 0, len(c.Turns))
	for _, t := range c.Turns {
		history = append(history, turnFromStore(t))
	}
	fu, err := f.Follow(ctx, history, q)
	if err != nil {
		return Turned{}, err
	}
	if err := convs.AppendTurn(ctx, key, turnToStore(q, fu)); err != nil {
		return Turned{}, fmt.Errorf("record turn: %w", err)
	}
	return Turned{FollowUp: fu, Expired: c.Expired}, nil
}

// turnFromStore is a stored turn as the resolver reads it: its standalone
// question and who its answer named.
func turnFromStore(t store.Turn) rag.Turn {
	q := t.Resolved
	if q == "" {
		q = t.Question
	}
	out := rag.Turn{Question: q, Focus: t.Focus}
	for _, e := range t.Entities {
		out.Entities = append(out.Entities, rag.Entity(e))
	}
	return out
}

// turnToStore is the record of an answered turn.
func turnToStore(typed string, fu rag.FollowUp) store.Turn {
	t := store.Turn{
		Question:  clip(typed, store.MaxQuestionBytes),
		Answer:    clip(fu.Answer.Text, store.MaxAnswerBytes),
		Abstained: fu.Answer.Abstained,
		Focus:     fu.Turn.Focus,
	}
	if fu.Resolved.Changed {
		t.Resolved = clip(fu.Resolved.Question, store.MaxQuestionBytes)
	}
	for _, c := range fu.Answer.Citations {
		t.Citations = append(t.Citations, store.Citation(c))
	}
	for _, e := range fu.Turn.Entities {
		t.Entities = append(t.Entities, store.Entity(e))
	}
	if len(t.Entities) > maxTurnEntities {
		t.Entities = t.Entities[:maxTurnEntities]
	}
	if len(t.Focus) > maxTurnEntities {
		t.Focus = t.Focus[:maxTurnEntities]
	}
	return t
}

// maxTurnEntities is how many entities and focus words a turn keeps: the
// resolver looks at the first few, and the store takes at most 64.
const maxTurnEntities = 32

// clip cuts s to at most n bytes, between runes.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}

// LogQuestion records a question and whether it was answered, under the
// standalone question when it was resolved; a failure is the caller's to
// log, never the member's problem.
func LogQuestion(ctx context.Context, log QuestionLog, guildID, typed string, a rag.Answer, resolved string) error {
	q := store.Question{GuildID: guildID, Text: clip(typed, store.MaxQuestionBytes), Abstained: a.Abstained}
	if resolved != "" && resolved != typed {
		q.Resolved = clip(resolved, store.MaxQuestionBytes)
	}
	if err := log.LogQuestion(ctx, q); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	return nil
}

// expiredText tells a member their earlier conversation had expired.
const expiredText = "Your earlier conversation here had expired (conversations last a day), so this question starts a new one."

// resolvedNote is the small line under an answer saying what was answered.
func resolvedNote(resolved string) string {
	return "Answered as: " + oneLine(resolved)
}

// FollowUpEmbed renders the answer to a turn of a conversation: the answer
// as AnswerEmbed shows it, with the standalone question that was answered
// in the footer, small under the answer, when it differs from what was
// typed.
func FollowUpEmbed(t Turned) *discordgo.MessageEmbed {
	return followUpEmbed(t, forDiscord)
}

func followUpEmbed(t Turned, l layout) *discordgo.MessageEmbed {
	e := answerEmbed(t.Answer, l)
	if t.Resolved.Changed {
		// Footers render no markdown and no mentions: the question shows
		// as written.
		e.Footer.Text = resolvedNote(t.Resolved.Question) + " · " + e.Footer.Text
		if l == forDiscord {
			e.Footer.Text = truncate(e.Footer.Text, maxFooter)
		}
	}
	return e
}

// WriteFollowUp writes the answer to a turn for a terminal as
// FollowUpEmbed shows it, after a note when the conversation had expired.
func WriteFollowUp(w io.Writer, t Turned) error {
	s := EmbedText(followUpEmbed(t, forTerminal))
	if t.Expired {
		s = expiredText + "\n" + s
	}
	_, err := io.WriteString(w, s)
	return err
}
