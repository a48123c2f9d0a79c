package main

import (
	"errors"
	"fmt"
	"net"

	"github.com/newsbot/storybot/bot"
	"github.com/spf13/cobra"
)

// errNoPublicKey says where the public key is found.
var errNoPublicKey = errors.New("no DISCORD_PUBLIC_KEY: copy the Public Key from your application's General Information " +
	"page (https://discord.com/developers/applications) into DISCORD_PUBLIC_KEY")

func (m *Main) serveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve Discord's HTTP interactions endpoint (no gateway), with /healthz and /metrics",
		Long: `serve listens on INTERACTIONS_ADDR for the interactions Discord POSTs to the
Interactions Endpoint URL set in the Developer Portal. Every request's
signature is checked against DISCORD_PUBLIC_KEY; the answers are the same as
bot run's. DISCORD_TOKEN is needed too: it registers the slash commands and
pins answers. /healthz answers 200 once the index is loaded, /metrics serves
Prometheus metrics. Several replicas can run behind one reverse proxy; with
DATABASE_URL they share their state. Thread messages need bot run (the
gateway): Discord does not send them to the endpoint.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := m.setup(); err != nil {
				return err
			}
			cfg := m.Config
			if cfg.DiscordToken == "" {
				_, err := bot.New(bot.Options{}) // explains how to get a token
				return err
			}
			if cfg.DiscordPublicKey == "" {
				return errNoPublicKey
			}
			ln, err := net.Listen("tcp", cfg.InteractionsAddr)
			if err != nil {
				return fmt.Errorf("listen on INTERACTIONS_ADDR %s: %w", cfg.InteractionsAddr, err)
			}
			// The engine and the state open before serving, as for bot run:
			// the bot's options (its commands among them) need both.
			e, l, opts, closeState, err := m.openBot(cmd.Context())
			if err != nil {
				ln.Close()
				return err
			}
			defer closeState()
			m.follow(cmd.Context(), e)
			stopWatch := l.watchInBackground(cmd.Context(), cfg.WatchInterval)
			defer stopWatch()
			m.Logger.Info("serving Discord interactions", "addr", ln.Addr().String(), "config", cfg, "embedder", e.Embedder())
			return bot.Serve(cmd.Context(), ln, opts, bot.ServeOptions{PublicKey: cfg.DiscordPublicKey, Register: true})
		},
	}
}
