package file

import (
	"context"
	"fmt"
	"time"

	"github.com/newsbot/storybot/store"
)

func (s *Store) questionPath(guildID string) string {
	return s.path("questions", name(guildID)+".jsonl")
}

// LogQuestion appends q to its guild's log.
func (s *Store) LogQuestion(ctx context.Context, q store.Question) error {
	if err := ctxErr(ctx, "log question"); err != nil {
		return err
	}
	if err := store.CheckQuestion(q); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	q = q.Normalize(s.opt.Now)
	if err := s.write(func() error { return s.appendLine(s.questionPath(q.GuildID), q) }); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	return nil
}

// QuestionStats tallies the guild's log from its end back to the first
// question asked before since, so a short period costs little however long
// the log.
func (s *Store) QuestionStats(ctx context.Context, guildID string, since time.Time, top int) (store.QuestionStats, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return store.QuestionStats{}, fmt.Errorf("question stats: %w", err)
	}
	var qs []store.Question
	err := readLinesBackward(s.questionPath(guildID), func(q store.Question) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if q.At.Before(since) {
			return errStop
		}
		qs = append(qs, q)
		return nil
	})
	if err != nil {
		return store.QuestionStats{}, fmt.Errorf("question stats: %w", err)
	}
	return store.Tally(qs, top), nil
}
