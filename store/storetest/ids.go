package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

// testBadIDs: a guild id no record could have is refused, not looked up.
func testBadIDs(t *testing.T, e env) {
	s := e.store(t)
	bad := strings.Repeat("9", store.MaxIDBytes+1)
	for name, call := range map[string]func() error{
		"LatestPins":      func() error { _, err := s.LatestPins(ctx(t), bad, 1); return err },
		"CountPins":       func() error { _, err := s.CountPins(ctx(t), bad, time.Time{}); return err },
		"Votes":           func() error { _, err := s.Votes(ctx(t), bad, "c", "m"); return err },
		"FeedbackSummary": func() error { _, err := s.FeedbackSummary(ctx(t), bad, time.Time{}); return err },
		"QuestionStats":   func() error { _, err := s.QuestionStats(ctx(t), bad, time.Time{}, 1); return err },
		"Conversation": func() error {
			_, err := s.Conversation(ctx(t), store.ConversationKey{GuildID: bad, ID: "t"})
			return err
		},
		"Source":       func() error { _, err := s.Source(ctx(t), store.SourceKey{GuildID: bad, ID: "s"}); return err },
		"ListSources":  func() error { _, err := s.ListSources(ctx(t), bad); return err },
		"RemoveSource": func() error { return s.RemoveSource(ctx(t), store.SourceKey{GuildID: bad, ID: "s"}) },
		"MarkSeen": func() error {
			_, err := s.MarkSeen(ctx(t), store.SourceKey{GuildID: bad, ID: "f"}, []string{"k"})
			return err
		},
		"Setting":       func() error { _, _, err := s.Setting(ctx(t), bad, "x"); return err },
		"GuildSettings": func() error { _, err := s.GuildSettings(ctx(t), bad); return err },
		"Article":       func() error { _, err := s.Article(ctx(t), store.ArticleKey{GuildID: bad, ID: "a"}); return err },
		"ArticleHash":   func() error { _, err := s.ArticleHash(ctx(t), store.ArticleKey{GuildID: bad, ID: "a"}); return err },
		"ArticleHashes": func() error { _, err := s.ArticleHashes(ctx(t), bad); return err },
		"DeleteArticle": func() error { return s.DeleteArticle(ctx(t), store.ArticleKey{GuildID: bad, ID: "a"}) },
	} {
		if err := call(); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s with an over-long guild id: got %v, want ErrInvalid", name, err)
		}
	}
}
