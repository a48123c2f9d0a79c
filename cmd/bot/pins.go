package main

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
	"github.com/spf13/cobra"
)

// pinJSON is one pin in DESIGN's pins JSON.
type pinJSON struct {
	Guild     string           `json:"guild"`
	Channel   string           `json:"channel"`
	Message   string           `json:"message"`
	Question  string           `json:"question"`
	PinnedBy  string           `json:"pinned_by"`
	PinnedAt  string           `json:"pinned_at"`
	Status    string           `json:"status"`
	CheckedAt string           `json:"checked_at"`
	Detail    string           `json:"detail,omitempty"`
	Citations []store.Citation `json:"citations"`
}

// pinsCommand is `bot pins`: the pinned answers of every server, each
// re-checked against the corpus as it is now.
func (m *Main) pinsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "pins [--json]",
		Short: "Pinned answers and whether their quotes still stand in the sources",
		Long: `pins checks every pinned answer's quotes against the articles as they are now and
lists the pins, newest first, with their status: current (every quote is still
verbatim), changed (a quoted passage is no longer in its article) or removed
(a quoted article is gone). --guild lists one server's pins.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			e, err := m.openEngine(ctx)
			if err != nil {
				return err
			}
			l, err := m.openLiving(ctx, e)
			if err != nil {
				return err
			}
			defer l.Close()
			pins, err := allPins(ctx, l, m.guildFlag, m.guildFlag != "")
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]pinJSON, 0, len(pins))
				for _, p := range pins {
					out = append(out, pinJSON{Guild: p.GuildID, Channel: p.ChannelID, Message: p.MessageID, Question: p.Question,
						PinnedBy: p.PinnedByName, PinnedAt: p.PinnedAt.UTC().Format(time.RFC3339), Status: string(statusOf(p)),
						CheckedAt: timeOrEmpty(p.CheckedAt), Detail: p.Detail, Citations: nonNil(p.Citations)})
				}
				return writeJSON(m.Stdout, map[string]any{"pins": out})
			}
			if len(pins) == 0 {
				fmt.Fprintln(m.Stdout, "no pinned answers")
			}
			for _, p := range pins {
				fmt.Fprintf(m.Stdout, "%s  %-7s  %s  (guild %s, pinned by %s)\n", p.PinnedAt.UTC().Format("2006-01-02"), statusOf(p), p.Question, p.GuildID, p.PinnedByName)
				if p.Detail != "" {
					fmt.Fprintf(m.Stdout, "    ⚠ %s\n", p.Detail)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the pins as JSON")
	return cmd
}

// allPins returns the pins, newest first, each with its status as the
// corpus is now (not recorded: the running bot records it and edits the
// messages).
func allPins(ctx context.Context, l *living, guild string, oneGuild bool) ([]store.Pin, error) {
	all, err := sources.PinStatuses(ctx, l.store, l.engine.Verify, l.now())
	if err != nil {
		return nil, fmt.Errorf("list pins: %w", err)
	}
	var pins []store.Pin
	for _, p := range all {
		if !oneGuild || p.GuildID == guild {
			pins = append(pins, p)
		}
	}
	sort.SliceStable(pins, func(i, j int) bool { return pins[i].PinnedAt.After(pins[j].PinnedAt) })
	return pins, nil
}

func statusOf(p store.Pin) store.PinStatus {
	if p.Status == "" {
		return store.PinCurrent
	}
	return p.Status
}

func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func nonNil(cs []store.Citation) []store.Citation {
	if cs == nil {
		return []store.Citation{}
	}
	return cs
}
