package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Gateway sharding: Discord requires a bot in many servers to spread its
// gateway connections over shards, each carrying the events of the guilds
// with (guild_id >> 22) % count == id. Options.ShardCount names the shards
// of this process; with none, Run asks /gateway/bot for the recommended
// count and runs every shard itself.

// identifyInterval is how long Discord wants between two identifies of the
// same rate-limit bucket (max_concurrency of them may start at once).
const identifyInterval = 5 * time.Second

// shardPlan is the shards one process runs.
type shardPlan struct {
	ids            []int
	count          int
	maxConcurrency int
}

// plan decides the shards: Options.ShardID of ShardCount when set, else
// every shard of Discord's recommended count.
func (b *Bot) plan(ctx context.Context, s *discordgo.Session) (shardPlan, error) {
	if b.opts.ShardCount > 0 {
		return shardPlan{ids: []int{b.opts.ShardID}, count: b.opts.ShardCount, maxConcurrency: 1}, nil
	}
	gb, err := s.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		return shardPlan{}, fmt.Errorf("ask Discord for the shard count (/gateway/bot): %w", err)
	}
	p := shardPlan{count: max(gb.Shards, 1), maxConcurrency: max(gb.SessionStartLimit.MaxConcurrency, 1)}
	for id := range p.count {
		p.ids = append(p.ids, id)
	}
	return p, nil
}

// identifyWait waits before identifying the n-th shard of a plan (from 0):
// after every maxConcurrency of them, identifyInterval. It reports false
// when ctx ended first.
func (p shardPlan) identifyWait(ctx context.Context, n int) bool {
	if n == 0 || n%p.maxConcurrency != 0 {
		return true
	}
	t := time.NewTimer(identifyInterval)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
