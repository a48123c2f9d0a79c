package file

import (
	"context"
	"fmt"
	"time"

	"github.com/newsbot/storybot/store"
)

func (s *Store) votePath(guildID string) string {
	return s.path("votes", name(guildID)+".jsonl")
}

type voteKey struct{ channel, message, member string }

// RecordVote appends the vote; the latest per member and answer counts.
func (s *Store) RecordVote(ctx context.Context, v store.Vote) error {
	if err := ctxErr(ctx, "record vote"); err != nil {
		return err
	}
	if err := store.CheckVote(v); err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	if v.At.IsZero() {
		v.At = s.opt.Now()
	}
	if err := s.write(func() error { return s.appendLine(s.votePath(v.GuildID), v) }); err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	return nil
}

// currentVotes returns the latest vote of each member on each answer of
// the guild that keep passes, in the order first cast.
func (s *Store) currentVotes(ctx context.Context, guildID string, keep func(store.Vote) bool) ([]store.Vote, error) {
	var out []store.Vote
	at := map[voteKey]int{}
	err := readLines(s.votePath(guildID), func(v store.Vote) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !keep(v) {
			return nil
		}
		k := voteKey{v.ChannelID, v.MessageID, v.MemberID}
		if i, ok := at[k]; ok {
			out[i] = v
			return nil
		}
		at[k] = len(out)
		out = append(out, v)
		return nil
	})
	return out, err
}

// Votes returns the current votes on one answer.
func (s *Store) Votes(ctx context.Context, guildID, channelID, messageID string) ([]store.Vote, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	vs, err := s.currentVotes(ctx, guildID, func(v store.Vote) bool {
		return v.ChannelID == channelID && v.MessageID == messageID
	})
	if err != nil {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	return vs, nil
}

// FeedbackSummary counts the guild's current votes cast since, reading its
// log from the end back to the first vote cast before since: the first
// line met of each member and answer is their current vote.
func (s *Store) FeedbackSummary(ctx context.Context, guildID string, since time.Time) (store.FeedbackSummary, error) {
	var sum store.FeedbackSummary
	if err := store.CheckID("guild id", guildID); err != nil {
		return sum, fmt.Errorf("summarise feedback: %w", err)
	}
	seen := map[voteKey]bool{}
	err := readLinesBackward(s.votePath(guildID), func(v store.Vote) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if v.At.Before(since) {
			return errStop
		}
		k := voteKey{v.ChannelID, v.MessageID, v.MemberID}
		if !seen[k] {
			seen[k] = true
			sum.AddVote(v)
		}
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("summarise feedback: %w", err)
	}
	return sum, nil
}
