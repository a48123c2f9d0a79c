package bot

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/store"
)

// StatsFunc returns what a server's community asked over a period: its
// questions, feedback and pins since a time, and the top most-asked
// unanswered questions. store.GuildStats over a store is one.
type StatsFunc func(ctx context.Context, guildID string, since time.Time, top int) (store.Stats, error)

// Settings of /stats.
const (
	statsCommand = "stats"
	// DefaultStatsDays is the period /stats and `bot stats` cover unless
	// told otherwise.
	DefaultStatsDays = 30
	// StatsTop is how many unanswered questions they list.
	StatsTop = 10
	// statsFetch is how many times StatsTop groups are read before similar
	// ones are merged (GroupSimilar).
	statsFetch = 5
	// maxStatsDays bounds the days option.
	maxStatsDays = 3650
	// permManageGuild is Discord's Manage Server permission.
	permManageGuild int64 = discordgo.PermissionManageGuild
)

// statsCommands is /stats, when the bot has a StatsFunc.
func (b *Bot) statsCommands() []command {
	if b.opts.Stats == nil {
		return nil
	}
	perm := permManageGuild
	minDays, maxDays := 1.0, float64(maxStatsDays)
	return []command{{
		def: &discordgo.ApplicationCommand{
			Name:                     statsCommand,
			Description:              "Moderators: questions asked, answered, abstained, feedback, and what the sources could not answer",
			Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
			DefaultMemberPermissions: &perm,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionInteger, Name: "days",
				Description: fmt.Sprintf("The last how many days (default %d)", DefaultStatsDays),
				MinValue:    &minDays, MaxValue: maxDays,
			}},
		},
		handle: b.handleStats,
	}}
}

// handleStats serves /stats [days:N] for members with Manage Server.
// Discord hides the command from others, but a server can grant it to
// anyone, so the permission is checked here too.
func (b *Bot) handleStats(ctx context.Context, i *discordgo.Interaction, r responder) error {
	if i.GuildID == "" || i.Member == nil {
		_, err := r.Send(ctx, message{Content: "/stats works in a server only.", Ephemeral: true})
		return err
	}
	if i.Member.Permissions&(permManageGuild|permAdministrator) == 0 {
		_, err := r.Send(ctx, message{Content: "Only members with the Manage Server permission can see /stats.", Ephemeral: true})
		return err
	}
	days := DefaultStatsDays
	for _, o := range i.ApplicationCommandData().Options {
		if o.Name == "days" && o.Type == discordgo.ApplicationCommandOptionInteger {
			days = int(min(max(o.IntValue(), 1), maxStatsDays))
		}
	}
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	st, err := b.opts.Stats(ctx, i.GuildID, b.now().AddDate(0, 0, -days), StatsTop*statsFetch)
	if err != nil {
		return fmt.Errorf("stats of guild %s: %w", i.GuildID, err)
	}
	st.Questions.Unanswered = GroupSimilar(st.Questions.Unanswered, StatsTop)
	_, err = r.Send(ctx, message{Embeds: []*discordgo.MessageEmbed{StatsEmbed(st, days)}, Ephemeral: true})
	return err
}

// StatsEmbed renders a server's stats over the last days as moderators see
// them: counts first, then the most-asked questions the sources could not
// answer, each with how often and its other wordings.
func StatsEmbed(st store.Stats, days int) *discordgo.MessageEmbed {
	return statsEmbed(st, days, forDiscord)
}

// WriteStats writes stats for a terminal as StatsEmbed shows them.
func WriteStats(w io.Writer, st store.Stats, days int) error {
	_, err := io.WriteString(w, EmbedText(statsEmbed(st, days, forTerminal)))
	return err
}

func statsEmbed(st store.Stats, days int, l layout) *discordgo.MessageEmbed {
	q, f := st.Questions, st.Feedback
	var reasons []string
	for _, r := range sortedReasons(f.Reasons) {
		reasons = append(reasons, fmt.Sprintf("%s %d", reasonLabel(r), f.Reasons[r]))
	}
	lines := []string{
		fmt.Sprintf("**Questions:** %d asked · %d answered · %d the sources could not answer", q.Asked, q.Answered, q.Abstained),
		fmt.Sprintf("**Feedback:** 👍 %d · 👎 %d", f.Helpful, f.NotHelpful),
	}
	if len(reasons) > 0 {
		lines[1] += " (" + strings.Join(reasons, ", ") + ")"
	}
	lines = append(lines, fmt.Sprintf("**Answers pinned:** %d", st.Pinned))
	e := &discordgo.MessageEmbed{
		Title:       fmt.Sprintf("What the community asked in the last %s", countText(days, "day")),
		Description: strings.Join(lines, "\n"),
		Color:       colorInfo,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Since " + st.Since.UTC().Format("2006-01-02 15:04 UTC")},
	}
	if len(q.Unanswered) > 0 {
		var un []string
		for n, g := range q.Unanswered {
			text := oneLine(g.Question)
			if l == forDiscord {
				text = escapeMarkdown(truncate(text, 150)) // member-written
			}
			line := fmt.Sprintf("%d. %s (%s)", n+1, text, timesText(g.Count))
			var others []string
			for _, w := range g.Wordings {
				if w = oneLine(w); w != oneLine(g.Question) {
					if l == forDiscord {
						w = escapeMarkdown(truncate(w, 80))
					}
					others = append(others, w)
				}
			}
			if len(others) > 0 {
				line += "\n   also asked as: " + strings.Join(others, "; ")
			}
			un = append(un, line)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name:  "Most asked, not answered by the sources (articles to add)",
			Value: strings.Join(un, "\n"),
		})
	}
	if l == forDiscord {
		fitEmbed(e)
	}
	return e
}

// timesText is "once" or "n times".
func timesText(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

// reasonLabel names a 👎 reason as the member chose it.
func reasonLabel(r string) string {
	switch r {
	case store.ReasonWrongAnswer:
		return "wrong answer"
	case store.ReasonWrongSource:
		return "wrong or outdated source"
	case store.ReasonNoAnswer:
		return "didn't answer"
	}
	return r
}

// sortedReasons lists reasons most frequent first.
func sortedReasons(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// similarWordings is the share of content words (their stems) two
// unanswered questions must have in common to count as one question asked
// in other words.
const similarWordings = 0.6

// GroupSimilar merges unanswered questions that are the same question in
// other words, and returns the top most asked. The store groups wordings
// with the same content words ("Did Venezuela buy tanks?", "did venezuela
// buy tanks"); this also merges a question into one that adds a detail to
// it ("Did Venezuela buy tanks from Iran?") and questions sharing most of
// their words. groups are most asked first; so is the result, each group
// headed by its most asked wording.
func GroupSimilar(groups []store.UnansweredGroup, top int) []store.UnansweredGroup {
	var out []store.UnansweredGroup
	var keys []map[string]bool
	for _, g := range groups {
		k := keyWords(g.Key)
		merged := false
		for i := range out {
			if similarKeys(keys[i], k) {
				out[i] = mergeGroups(out[i], g)
				for w := range k {
					keys[i][w] = true
				}
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, g)
			keys = append(keys, k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > top {
		out = out[:top]
	}
	return out
}

// keyWords are the words of a group key.
func keyWords(key string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(key) {
		m[w] = true
	}
	return m
}

// similarKeys reports whether two questions' content words make them one
// question: one's words (two or more) all in the other's, or a share of
// similarWordings of all their words in common.
func similarKeys(a, b map[string]bool) bool {
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	small := min(len(a), len(b))
	if small >= 2 && common == small {
		return true
	}
	union := len(a) + len(b) - common
	return union > 0 && float64(common)/float64(union) >= similarWordings
}

// mergeGroups adds g's count and wordings to into, keeping into's heading.
func mergeGroups(into, g store.UnansweredGroup) store.UnansweredGroup {
	into.Count += g.Count
	if g.Last.After(into.Last) {
		into.Last = g.Last
	}
	seen := map[string]bool{}
	for _, w := range into.Wordings {
		seen[w] = true
	}
	for _, w := range append([]string{g.Question}, g.Wordings...) {
		if !seen[w] && len(into.Wordings) < store.MaxWordings {
			seen[w] = true
			into.Wordings = append(into.Wordings, w)
		}
	}
	return into
}
