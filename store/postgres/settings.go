package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// Setting reads one setting.
func (s *Store) Setting(ctx context.Context, guildID, name string) (string, bool, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return "", false, fmt.Errorf("read setting: %w", err)
	}
	var v string
	err := s.pool.QueryRow(ctx, "select value from settings where guild_id = $1 and name = $2", guildID, name).Scan(&v)
	if isNoRows(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting: %w", err)
	}
	return v, true, nil
}

// SetSetting upserts (or, for the empty value, deletes) one setting.
func (s *Store) SetSetting(ctx context.Context, guildID, name, value string) error {
	if err := store.CheckSetting(guildID, name, value); err != nil {
		return fmt.Errorf("save setting: %w", err)
	}
	var err error
	if value == "" {
		_, err = s.pool.Exec(ctx, "delete from settings where guild_id = $1 and name = $2", guildID, name)
	} else {
		_, err = s.pool.Exec(ctx, `insert into settings (guild_id, name, value) values ($1, $2, $3)
			on conflict (guild_id, name) do update set value = excluded.value, updated_at = now()`, guildID, name, value)
	}
	if err != nil {
		return fmt.Errorf("save setting: %w", err)
	}
	return nil
}

// GuildSettings reads a guild's settings.
func (s *Store) GuildSettings(ctx context.Context, guildID string) (map[string]string, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	rows, err := s.pool.Query(ctx, "select name, value from settings where guild_id = $1", guildID)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	out := map[string]string{}
	var name, value string
	_, err = pgx.ForEachRow(rows, []any{&name, &value}, func() error {
		out[name] = value
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return out, nil
}
