package main

import (
	"strings"

	"github.com/newsbot/storybot/bot"
	"github.com/spf13/cobra"
)

func (m *Main) checkCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [--json] CLAIM",
		Short: "What the sources say about a claim: supported, disputed or not found",
		Long: `check judges a claim someone made against the articles: supported (a source
says it), disputed (a source contradicts or denies it) or not found, with the
verbatim passages that decide it, each checked against its article.`,
		Example: `  bot check "Iran sent missiles to Russia"
  bot check --json "Iran gave Russia drones"`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			e, err := m.openEngine(cmd.Context())
			if err != nil {
				return err
			}
			res, err := e.Check(cmd.Context(), bot.CleanQuestion(strings.Join(a, " ")))
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, res)
			}
			return bot.WriteCheck(m.Stdout, res)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the verdict as JSON")
	return cmd
}
