package bot

import (
	"context"

	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
)

// StorePins keeps the bot's pins in a store.Pins (the file store under
// DATA_DIR by default, or PostgreSQL), where the re-check after a corpus
// change finds them and records their status.
func StorePins(p store.Pins) PinStore { return storePins{p} }

type storePins struct{ p store.Pins }

func (s storePins) Append(ctx context.Context, r PinRecord) error {
	cs := make([]store.Citation, len(r.Citations))
	for i, c := range r.Citations {
		cs[i] = store.Citation(c)
	}
	return s.p.AddPin(ctx, store.Pin{
		Question: r.Question, Answer: r.Answer, Abstained: r.Abstained, Mode: r.Mode, Model: r.Model, Citations: cs,
		PinnedByID: r.PinnedByID, PinnedByName: r.PinnedByName, PinnedAt: r.PinnedAt,
		GuildID: r.GuildID, ChannelID: r.ChannelID, MessageID: r.MessageID,
	})
}

func (s storePins) Latest(ctx context.Context, guildID string, n int) ([]PinRecord, error) {
	if guildID == "" {
		return nil, nil
	}
	pins, err := s.p.LatestPins(ctx, guildID, n)
	if err != nil {
		return nil, err
	}
	out := make([]PinRecord, len(pins))
	for i, p := range pins {
		cs := make([]rag.Citation, len(p.Citations))
		for j, c := range p.Citations {
			cs[j] = rag.Citation(c)
		}
		out[i] = PinRecord{
			Question: p.Question, Answer: p.Answer, Abstained: p.Abstained, Mode: p.Mode, Model: p.Model, Citations: cs,
			PinnedByID: p.PinnedByID, PinnedByName: p.PinnedByName, PinnedAt: p.PinnedAt,
			GuildID: p.GuildID, ChannelID: p.ChannelID, MessageID: p.MessageID,
			Status: string(p.Status), Detail: p.Detail,
		}
	}
	return out, nil
}
