package store

import (
	"context"
	"time"
)

// Reasons a member gives for a thumbs-down.
const (
	ReasonWrongAnswer = "wrong_answer"
	ReasonWrongSource = "wrong_source" // wrong or outdated source
	ReasonNoAnswer    = "no_answer"    // didn't answer the question
)

// Vote is one member's feedback on one answer.
type Vote struct {
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	// MessageID is the answer's message.
	MessageID string `json:"message_id"`
	MemberID  string `json:"member_id"`
	Helpful   bool   `json:"helpful"`
	// Reason is one of the Reason constants for a thumbs-down ("" until
	// the member says why).
	Reason    string     `json:"reason,omitempty"`
	Question  string     `json:"question"`
	Answer    string     `json:"answer"`
	Citations []Citation `json:"citations,omitempty"`
	At        time.Time  `json:"at"`
}

// FeedbackSummary counts the votes of a period, one per member per answer.
type FeedbackSummary struct {
	Helpful    int            `json:"helpful"`
	NotHelpful int            `json:"not_helpful"`
	Reasons    map[string]int `json:"reasons"`
}

// Feedback keeps votes: one per member per answer, changeable.
type Feedback interface {
	// RecordVote records v, replacing the member's earlier vote on the same
	// answer (its At defaults to now).
	RecordVote(ctx context.Context, v Vote) error
	// Votes returns the current votes on one answer, oldest first.
	Votes(ctx context.Context, guildID, channelID, messageID string) ([]Vote, error)
	// FeedbackSummary counts guildID's current votes cast at or after since.
	FeedbackSummary(ctx context.Context, guildID string, since time.Time) (FeedbackSummary, error)
}

// CheckVote reports whether v may be stored.
func CheckVote(v Vote) error {
	if err := CheckID("guild id", v.GuildID); err != nil {
		return err
	}
	for _, f := range [][2]string{{"channel id", v.ChannelID}, {"message id", v.MessageID}, {"member id", v.MemberID}} {
		if err := checkRequiredID(f[0], f[1]); err != nil {
			return err
		}
	}
	switch v.Reason {
	case "", ReasonWrongAnswer, ReasonWrongSource, ReasonNoAnswer:
	default:
		return invalid("unknown reason %q", v.Reason)
	}
	if v.Helpful && v.Reason != "" {
		return invalid("a helpful vote has no reason")
	}
	if err := checkText("question", v.Question, MaxQuestionBytes); err != nil {
		return err
	}
	if err := checkText("answer", v.Answer, MaxAnswerBytes); err != nil {
		return err
	}
	return checkCitations(v.Citations)
}

// AddVote counts v into s.
func (s *FeedbackSummary) AddVote(v Vote) {
	if v.Helpful {
		s.Helpful++
		return
	}
	s.NotHelpful++
	if v.Reason != "" {
		if s.Reasons == nil {
			s.Reasons = map[string]int{}
		}
		s.Reasons[v.Reason]++
	}
}
