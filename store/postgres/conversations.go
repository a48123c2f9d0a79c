package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// AppendTurn adds the turn in a transaction that holds the conversation's
// advisory lock, so two replicas appending at once keep both turns.
func (s *Store) AppendTurn(ctx context.Context, key store.ConversationKey, t store.Turn) error {
	if err := store.CheckTurn(key, t); err != nil {
		return fmt.Errorf("record turn: %w", err)
	}
	if t.At.IsZero() {
		t.At = s.opt.Now()
	}
	data, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("record turn: %w", err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "select pg_advisory_xact_lock($1)", s.lockKey("conversation:"+key.GuildID+"/"+key.ID)); err != nil {
			return err
		}
		var last *time.Time
		if err := tx.QueryRow(ctx, "select max(at) from conversation_turns where guild_id = $1 and conversation_id = $2",
			key.GuildID, key.ID).Scan(&last); err != nil {
			return err
		}
		if last != nil && s.opt.Now().Sub(*last) > s.opt.ConversationTTL {
			if _, err := tx.Exec(ctx, "delete from conversation_turns where guild_id = $1 and conversation_id = $2", key.GuildID, key.ID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, "insert into conversation_turns (guild_id, conversation_id, at, turn) values ($1, $2, $3, $4)",
			key.GuildID, key.ID, t.At, data); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `delete from conversation_turns where guild_id = $1 and conversation_id = $2 and seq < (
				select seq from conversation_turns where guild_id = $1 and conversation_id = $2
				order by seq desc offset $3 - 1 limit 1)`,
			key.GuildID, key.ID, s.opt.MaxTurns)
		return err
	})
	if err != nil {
		return fmt.Errorf("record turn: %w", err)
	}
	return nil
}

// Conversation reads the last turns.
func (s *Store) Conversation(ctx context.Context, key store.ConversationKey) (store.Conversation, error) {
	if err := store.CheckTurn(key, store.Turn{}); err != nil {
		return store.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	rows, err := s.pool.Query(ctx, `select turn from conversation_turns where guild_id = $1 and conversation_id = $2
		order by seq desc limit $3`, key.GuildID, key.ID, s.opt.MaxTurns)
	if err != nil {
		return store.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	turns, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Turn, error) {
		var t store.Turn
		var data []byte
		if err := r.Scan(&data); err != nil {
			return t, err
		}
		return t, json.Unmarshal(data, &t)
	})
	if err != nil {
		return store.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	slices.Reverse(turns)
	return store.Live(turns, s.opt), nil
}

// PruneConversations deletes the turns of expired conversations.
func (s *Store) PruneConversations(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, `delete from conversation_turns t using (
			select guild_id, conversation_id from conversation_turns
			group by guild_id, conversation_id having max(at) < $1) old
		where t.guild_id = old.guild_id and t.conversation_id = old.conversation_id`,
		s.opt.Now().Add(-s.opt.ConversationTTL))
	if err != nil {
		return fmt.Errorf("prune conversations: %w", err)
	}
	return nil
}
