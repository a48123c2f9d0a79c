package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// RecordVote upserts the member's vote on the answer.
func (s *Store) RecordVote(ctx context.Context, v store.Vote) error {
	if err := store.CheckVote(v); err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	if v.At.IsZero() {
		v.At = s.opt.Now()
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	_, err = s.pool.Exec(ctx, `
		insert into votes (guild_id, channel_id, message_id, member_id, helpful, reason, at, vote)
		values ($1, $2, $3, $4, $5, $6, $7, $8)
		on conflict (guild_id, channel_id, message_id, member_id) do update set
			helpful = excluded.helpful, reason = excluded.reason, at = excluded.at, vote = excluded.vote`,
		v.GuildID, v.ChannelID, v.MessageID, v.MemberID, v.Helpful, v.Reason, v.At, data)
	if err != nil {
		return fmt.Errorf("record vote: %w", err)
	}
	return nil
}

// Votes returns the votes on one answer in the order first cast.
func (s *Store) Votes(ctx context.Context, guildID, channelID, messageID string) ([]store.Vote, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	rows, err := s.pool.Query(ctx, `select vote from votes where guild_id = $1 and channel_id = $2 and message_id = $3
		order by first_seq`, guildID, channelID, messageID)
	if err != nil {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	vs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Vote, error) {
		var v store.Vote
		var data []byte
		if err := r.Scan(&data); err != nil {
			return v, err
		}
		return v, json.Unmarshal(data, &v)
	})
	if err != nil {
		return nil, fmt.Errorf("read votes: %w", err)
	}
	return vs, nil
}

// FeedbackSummary counts the guild's votes by kind in the database.
func (s *Store) FeedbackSummary(ctx context.Context, guildID string, since time.Time) (store.FeedbackSummary, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return store.FeedbackSummary{}, fmt.Errorf("summarise feedback: %w", err)
	}
	var sum store.FeedbackSummary
	rows, err := s.pool.Query(ctx, `select helpful, reason, count(*) from votes where guild_id = $1 and at >= $2
		group by helpful, reason`, guildID, since)
	if err != nil {
		return sum, fmt.Errorf("summarise feedback: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			v store.Vote
			n int
		)
		if err := rows.Scan(&v.Helpful, &v.Reason, &n); err != nil {
			return sum, fmt.Errorf("summarise feedback: %w", err)
		}
		for range n {
			sum.AddVote(v)
		}
	}
	if err := rows.Err(); err != nil {
		return sum, fmt.Errorf("summarise feedback: %w", err)
	}
	return sum, nil
}
