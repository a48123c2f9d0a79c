package main

import (
	"time"

	"github.com/newsbot/storybot/bot"
	"github.com/newsbot/storybot/store"
	"github.com/spf13/cobra"
)

func (m *Main) statsCommand() *cobra.Command {
	var asJSON bool
	var days int
	var guild string
	cmd := &cobra.Command{
		Use:   "stats [--json] [--days N] [--guild ID]",
		Short: "Questions asked, answered, abstained, feedback, and the most-asked unanswered",
		Long: `stats shows what the community asked over the last days: questions asked,
answered and abstained, 👍/👎 feedback and answers pinned, and the questions
the sources could not answer most often, similar wordings grouped (the
articles to add). Without --guild it covers the command line's own questions.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if days < 1 {
				return usageError{errDays}
			}
			st, err := m.openState(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			since := time.Now().AddDate(0, 0, -days)
			stats, err := store.GuildStats(cmd.Context(), st, guild, since, bot.StatsTop*5)
			if err != nil {
				return err
			}
			stats.Questions.Unanswered = bot.GroupSimilar(stats.Questions.Unanswered, bot.StatsTop)
			if asJSON {
				if stats.Questions.Unanswered == nil {
					stats.Questions.Unanswered = []store.UnansweredGroup{}
				}
				return writeJSON(m.Stdout, stats)
			}
			return bot.WriteStats(m.Stdout, stats, days)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the stats as JSON")
	cmd.Flags().IntVar(&days, "days", bot.DefaultStatsDays, "cover the last N days")
	cmd.Flags().StringVar(&guild, "guild", "", "the Discord server `ID` to report on (empty: the command line's questions)")
	return cmd
}
