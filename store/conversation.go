package store

import (
	"context"
	"time"
)

// ConversationKey names a conversation: a Discord thread or reply chain in
// a guild, or an id given on the command line (guild "").
type ConversationKey struct {
	GuildID string
	ID      string
}

// Turn is one question and its answer in a conversation.
type Turn struct {
	Question string `json:"question"`
	// Resolved is the standalone question actually answered.
	Resolved  string     `json:"resolved,omitempty"`
	Answer    string     `json:"answer"`
	Abstained bool       `json:"abstained,omitempty"`
	Citations []Citation `json:"citations,omitempty"`
	// Focus and Entities are what a later follow-up may refer to: the
	// words of what the question asked about, and the people and
	// organisations the answer named, most relevant first.
	Focus    []string  `json:"focus,omitempty"`
	Entities []Entity  `json:"entities,omitempty"`
	At       time.Time `json:"at"`
}

// Entity is a person or organisation an answer named. Its fields are
// rag/converse's Entity's, so either converts to the other.
type Entity struct {
	Name   string `json:"name"`
	Role   string `json:"role,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Gender string `json:"gender,omitempty"`
}

// Conversation is what is remembered of one conversation.
type Conversation struct {
	// Turns are the remembered turns, oldest first (at most
	// Options.MaxTurns), empty when the conversation is new or expired.
	Turns []Turn
	// Expired is true when the conversation had turns but its last one is
	// older than Options.ConversationTTL: the bot says a new one started.
	Expired bool
}

// Conversations keeps the last turns of each conversation.
type Conversations interface {
	// AppendTurn adds a turn (its At defaults to now), forgetting the
	// oldest beyond Options.MaxTurns. Appending to an expired conversation
	// starts it afresh.
	AppendTurn(ctx context.Context, key ConversationKey, t Turn) error
	// Conversation returns the conversation's live turns.
	Conversation(ctx context.Context, key ConversationKey) (Conversation, error)
	// PruneConversations forgets every conversation whose last turn is
	// older than Options.ConversationTTL; run it now and then.
	PruneConversations(ctx context.Context) error
}

// CheckTurn reports whether a turn may be stored under key.
func CheckTurn(key ConversationKey, t Turn) error {
	if err := CheckID("guild id", key.GuildID); err != nil {
		return err
	}
	if err := checkRequiredID("conversation id", key.ID); err != nil {
		return err
	}
	if err := checkText("question", t.Question, MaxQuestionBytes); err != nil {
		return err
	}
	if err := checkText("resolved question", t.Resolved, MaxQuestionBytes); err != nil {
		return err
	}
	if err := checkText("answer", t.Answer, MaxAnswerBytes); err != nil {
		return err
	}
	if len(t.Entities) > maxEntities || len(t.Focus) > maxEntities {
		return invalid("more than %d entities or focus words", maxEntities)
	}
	for _, f := range t.Focus {
		if err := checkText("focus", f, maxFieldBytes); err != nil {
			return err
		}
	}
	for _, e := range t.Entities {
		for _, f := range []string{e.Name, e.Role, e.Kind, e.Gender} {
			if err := checkText("entity", f, maxFieldBytes); err != nil {
				return err
			}
		}
	}
	return checkCitations(t.Citations)
}

// Live applies expiry to turns stored for a conversation (oldest first):
// implementations share it so both expire alike.
func Live(turns []Turn, o Options) Conversation {
	if len(turns) == 0 {
		return Conversation{}
	}
	if o.Now().Sub(turns[len(turns)-1].At) > o.ConversationTTL {
		return Conversation{Expired: true}
	}
	if len(turns) > o.MaxTurns {
		turns = turns[len(turns)-o.MaxTurns:]
	}
	return Conversation{Turns: turns}
}
