package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// message is a reply in transport-neutral form.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Ephemeral  bool // only the member who asked sees it (flag 64)
}

// deferKind says how an interaction is acknowledged before a slow reply.
type deferKind int

const (
	deferPublic    deferKind = iota // "thinking…", the reply is public
	deferEphemeral                  // "thinking…", the reply is only for the member
	deferUpdate                     // a button press; the reply replaces the message it is on
)

// responder is how a handler answers one interaction. The Discord
// implementation talks to the interaction endpoints; the console one prints.
type responder interface {
	// Defer acknowledges at once; the next send completes the reply.
	Defer(ctx context.Context, kind deferKind) error
	// Send replies: the first send is the response (or completes a deferred
	// one), later sends are follow-up messages. It returns the message id
	// when it is known.
	Send(ctx context.Context, m message) (messageID string, err error)
	// Autocomplete offers choices for the focused option.
	Autocomplete(ctx context.Context, choices []*discordgo.ApplicationCommandOptionChoice) error
}

// noMentions is attached to every message: member text and answers quote
// names and may contain @everyone, and nothing the bot says should ping. An
// empty (not nil) Parse marshals as "parse": [], which Discord honours.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// fitMessage applies the content limit; embeds are fitted where built.
func fitMessage(m message) message {
	m.Content = truncate(m.Content, maxContent)
	return m
}
