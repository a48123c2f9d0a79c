package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/store"
)

// FeedbackStore records members' votes on answers; store.Feedback is one.
type FeedbackStore interface {
	// RecordVote records a vote, replacing the member's earlier vote on
	// the same answer.
	RecordVote(ctx context.Context, v store.Vote) error
	// Votes returns the votes on one answer.
	Votes(ctx context.Context, guildID, channelID, messageID string) ([]store.Vote, error)
}

// Custom ids of the vote buttons: vote:up and vote:down under an answer,
// vote:why:<reason>:<answer message id> under the question why.
const (
	idVote   = "vote"
	voteUp   = "up"
	voteDown = "down"
	voteWhy  = "why"
)

// Replies to votes.
const (
	votedUpText   = "Thanks, noted 👍. You can change your vote with 👎."
	votedDownText = "Thanks, noted 👎. What was wrong? (optional)"
	goneText      = "Thanks. That answer is no longer available, so the vote was not kept."
)

// reasons are the answers to "what was wrong?", in the order shown.
var reasons = []string{store.ReasonWrongAnswer, store.ReasonWrongSource, store.ReasonNoAnswer}

// handleVote serves 👍, 👎 and the reason buttons. A vote is recorded with
// the question, the answer and its citations; a member's later vote on the
// same answer replaces the earlier one.
func (b *Bot) handleVote(ctx context.Context, i *discordgo.Interaction, r responder) error {
	if b.opts.Feedback == nil {
		_, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true})
		return err
	}
	parts := strings.Split(i.MessageComponentData().CustomID, ":")
	if len(parts) == 4 && parts[1] == voteWhy {
		return b.voteReason(ctx, i, r, parts[2], parts[3])
	}
	if len(parts) != 2 || (parts[1] != voteUp && parts[1] != voteDown) {
		_, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true})
		return err
	}
	helpful := parts[1] == voteUp
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	a, ok, err := b.answerFor(ctx, i)
	if err != nil {
		return err
	}
	if !ok {
		_, err := r.Send(ctx, message{Content: goneText, Ephemeral: true})
		return err
	}
	v := store.Vote{
		GuildID: i.GuildID, ChannelID: i.ChannelID, MessageID: i.Message.ID, MemberID: userOf(i).ID,
		Helpful: helpful, Question: clip(a.Question, store.MaxQuestionBytes), Answer: clip(a.Text, store.MaxAnswerBytes),
	}
	for _, c := range a.Citations {
		v.Citations = append(v.Citations, store.Citation(c))
	}
	if err := b.opts.Feedback.RecordVote(ctx, v); err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	if helpful {
		_, err = r.Send(ctx, message{Content: votedUpText, Ephemeral: true})
		return err
	}
	var row []discordgo.MessageComponent
	for _, reason := range reasons {
		row = append(row, discordgo.Button{Label: reasonLabel(reason), Style: discordgo.SecondaryButton,
			CustomID: idVote + ":" + voteWhy + ":" + reason + ":" + i.Message.ID})
	}
	_, err = r.Send(ctx, message{Content: votedDownText, Ephemeral: true, Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}})
	return err
}

// voteReason adds why to the member's 👎 on the answer messageID. A vote
// that is gone (the answer was deleted, or the vote changed to 👍) is
// acknowledged and dropped.
func (b *Bot) voteReason(ctx context.Context, i *discordgo.Interaction, r responder, reason, messageID string) error {
	known := false
	for _, x := range reasons {
		known = known || x == reason
	}
	if !known {
		_, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true})
		return err
	}
	votes, err := b.opts.Feedback.Votes(ctx, i.GuildID, i.ChannelID, messageID)
	if err != nil {
		return fmt.Errorf("read votes: %w", err)
	}
	member := userOf(i).ID
	for _, v := range votes {
		if v.MemberID != member || v.Helpful {
			continue
		}
		v.Reason = reason
		v.At = b.now()
		if err := b.opts.Feedback.RecordVote(ctx, v); err != nil {
			return fmt.Errorf("record vote: %w", err)
		}
		_, err := r.Send(ctx, message{Content: "Thanks, noted: " + reasonLabel(reason) + ".", Ephemeral: true})
		return err
	}
	_, err = r.Send(ctx, message{Content: goneText, Ephemeral: true})
	return err
}
