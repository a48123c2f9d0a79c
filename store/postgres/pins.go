package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// AddPin upserts the pin; re-pinning moves it to the front.
func (s *Store) AddPin(ctx context.Context, p store.Pin) error {
	if err := store.CheckPin(p); err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	if p.Status == "" {
		p.Status = store.PinCurrent
	}
	if p.PinnedAt.IsZero() {
		p.PinnedAt = s.opt.Now()
	}
	rec, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	_, err = s.pool.Exec(ctx, `
		insert into pins (guild_id, channel_id, message_id, pinned_at, status, checked_at, detail, record)
		values ($1, $2, $3, $4, $5, $6, $7, $8)
		on conflict (guild_id, channel_id, message_id) do update set
			seq = nextval(pg_get_serial_sequence('pins', 'seq')),
			pinned_at = excluded.pinned_at, status = excluded.status,
			checked_at = excluded.checked_at, detail = excluded.detail, record = excluded.record`,
		p.GuildID, p.ChannelID, p.MessageID, p.PinnedAt, p.Status, nullTime(p.CheckedAt), p.Detail, rec)
	if err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	return nil
}

const pinColumns = "record, status, checked_at, detail"

func scanPins(rows pgx.Rows) ([]store.Pin, error) {
	var out []store.Pin
	for rows.Next() {
		var (
			rec     []byte
			p       store.Pin
			checked *time.Time
		)
		if err := rows.Scan(&rec, &p.Status, &checked, &p.Detail); err != nil {
			return nil, err
		}
		status, detail := p.Status, p.Detail
		if err := json.Unmarshal(rec, &p); err != nil {
			return nil, err
		}
		p.Status, p.Detail, p.CheckedAt = status, detail, time.Time{}
		if checked != nil {
			p.CheckedAt = *checked
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// LatestPins reads the newest n pins of the guild through an index.
func (s *Store) LatestPins(ctx context.Context, guildID string, n int) ([]store.Pin, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	if n <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, "select "+pinColumns+" from pins where guild_id = $1 order by seq desc limit $2", guildID, n)
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	defer rows.Close()
	out, err := scanPins(rows)
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	return out, nil
}

// SetPinChecks updates every checked pin in one transaction.
func (s *Store) SetPinChecks(ctx context.Context, checks []store.PinCheck) error {
	if len(checks) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, c := range checks {
		b.Queue(`update pins set status = $4, checked_at = $5, detail = $6
			where guild_id = $1 and channel_id = $2 and message_id = $3`,
			c.Key.GuildID, c.Key.ChannelID, c.Key.MessageID, c.Status, nullTime(c.CheckedAt), c.Detail)
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("record pin checks: %w", err)
	}
	return nil
}

// EachPin streams every pin.
func (s *Store) EachPin(ctx context.Context, fn func(store.Pin) error) error {
	rows, err := s.pool.Query(ctx, "select "+pinColumns+" from pins order by guild_id, seq")
	if err != nil {
		return fmt.Errorf("list pins: %w", err)
	}
	pins, err := scanPins(rows)
	rows.Close()
	if err != nil {
		return fmt.Errorf("list pins: %w", err)
	}
	for _, p := range pins {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// CountPins counts the guild's pins pinned since.
func (s *Store) CountPins(ctx context.Context, guildID string, since time.Time) (int, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return 0, fmt.Errorf("count pins: %w", err)
	}
	var n int
	err := s.pool.QueryRow(ctx, "select count(*) from pins where guild_id = $1 and pinned_at >= $2", guildID, since).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count pins: %w", err)
	}
	return n, nil
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
