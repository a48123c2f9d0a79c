package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// PutSource upserts the source, keeping when it was first added.
func (s *Store) PutSource(ctx context.Context, src store.Source) error {
	if err := store.CheckSource(src); err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	if src.Added.IsZero() {
		src.Added = s.opt.Now()
	}
	data, err := json.Marshal(src)
	if err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	_, err = s.pool.Exec(ctx, `insert into sources (guild_id, id, kind, added, source) values ($1, $2, $3, $4, $5)
		on conflict (guild_id, id) do update set kind = excluded.kind, source = excluded.source`,
		src.GuildID, src.ID, src.Kind, src.Added, data)
	if err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	return nil
}

func collectSources(rows pgx.Rows) ([]store.Source, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Source, error) {
		var (
			src   store.Source
			data  []byte
			added time.Time
		)
		if err := r.Scan(&data, &added); err != nil {
			return src, err
		}
		err := json.Unmarshal(data, &src)
		src.Added = added
		return src, err
	})
}

// Source reads one source.
func (s *Store) Source(ctx context.Context, key store.SourceKey) (store.Source, error) {
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return store.Source{}, fmt.Errorf("read source: %w", err)
	}
	rows, err := s.pool.Query(ctx, "select source, added from sources where guild_id = $1 and id = $2", key.GuildID, key.ID)
	if err != nil {
		return store.Source{}, fmt.Errorf("read source: %w", err)
	}
	ss, err := collectSources(rows)
	if err != nil {
		return store.Source{}, fmt.Errorf("read source: %w", err)
	}
	if len(ss) == 0 {
		return store.Source{}, fmt.Errorf("read %w", notFound("source", key.ID))
	}
	return ss[0], nil
}

// ListSources reads the guild's sources.
func (s *Store) ListSources(ctx context.Context, guildID string) ([]store.Source, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	rows, err := s.pool.Query(ctx, "select source, added from sources where guild_id = $1 order by added, seq", guildID)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	ss, err := collectSources(rows)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return ss, nil
}

// RemoveSource deletes the source and its seen keys.
func (s *Store) RemoveSource(ctx context.Context, key store.SourceKey) error {
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	note, err := json.Marshal(store.Change{Kind: store.ChangeSource, GuildID: key.GuildID, ID: key.ID})
	if err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "delete from sources where guild_id = $1 and id = $2", key.GuildID, key.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return notFound("source", key.ID)
		}
		if _, err := tx.Exec(ctx, "delete from feed_seen where guild_id = $1 and feed_id = $2", key.GuildID, key.ID); err != nil {
			return err
		}
		tag, err = tx.Exec(ctx, "delete from source_files where guild_id = $1 and id = $2", key.GuildID, key.ID)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		_, err = tx.Exec(ctx, "select pg_notify($1, $2)", s.channel, string(note))
		return err
	})
	if err != nil {
		return fmt.Errorf("remove source: %w", err)
	}
	return nil
}

// Feeds reads every guild's feeds.
func (s *Store) Feeds(ctx context.Context) ([]store.Source, error) {
	rows, err := s.pool.Query(ctx, "select source, added from sources where kind = 'feed' order by added, seq")
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	ss, err := collectSources(rows)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	return ss, nil
}

// MarkSeen inserts the keys, learning from the database which were new, so
// two replicas polling at once each get a key at most once between them.
func (s *Store) MarkSeen(ctx context.Context, feed store.SourceKey, keys []string) ([]string, error) {
	if err := store.CheckID("guild id", feed.GuildID); err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	if err := store.CheckSeenKeys(keys); err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	if len(keys) == 0 {
		return nil, nil
	}
	var inserted []string
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `insert into feed_seen (guild_id, feed_id, key)
			select $1, $2, k from unnest($3::text[]) with ordinality as u(k, n) order by n
			on conflict do nothing returning key`, feed.GuildID, feed.ID, keys)
		if err != nil {
			return err
		}
		inserted, err = pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `delete from feed_seen where guild_id = $1 and feed_id = $2 and seq < (
				select seq from feed_seen where guild_id = $1 and feed_id = $2
				order by seq desc offset $3 - 1 limit 1)`, feed.GuildID, feed.ID, store.MaxSeenKeys)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	// Report them in the order given.
	isNew := make(map[string]bool, len(inserted))
	for _, k := range inserted {
		isNew[k] = true
	}
	var fresh []string
	for _, k := range keys {
		if isNew[k] {
			fresh = append(fresh, k)
			delete(isNew, k)
		}
	}
	return fresh, nil
}

// PutSourceFile upserts the source's file and announces it.
func (s *Store) PutSourceFile(ctx context.Context, key store.SourceKey, data []byte) error {
	if err := store.CheckSourceFile(key, data); err != nil {
		return fmt.Errorf("save source file: %w", err)
	}
	hash := store.FileHash(data)
	note, err := json.Marshal(store.Change{Kind: store.ChangeSource, GuildID: key.GuildID, ID: key.ID, Hash: hash})
	if err != nil {
		return fmt.Errorf("save source file: %w", err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `insert into source_files (guild_id, id, hash, data) values ($1, $2, $3, $4)
			on conflict (guild_id, id) do update set hash = excluded.hash, data = excluded.data`,
			key.GuildID, key.ID, hash, data)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "select pg_notify($1, $2)", s.channel, string(note))
		return err
	})
	if err != nil {
		return fmt.Errorf("save source file: %w", err)
	}
	return nil
}

// SourceFile reads one source's file.
func (s *Store) SourceFile(ctx context.Context, key store.SourceKey) ([]byte, error) {
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return nil, fmt.Errorf("read source file: %w", err)
	}
	var data []byte
	err := s.pool.QueryRow(ctx, "select data from source_files where guild_id = $1 and id = $2", key.GuildID, key.ID).Scan(&data)
	if isNoRows(err) {
		return nil, fmt.Errorf("read %w", notFound("source file", key.ID))
	}
	if err != nil {
		return nil, fmt.Errorf("read source file: %w", err)
	}
	return data, nil
}

// SourceFileHashes reads the hash of the stored file of every source that
// has one.
func (s *Store) SourceFileHashes(ctx context.Context) (map[store.SourceKey]string, error) {
	rows, err := s.pool.Query(ctx, "select f.guild_id, f.id, f.hash from source_files f join sources s using (guild_id, id)")
	if err != nil {
		return nil, fmt.Errorf("list source files: %w", err)
	}
	out := make(map[store.SourceKey]string)
	var k store.SourceKey
	var hash string
	_, err = pgx.ForEachRow(rows, []any{&k.GuildID, &k.ID, &hash}, func() error {
		out[k] = hash
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list source files: %w", err)
	}
	return out, nil
}
