package file

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/newsbot/storybot/internal/atomicfile"
	"github.com/newsbot/storybot/store"
)

// articleIndex is the file name of a guild's id → hash index.
const articleIndex = "index.json"

func (s *Store) articleDir(guildID string) string { return s.path("articles", name(guildID)) }

func (s *Store) articlePath(key store.ArticleKey) string {
	return filepath.Join(s.articleDir(key.GuildID), name(key.ID)+".gob")
}

func readArticleIndex(dir string) (map[string]string, error) {
	ix := map[string]string{}
	err := readJSON(filepath.Join(dir, articleIndex), &ix)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	return ix, err
}

// SaveArticle writes the article's file, then the guild's index.
func (s *Store) SaveArticle(ctx context.Context, a store.Article) error {
	if err := ctxErr(ctx, "save article"); err != nil {
		return err
	}
	if err := store.CheckArticle(a); err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	a.Saved = s.opt.Now()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(a); err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	err := s.write(func() error {
		if err := atomicfile.Write(s.articlePath(a.Key()), buf.Bytes()); err != nil {
			return err
		}
		ix, err := readArticleIndex(s.articleDir(a.GuildID))
		if err != nil {
			return err
		}
		ix[a.ID] = a.Hash
		return writeJSONAtomic(filepath.Join(s.articleDir(a.GuildID), articleIndex), ix)
	})
	if err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	s.hub.Publish(store.Change{Kind: store.ChangeSaved, GuildID: a.GuildID, ID: a.ID, Hash: a.Hash})
	return nil
}

// DeleteArticle removes the article's file and index entry.
func (s *Store) DeleteArticle(ctx context.Context, key store.ArticleKey) error {
	if err := ctxErr(ctx, "delete article"); err != nil {
		return err
	}
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	err := s.write(func() error {
		if err := os.Remove(s.articlePath(key)); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("article %q: %w", key.ID, store.ErrNotFound)
		} else if err != nil {
			return err
		}
		ix, err := readArticleIndex(s.articleDir(key.GuildID))
		if err != nil {
			return err
		}
		delete(ix, key.ID)
		return writeJSONAtomic(filepath.Join(s.articleDir(key.GuildID), articleIndex), ix)
	})
	if err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	s.hub.Publish(store.Change{Kind: store.ChangeDeleted, GuildID: key.GuildID, ID: key.ID})
	return nil
}

func readArticle(path string) (store.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Article{}, err
	}
	defer f.Close()
	var a store.Article
	err = gob.NewDecoder(f).Decode(&a)
	return a, err
}

// Article reads one article's file.
func (s *Store) Article(ctx context.Context, key store.ArticleKey) (store.Article, error) {
	if err := ctxErr(ctx, "read article"); err != nil {
		return store.Article{}, err
	}
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return store.Article{}, fmt.Errorf("read article: %w", err)
	}
	a, err := readArticle(s.articlePath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return store.Article{}, fmt.Errorf("read article %q: %w", key.ID, store.ErrNotFound)
	}
	if err != nil {
		return store.Article{}, fmt.Errorf("read article %q: %w", key.ID, err)
	}
	return a, nil
}

// ArticleHashes reads the guild's index.
func (s *Store) ArticleHashes(ctx context.Context, guildID string) (map[string]string, error) {
	if err := ctxErr(ctx, "read article hashes"); err != nil {
		return nil, err
	}
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read article hashes: %w", err)
	}
	ix, err := readArticleIndex(s.articleDir(guildID))
	if err != nil {
		return nil, fmt.Errorf("read article hashes: %w", err)
	}
	return ix, nil
}

// EachArticle reads every article file of every guild.
func (s *Store) EachArticle(ctx context.Context, fn func(store.Article) error) error {
	paths, err := filepath.Glob(s.path("articles", "*", "*.gob"))
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	sort.Strings(paths)
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		a, err := readArticle(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted meanwhile
		}
		if err != nil {
			return fmt.Errorf("read article %s: %w", path, err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// Subscribe follows this Store's own changes.
func (s *Store) Subscribe(ctx context.Context) (<-chan store.Change, error) {
	ch, _ := s.hub.Subscribe(ctx)
	return ch, nil
}

// TryLock takes an advisory lock on a file under locks/, so another Store
// or process on the same folder is kept out until unlock.
func (s *Store) TryLock(ctx context.Context, lockName string) (func(), bool, error) {
	if err := ctxErr(ctx, "take lock"); err != nil {
		return nil, false, err
	}
	path := s.path("locks", name(lockName)+".lock")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, false, fmt.Errorf("take lock %q: %w", lockName, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("take lock %q: %w", lockName, err)
	}
	if err := lockFile(f, false); errors.Is(err, errWouldBlock) {
		f.Close()
		return nil, false, nil
	} else if err != nil {
		f.Close()
		return nil, false, fmt.Errorf("take lock %q: %w", lockName, err)
	}
	return func() { unlockFile(f); f.Close() }, true, nil
}

func appendJSONString(buf []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(append(buf, b...), '\n')
}

// ArticleHash reads the guild's index.
func (s *Store) ArticleHash(ctx context.Context, key store.ArticleKey) (string, error) {
	ix, err := s.ArticleHashes(ctx, key.GuildID)
	if err != nil {
		return "", err
	}
	h, ok := ix[key.ID]
	if !ok {
		return "", fmt.Errorf("read article hash %q: %w", key.ID, store.ErrNotFound)
	}
	return h, nil
}
