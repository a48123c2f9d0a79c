package bot

import (
	"context"
	"fmt"
	"sync"

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

// interactionState tracks where a Discord interaction is in its life.
type interactionState int

const (
	stateNew interactionState = iota
	stateDeferred
	stateReplied
)

// discordResponder answers through Discord's interaction endpoints.
type discordResponder struct {
	s *discordgo.Session
	i *discordgo.Interaction

	mu    sync.Mutex
	state interactionState
}

func newDiscordResponder(s *discordgo.Session, i *discordgo.Interaction) *discordResponder {
	return &discordResponder{s: s, i: i}
}

// Defer sends callback type 5 (or 6 for an update).
func (r *discordResponder) Defer(ctx context.Context, kind deferKind) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	switch kind {
	case deferUpdate:
		resp.Type = discordgo.InteractionResponseDeferredMessageUpdate
	case deferEphemeral:
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()}
	default:
		resp.Data = &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	}
	if err := r.s.InteractionRespond(r.i, resp, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("defer interaction: %w", err)
	}
	r.state = stateDeferred
	return nil
}

// Send responds (type 4), edits the deferred original (PATCH
// /webhooks/{app}/{token}/messages/@original) or posts a follow-up.
func (r *discordResponder) Send(ctx context.Context, m message) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m = fitMessage(m)
	var flags discordgo.MessageFlags
	if m.Ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	components := m.Components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	embeds := m.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	switch r.state {
	case stateNew:
		err := r.s.InteractionRespond(r.i, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content:         m.Content,
				Embeds:          embeds,
				Components:      components,
				Flags:           flags,
				AllowedMentions: noMentions(),
			},
		}, discordgo.WithContext(ctx))
		if err != nil {
			return "", fmt.Errorf("respond to interaction: %w", err)
		}
		r.state = stateReplied
		return "", nil
	case stateDeferred:
		msg, err := r.s.InteractionResponseEdit(r.i, &discordgo.WebhookEdit{
			Content:         &m.Content,
			Embeds:          &embeds,
			Components:      &components,
			AllowedMentions: noMentions(),
		}, discordgo.WithContext(ctx))
		if err != nil {
			return "", fmt.Errorf("edit interaction response: %w", err)
		}
		r.state = stateReplied
		if msg == nil {
			return "", nil
		}
		return msg.ID, nil
	default:
		msg, err := r.s.FollowupMessageCreate(r.i, true, &discordgo.WebhookParams{
			Content:         m.Content,
			Embeds:          embeds,
			Components:      components,
			Flags:           flags,
			AllowedMentions: noMentions(),
		}, discordgo.WithContext(ctx))
		if err != nil {
			return "", fmt.Errorf("send follow-up: %w", err)
		}
		if msg == nil {
			return "", nil
		}
		return msg.ID, nil
	}
}

// Autocomplete sends callback type 8.
func (r *discordResponder) Autocomplete(ctx context.Context, choices []*discordgo.ApplicationCommandOptionChoice) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	// Sent by hand: discordgo's response data would omit an empty choice
	// list and add message fields that mean nothing here.
	body := struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		} `json:"data"`
	}{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	body.Data.Choices = choices
	endpoint := discordgo.EndpointInteractionResponse(r.i.ID, r.i.Token)
	_, err := r.s.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("send autocomplete choices: %w", err)
	}
	r.state = stateReplied
	return nil
}
