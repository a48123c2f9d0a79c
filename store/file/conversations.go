package file

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsbot/storybot/store"
)

func (s *Store) conversationPath(key store.ConversationKey) string {
	return s.path("conversations", name(key.GuildID), name(key.ID)+".json")
}

func readTurns(path string) ([]store.Turn, error) {
	var turns []store.Turn
	err := readJSON(path, &turns)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return turns, err
}

// AppendTurn rewrites the conversation's file with the new turn.
func (s *Store) AppendTurn(ctx context.Context, key store.ConversationKey, t store.Turn) error {
	if err := ctxErr(ctx, "record turn"); err != nil {
		return err
	}
	if err := store.CheckTurn(key, t); err != nil {
		return fmt.Errorf("record turn: %w", err)
	}
	if t.At.IsZero() {
		t.At = s.opt.Now()
	}
	err := s.write(func() error {
		path := s.conversationPath(key)
		turns, err := readTurns(path)
		if err != nil {
			return err
		}
		c := store.Live(turns, s.opt)
		turns = append(c.Turns, t)
		if len(turns) > s.opt.MaxTurns {
			turns = turns[len(turns)-s.opt.MaxTurns:]
		}
		return writeJSONAtomic(path, turns)
	})
	if err != nil {
		return fmt.Errorf("record turn: %w", err)
	}
	return nil
}

// Conversation reads the conversation's file.
func (s *Store) Conversation(ctx context.Context, key store.ConversationKey) (store.Conversation, error) {
	if err := ctxErr(ctx, "read conversation"); err != nil {
		return store.Conversation{}, err
	}
	if err := store.CheckTurn(key, store.Turn{}); err != nil {
		return store.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	turns, err := readTurns(s.conversationPath(key))
	if err != nil {
		return store.Conversation{}, fmt.Errorf("read conversation: %w", err)
	}
	return store.Live(turns, s.opt), nil
}

// PruneConversations removes the files of expired conversations.
func (s *Store) PruneConversations(ctx context.Context) error {
	paths, err := filepath.Glob(s.path("conversations", "*", "*.json"))
	if err != nil {
		return fmt.Errorf("prune conversations: %w", err)
	}
	err = s.write(func() error {
		for _, path := range paths {
			if err := ctx.Err(); err != nil {
				return err
			}
			turns, err := readTurns(path)
			if err != nil {
				continue // a file that does not parse is left for a person to look at
			}
			if store.Live(turns, s.opt).Expired || len(turns) == 0 {
				if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("prune conversations: %w", err)
	}
	return nil
}
