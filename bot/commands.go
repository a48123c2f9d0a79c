package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
)

// handlerFunc serves one interaction; a returned error goes to Bot.fail.
type handlerFunc func(ctx context.Context, i *discordgo.Interaction, r responder) error

// command is one slash command: its definition as registered and its handler.
type command struct {
	def    *discordgo.ApplicationCommand
	handle handlerFunc
	// complete serves autocomplete for the command's options, if any.
	complete handlerFunc
}

// Lengths of string options: Discord allows max_length up to 6000; a
// timeline topic or a who-said query is a few words, and at most 200 keeps
// a topic small enough to travel in a button's custom id.
const (
	maxOptionLength = 6000
	maxQueryLength  = 200
)

// apologyTimeout bounds sending an apology, on a context of its own: the
// handler's may be what failed.
const apologyTimeout = 10 * time.Second

// commands is the slash command table: what is registered and how each
// command is routed.
func (b *Bot) commands() []command {
	minLen := 1
	// Where each command may be used. Without contexts Discord offers a
	// command everywhere, DMs included; /pinned lists a server's pins, so it
	// is registered for servers only.
	anywhere := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	serverOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	cmds := []command{
		{
			def: &discordgo.ApplicationCommand{
				Name:        "ask",
				Description: "Ask a question about the story; the answer quotes its sources",
				Contexts:    anywhere,
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionString, Name: "question",
					Description: "Your question", Required: true,
					MinLength: &minLen, MaxLength: min(b.opts.MaxQuestionLen, maxOptionLength),
				}},
			},
			handle: b.handleAsk,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "timeline",
				Description: "The story's events in order, each with its source",
				Contexts:    anywhere,
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionString, Name: "topic",
					Description: "Only events about this (optional)", MaxLength: maxQueryLength,
				}},
			},
			handle: b.handleTimeline,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "who-said",
				Description: "Who said what: statements with speaker and source",
				Contexts:    anywhere,
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionString, Name: "query",
					Description: "Words of a quote, or a speaker's name", Required: true,
					Autocomplete: true, MaxLength: maxQueryLength,
				}},
			},
			handle:   b.handleWhoSaid,
			complete: b.completeSpeakers,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:        "pinned",
				Description: "The latest pinned answers of this server, with links",
				Contexts:    serverOnly,
			},
			handle: b.handlePinned,
		},
	}
	cmds = append(cmds, b.conversationCommands()...)
	return append(cmds, b.sourcesCommands(serverOnly)...)
}

// components routes buttons by the part of their custom id before ':'.
func (b *Bot) components() map[string]handlerFunc {
	m := map[string]handlerFunc{
		idPin:      b.handlePin,
		idSources:  b.handleSources,
		idTimeline: b.handleTimelinePage,
	}
	for id, h := range b.conversationComponents() {
		m[id] = h
	}
	return m
}

// definitions are the commands to register.
func (b *Bot) definitions() []*discordgo.ApplicationCommand {
	var defs []*discordgo.ApplicationCommand
	for _, c := range b.commands() {
		defs = append(defs, c.def)
	}
	return defs
}

// Short, kind messages for members; details go to the log.
const (
	internalText = "Sorry, something went wrong on my side. Please try again in a moment."
	timeoutText  = "Sorry, that took too long. Please try again in a moment."
	shuttingText = "I'm restarting. Please try again in a minute."
	unknownText  = "Sorry, I don't know that command or button any more. Please try /ask again."
)

// serve routes one interaction to its handler and any error to fail.
func (b *Bot) serve(ctx context.Context, i *discordgo.Interaction, r responder) {
	log := b.log.With("interaction", i.ID, "user", userOf(i).ID, "guild", i.GuildID, "channel", i.ChannelID)
	var h handlerFunc
	var name string
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		name = i.ApplicationCommandData().Name
		for _, c := range b.commands() {
			if c.def.Name == name {
				h = c.handle
				if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
					h = c.complete
				}
			}
		}
	case discordgo.InteractionMessageComponent:
		name, _, _ = strings.Cut(i.MessageComponentData().CustomID, ":")
		h = b.components()[name]
	case discordgo.InteractionModalSubmit:
		name, _, _ = strings.Cut(i.ModalSubmitData().CustomID, ":")
		h = b.components()[name]
	}
	if h == nil {
		// A command registered by an older version, or a stale button.
		log.Warn("no handler for interaction", "type", i.Type.String(), "name", name)
		if i.Type != discordgo.InteractionApplicationCommandAutocomplete {
			if _, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true}); err != nil {
				log.Error("send unknown-command notice", "err", err)
			}
		}
		return
	}
	log = log.With("command", name)
	// A server's questions are answered from the shared corpus and its own
	// sources only (rag routes by this).
	ctx = rag.WithGuild(ctx, i.GuildID)
	start := time.Now()
	ctx, mt := withMeter(ctx, b.opts.Metrics, meterName(i, name), start)
	err := h(ctx, i, r)
	mt.finish(err)
	if err != nil {
		b.fail(ctx, log, r, err)
	}
	log.Debug("served", "took", time.Since(start), "failed", err != nil)
}

// rateLimitedText tells a member when they may ask again.
func rateLimitedText(wait time.Duration) string {
	secs := int(math.Ceil(wait.Seconds()))
	when := "in 1 second"
	if secs > 1 {
		when = fmt.Sprintf("in %d seconds", secs)
	}
	return "You're asking faster than I can answer everyone. Please ask again " + when + "."
}

// allowQuestion draws one question from the member's allowance; when there
// is none left it tells them when to ask again and reports false.
func (b *Bot) allowQuestion(ctx context.Context, i *discordgo.Interaction, r responder) (bool, error) {
	ok, wait := b.limiter.allow(userOf(i).ID)
	if ok {
		return true, nil
	}
	b.log.Info("rate limited", "interaction", i.ID, "user", userOf(i).ID, "retry_in", wait)
	meterOf(ctx).refused()
	_, err := r.Send(ctx, message{Content: rateLimitedText(wait), Ephemeral: true})
	return false, err
}

// fail is the one place errors become what a member reads: an invalid
// request's own message, or a short apology while the details are logged.
func (b *Bot) fail(ctx context.Context, log *slog.Logger, r responder, err error) {
	text := internalText
	var inv *rag.InvalidError
	switch {
	case errors.As(err, &inv):
		text = inv.Msg
		log.Info("invalid request", "err", err)
	case errors.Is(err, context.DeadlineExceeded):
		text = timeoutText
		log.Error("interaction timed out", "err", err)
	case errors.Is(err, context.Canceled):
		text = shuttingText // only shutdown cancels the work
		log.Warn("interaction cancelled by shutdown", "err", err)
	default:
		log.Error("interaction failed", "err", err)
	}
	// The handler's context may be what failed; the apology still goes out.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), apologyTimeout)
	defer cancel()
	if _, err := r.Send(sctx, message{Content: text, Ephemeral: true}); err != nil {
		log.Error("send error message", "err", err)
	}
}

// optionString is the value of the named string option, or "".
func optionString(i *discordgo.Interaction, name string) string {
	if i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		return ""
	}
	for _, o := range i.ApplicationCommandData().Options {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionString {
			return o.StringValue()
		}
	}
	return ""
}

// userOf is the member's user in a guild, else the DM user.
func userOf(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	if i.User != nil {
		return i.User
	}
	return &discordgo.User{}
}

// displayName is how a user is named in messages and audit logs.
func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}
