package main

import (
	"context"
	"fmt"

	"github.com/newsbot/storybot/bot"
	"github.com/newsbot/storybot/config"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/spf13/cobra"
)

// botOptions maps the configuration onto the bot's options.
func (m *Main) botOptions(e *rag.Engine) bot.Options {
	cfg := m.Config
	o := bot.Options{
		Token:           cfg.DiscordToken,
		GuildID:         cfg.DiscordGuildID,
		APIBase:         cfg.DiscordAPIBase,
		DataDir:         cfg.DataDir,
		Logger:          m.Logger,
		MaxQuestionLen:  cfg.MaxQuestionLen,
		RatePerMinute:   float64(cfg.RatePerMinute),
		Burst:           cfg.RateBurst,
		ShutdownTimeout: cfg.ShutdownTimeout,
		AnswerTimeout:   cfg.AnswerTimeout,
		Metrics:         m.metrics(),
	}
	if e != nil { // a nil *rag.Engine would be a non-nil bot.Engine
		o.Engine = e
	}
	if cfg.Shard != "" {
		o.ShardID, o.ShardCount, _ = config.ParseShard(cfg.Shard) // validated by config
	}
	return o
}

func (m *Main) runCommand() *cobra.Command {
	var shard string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the Discord bot (needs DISCORD_TOKEN)",
		Long: `run connects to Discord's gateway, registers /ask, /timeline, /who-said,
/pinned, /check, the "Check against sources" message command, /stats and
/sources (in DISCORD_GUILD_ID when set, globally otherwise) and answers until
interrupted; on SIGINT or SIGTERM in-flight answers finish first. Follow-ups
continue in a thread started from an answer (DISCORD_MESSAGE_CONTENT: any
message there). Every WATCH_INTERVAL it picks up files added to, changed in or
removed from CORPUS_DIR and the sources folders, polls the feeds that are due
(FEED_INTERVAL) and re-checks the pinned answers, editing those whose sources
changed.

Sharding: by default run asks Discord (/gateway/bot) how many shards the bot
needs and connects them all; --shard i/n (or DISCORD_SHARD) connects shard i
of n only, one process per shard, shard 0 registering the commands.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := m.setup(); err != nil {
				return err
			}
			if shard != "" {
				if _, _, err := config.ParseShard(shard); err != nil {
					return usageError{fmt.Errorf("--shard %q: %w", shard, err)}
				}
				m.Config.Shard = shard
			}
			if m.Config.DiscordToken == "" {
				_, err := bot.New(bot.Options{}) // explains how to get a token
				return err
			}
			e, l, opts, closeState, err := m.openBot(cmd.Context())
			if err != nil {
				return err
			}
			defer closeState()
			b, err := bot.New(opts)
			if err != nil {
				return err
			}
			m.Logger.Info("starting the Discord bot", "config", m.Config, "embedder", e.Embedder())
			m.follow(cmd.Context(), e)
			if err := m.serveMetrics(cmd.Context()); err != nil {
				return err
			}
			l.onPins = func(ctx context.Context, pins []store.Pin) { b.UpdatePins(ctx, pinUpdates(pins)) }
			stopWatch := l.watchInBackground(cmd.Context(), m.Config.WatchInterval)
			defer stopWatch()
			return b.Run(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&shard, "shard", "", "run gateway shard i of n only, as i/n (DISCORD_SHARD); default: every shard Discord recommends")
	return cmd
}

// openBot opens what the bot runs on (the engine, the state store and the
// living corpus) and returns the bot's options over them; closeState
// releases the store.
func (m *Main) openBot(ctx context.Context) (e *rag.Engine, l *living, opts bot.Options, closeState func(), err error) {
	if e, err = m.openEngine(ctx); err != nil {
		return nil, nil, opts, nil, err
	}
	opts = m.botOptions(e)
	st, closeState, err := m.withState(ctx, &opts)
	if err != nil {
		return nil, nil, opts, nil, err
	}
	if l, err = m.newLiving(e, st); err != nil {
		closeState()
		return nil, nil, opts, nil, err
	}
	return e, l, l.botOptions(opts, m.Config.SourcesRole), closeState, nil
}

func (m *Main) consoleCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "console",
		Short: "Try the bot in a terminal: type /ask, /timeline, /who-said as in Discord",
		Long: `console reads commands as a Discord member types them (/ask question: …,
/timeline [topic], /who-said query: …, /pinned, /help, /quit) and prints the
same replies the bot sends to Discord, produced by the same handlers. Buttons
are listed under a reply; type their number to press them.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, _, opts, closeState, err := m.openBot(cmd.Context())
			if err != nil {
				return err
			}
			defer closeState()
			return bot.RunConsole(cmd.Context(), m.Stdin, m.Stdout, opts)
		},
	}
}
