package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/newsbot/storybot/store"
)

// LogQuestion inserts one question.
func (s *Store) LogQuestion(ctx context.Context, q store.Question) error {
	if err := store.CheckQuestion(q); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	q = q.Normalize(s.opt.Now)
	_, err := s.pool.Exec(ctx, "insert into questions (guild_id, text, resolved, key, abstained, at) values ($1, $2, $3, $4, $5, $6)",
		q.GuildID, q.Text, q.Resolved, q.Key, q.Abstained, q.At)
	if err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	return nil
}

// QuestionStats counts and groups in the database, as store.Tally does.
func (s *Store) QuestionStats(ctx context.Context, guildID string, since time.Time, top int) (store.QuestionStats, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return store.QuestionStats{}, fmt.Errorf("question stats: %w", err)
	}
	var st store.QuestionStats
	err := s.pool.QueryRow(ctx, `select count(*), count(*) filter (where not abstained), count(*) filter (where abstained)
		from questions where guild_id = $1 and at >= $2`, guildID, since).Scan(&st.Asked, &st.Answered, &st.Abstained)
	if err != nil {
		return st, fmt.Errorf("question stats: %w", err)
	}
	if top <= 0 {
		return st, nil
	}
	rows, err := s.pool.Query(ctx, `select key, count(*), max(at) from questions
		where guild_id = $1 and at >= $2 and abstained
		group by key order by count(*) desc, max(at) desc, key limit $3`, guildID, since, top)
	if err != nil {
		return st, fmt.Errorf("question stats: %w", err)
	}
	for rows.Next() {
		var g store.UnansweredGroup
		if err := rows.Scan(&g.Key, &g.Count, &g.Last); err != nil {
			rows.Close()
			return st, fmt.Errorf("question stats: %w", err)
		}
		st.Unanswered = append(st.Unanswered, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("question stats: %w", err)
	}
	for i := range st.Unanswered {
		g := &st.Unanswered[i]
		rows, err := s.pool.Query(ctx, `select text from questions
			where guild_id = $1 and at >= $2 and abstained and key = $3
			group by text order by max(at) desc limit $4`, guildID, since, g.Key, store.MaxWordings)
		if err != nil {
			return st, fmt.Errorf("question stats: %w", err)
		}
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				rows.Close()
				return st, fmt.Errorf("question stats: %w", err)
			}
			g.Wordings = append(g.Wordings, w)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return st, fmt.Errorf("question stats: %w", err)
		}
		if len(g.Wordings) > 0 {
			g.Question = g.Wordings[0]
		}
	}
	return st, nil
}
