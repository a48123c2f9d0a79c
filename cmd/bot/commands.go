package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsbot/storybot/bot"
	"github.com/newsbot/storybot/internal/eval"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
	"github.com/spf13/cobra"
)

func (m *Main) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "bot",
		Short: "Answer questions about news stories with verbatim, numbered quotes",
		Long: `bot answers a community's questions about news stories. Every answer quotes its
sources verbatim, and every quote is checked against the articles.

With nothing configured it answers from the bundled story, offline. Set
CORPUS_DIR (or --corpus) for your own articles, OPENAI_API_KEY/OPENAI_BASE_URL
for an LLM, DISCORD_TOKEN for Discord. See .env.example for every setting.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(m.conversationCommands()...)
	root.PersistentFlags().StringVar(&m.corpusFlag, "corpus", "", "folder of articles (.md, .txt, .html) instead of the bundled story (CORPUS_DIR)")
	root.PersistentFlags().StringVar(&m.dataFlag, "data-dir", "", "where the index and pinned answers are kept (DATA_DIR)")
	m.guildFlags(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(m.runCommand(), m.consoleCommand(), m.askCommand(), m.timelineCommand(), m.whoSaidCommand(),
		m.ingestCommand(), m.evalCommand(), m.benchCommand(), m.benchRestartCmd(), m.benchServersCmd(), m.serveCommand())
	root.AddCommand(m.sourcesCommand(), m.pinsCommand())
	return root
}

// args checks the number of positional arguments as a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (m *Main) askCommand() *cobra.Command {
	var asJSON bool
	var conversation string
	cmd := &cobra.Command{
		Use:   "ask [--json] QUESTION",
		Short: "Answer one question, with numbered sources",
		Example: `  bot ask "Did Iran admit sending missiles?"
  bot ask --json "Who is Hossein Amirabdollahian?"
  bot ask --conversation c1 "Who is Iran's foreign minister?"
  bot ask --conversation c1 "What did he say about the missiles?"`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			e, err := m.openEngine(cmd.Context())
			if err != nil {
				return err
			}
			q := bot.CleanQuestion(strings.Join(a, " "))
			if conversation != "" {
				return m.askInConversation(cmd.Context(), e, conversation, q, asJSON)
			}
			ans, err := e.Ask(cmd.Context(), q)
			if err != nil {
				return err
			}
			m.logQuestion(cmd.Context(), q, ans, "")
			if asJSON {
				return writeJSON(m.Stdout, bot.PlainAnswer(ans))
			}
			return bot.WriteAnswer(m.Stdout, ans)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the answer as JSON")
	cmd.Flags().StringVar(&conversation, "conversation", "", "continue conversation `ID`: the question is read in the context of its earlier turns")
	return cmd
}

func (m *Main) ingestCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "ingest",
		Short: "Build or update the index of the corpus, with progress",
		Long: `ingest reads the corpus (the bundled story, or --corpus DIR recursively), and
embeds what is new or changed since the last run; deleted articles are dropped.
Files that cannot be read are reported and skipped; nothing indexed is lost.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := m.setup(); err != nil {
				return err
			}
			p := newProgress(m.Stderr, "ingest")
			e, st, err := rag.Open(cmd.Context(), m.engineOptions(), p.update)
			p.done()
			if err != nil {
				return err
			}
			for _, prob := range st.Problems {
				fmt.Fprintf(m.Stdout, "skipped %v\n", prob)
			}
			fmt.Fprintf(m.Stdout, "index: %d documents, %d chunks (%d added, %d updated, %d removed, %d kept from before; %d chunks embedded) with %s\n",
				st.Documents, st.Chunks, st.Added, st.Updated, st.Removed, st.Kept, st.Embedded, e.Embedder())
			return nil
		},
	}
}

func (m *Main) evalCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "eval [--json] FILE",
		Short: "Grade the answers to a file of questions",
		Long: `eval asks every question of FILE (JSON lines: id, question, abstain, all, none,
gold; see the README) and checks each answer: abstention, required and
forbidden phrases, a gold passage among the cited quotes, and every quote
verbatim in the corpus. A line with "turns": [...] is a conversation: each
turn (question, abstain, all, none, gold, and resolved: words the standalone
question must contain) is asked after the ones before it. It exits non-zero
when a question fails.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			f, err := os.Open(a[0])
			if err != nil {
				return fmt.Errorf("questions file: %w", err)
			}
			qs, err := eval.ReadQuestions(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("questions file %s: %w", a[0], err)
			}
			e, err := m.openEngine(cmd.Context())
			if err != nil {
				return err
			}
			var results []eval.Result
			passed := 0
			for _, q := range qs {
				var r eval.Result
				if len(q.Turns) > 0 {
					if r, err = eval.Converse(cmd.Context(), e, q, e.InCorpus); err != nil {
						return fmt.Errorf("conversation %s: %w", q.ID, err)
					}
				} else {
					ans, err := e.Ask(cmd.Context(), q.Question)
					if err != nil {
						return fmt.Errorf("question %s: %w", q.ID, err)
					}
					r = eval.Grade(q, ans, e.InCorpus)
				}
				if r.Passed {
					passed++
				}
				results = append(results, r)
			}
			if asJSON {
				err = writeJSON(m.Stdout, map[string]any{"passed": passed, "failed": len(qs) - passed, "results": results})
			} else {
				printEval(m.Stdout, results, passed)
			}
			if err == nil && passed < len(qs) {
				err = errors.New("some questions failed")
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the results as JSON")
	return cmd
}

func (m *Main) timelineCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "timeline [--json] [TOPIC]",
		Short: "What happened when: the dated events of the corpus in order",
		Long: `timeline lists the events the articles date, oldest first, each with the phrase
that dates it and the verbatim sentence it comes from. Relative dates ("two weeks
ago", "later that month") are resolved against the article's published date.
TOPIC narrows the events to the passages about it.`,
		Example: `  bot timeline
  bot timeline sanctions
  bot timeline --json`,
		RunE: func(cmd *cobra.Command, a []string) error {
			e, err := m.openEngine(cmd.Context())
			if err != nil {
				return err
			}
			topic := strings.Join(a, " ")
			events, err := e.Timeline(cmd.Context(), topic)
			if err != nil {
				return err
			}
			if asJSON {
				if events == nil {
					events = []timeline.Event{}
				}
				return writeJSON(m.Stdout, map[string]any{"events": events})
			}
			return bot.WriteTimeline(m.Stdout, topic, events)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the events as JSON")
	return cmd
}

func (m *Main) whoSaidCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "who-said [--json] [QUERY]",
		Short: "Who said what: statements attributed to their speakers",
		Long: `who-said lists the statements of the articles (direct quotes and reported
speech) with their resolved speaker, role and channel. QUERY is words of a
quote (matched fuzzily) or a speaker's name or role; with none, every
statement is listed, grouped by speaker.`,
		Example: `  bot who-said "missile part"
  bot who-said Kuleba
  bot who-said --json`,
		RunE: func(cmd *cobra.Command, a []string) error {
			e, err := m.openEngine(cmd.Context())
			if err != nil {
				return err
			}
			query := strings.Join(a, " ")
			stmts, err := e.WhoSaid(cmd.Context(), query)
			if err != nil {
				return err
			}
			if asJSON {
				if stmts == nil {
					stmts = []whosaid.Statement{}
				}
				return writeJSON(m.Stdout, map[string]any{"statements": stmts})
			}
			return bot.WriteStatements(m.Stdout, query, stmts)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the statements as JSON")
	return cmd
}
