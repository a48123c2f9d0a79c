package bot

import (
	"sync"

	"github.com/newsbot/storybot/rag"
)

// answerCacheSize bounds the answers kept for the Sources and Pin buttons.
const answerCacheSize = 1000

// answerCache keeps the latest public answers by message id, oldest evicted
// first.
type answerCache struct {
	mu    sync.Mutex
	byID  map[string]rag.Answer
	order []string
}

func newAnswerCache() *answerCache {
	return &answerCache{byID: map[string]rag.Answer{}}
}

func (c *answerCache) put(messageID string, a rag.Answer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byID[messageID]; !ok {
		c.order = append(c.order, messageID)
	}
	c.byID[messageID] = a
	for len(c.order) > answerCacheSize {
		delete(c.byID, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *answerCache) get(messageID string) (rag.Answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.byID[messageID]
	return a, ok
}
