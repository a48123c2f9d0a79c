package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// How replies survive Discord's transient faults. A 5xx or a 429 is retried
// with backoff (a 429 after the retry_after Discord names); when the edit of
// a deferred reply cannot be made, the reply goes as a follow-up, and when
// the interaction token no longer works, a public reply goes to the channel
// as an ordinary message, so an answer is never lost and "thinking…" is
// never left on its own.
const (
	// callbackWindow is how long Discord waits for the first callback of
	// an interaction; a retry that would land later is pointless.
	callbackWindow = 3 * time.Second
	// firstBackoff doubles per attempt up to maxBackoff; maxAttempts bounds
	// the tries of one request (retry_after waits count as attempts too).
	firstBackoff = 250 * time.Millisecond
	maxBackoff   = 4 * time.Second
	maxAttempts  = 6
	// editAttempts is fewer: a failing edit has the follow-up to fall back
	// on, and the member is waiting (three tries wait 0.75 s in all).
	editAttempts = 3
)

// interactionState tracks where a Discord interaction is in its life.
type interactionState int

const (
	stateNew      interactionState = iota
	stateDeferred                  // acknowledged; @original shows "thinking…" or the pressed message
	stateReplied                   // @original holds a reply; later sends are follow-ups
	stateLost                      // the callback never got through: only the channel is left
)

// errUndeliverable is a reply for the member alone that no route can carry.
var errUndeliverable = errors.New("interaction lost: an ephemeral reply cannot be delivered")

// discordResponder answers through Discord's interaction endpoints, with
// the channel as the last resort for public replies.
type discordResponder struct {
	s        *discordgo.Session
	i        *discordgo.Interaction
	log      *slog.Logger
	received time.Time // when the interaction arrived: the callback window starts
	// http, for an interaction received over HTTP, takes the first
	// callback into the request's response; nil for the gateway.
	http *httpCallback

	mu        sync.Mutex
	state     interactionState
	deferKind deferKind
}

func newDiscordResponder(s *discordgo.Session, i *discordgo.Interaction, log *slog.Logger) *discordResponder {
	return &discordResponder{s: s, i: i, log: log.With("interaction", i.ID), received: time.Now()}
}

// Defer sends callback type 5 (or 6 for an update) within the callback
// window.
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
	if err := r.callback(ctx, resp); err != nil {
		if r.state == stateLost && kind != deferEphemeral {
			return nil // the reply will go to the channel
		}
		return fmt.Errorf("defer interaction: %w", err)
	}
	r.state, r.deferKind = stateDeferred, kind
	return nil
}

// callback sends the interaction's first response, retrying within the
// callback window. An "already acknowledged" answer means an earlier try got
// through. When the window passes, the interaction is lost.
func (r *discordResponder) callback(ctx context.Context, resp *discordgo.InteractionResponse) error {
	err := retry(ctx, r.received.Add(callbackWindow), func(ctx context.Context) error {
		if handled, err := r.respondHTTP(ctx, resp); handled {
			return err
		}
		return r.s.InteractionRespond(r.i, resp, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	})
	switch {
	case err == nil, restCode(err) == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged:
		meterOf(ctx).ack()
		return nil
	case ctx.Err() == nil && (transient(err) || restCode(err) == discordgo.ErrCodeUnknownInteraction):
		r.log.Warn("interaction callback missed its window; public replies go to the channel", "err", err)
		r.state = stateLost
	}
	return err
}

// Send delivers m. The first send is the response (or completes a deferred
// one); later sends are follow-ups. A reply for the member alone after a
// public deferral replaces the public "thinking…" with an ephemeral
// follow-up, so an apology is never public. It returns the message id when
// known.
func (r *discordResponder) Send(ctx context.Context, m message) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m = fitMessage(m)
	switch r.state {
	case stateNew:
		err := r.callback(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: m.Content, Embeds: embedsOf(m), Components: componentsOf(m),
				Flags: flagsOf(m), AllowedMentions: noMentions(),
			},
		})
		if err == nil {
			r.state = stateReplied
			return "", nil
		}
		if r.state == stateLost {
			return r.toChannel(ctx, m, err)
		}
		return "", fmt.Errorf("respond to interaction: %w", err)
	case stateDeferred:
		switch {
		case m.Ephemeral && r.deferKind == deferPublic:
			return r.replacePublic(ctx, m)
		case m.Ephemeral && r.deferKind == deferUpdate:
			// Editing would put it on the public message the button is on.
			r.state = stateReplied
			return r.followup(ctx, m)
		}
		id, err := r.editOriginal(ctx, m)
		if err == nil {
			r.state = stateReplied
			return id, nil
		}
		r.log.Warn("edit of the deferred reply failed; sending a follow-up", "err", err)
		id, err = r.followup(ctx, m)
		if err == nil {
			r.state = stateReplied
		}
		return id, err
	case stateLost:
		return r.toChannel(ctx, m, nil)
	default:
		return r.followup(ctx, m)
	}
}

// replacePublic deletes the public "thinking…" and sends m, meant for the
// member alone, as an ephemeral follow-up.
func (r *discordResponder) replacePublic(ctx context.Context, m message) (string, error) {
	err := retry(ctx, time.Time{}, func(ctx context.Context) error {
		return r.s.InteractionResponseDelete(r.i, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	})
	if err != nil {
		r.log.Warn("delete the deferred public reply", "err", err)
	}
	r.state = stateReplied
	return r.followup(ctx, m)
}

// editOriginal edits @original, retrying transient faults.
func (r *discordResponder) editOriginal(ctx context.Context, m message) (string, error) {
	embeds, components := embedsOf(m), componentsOf(m)
	var msg *discordgo.Message
	err := retryN(ctx, time.Time{}, editAttempts, func(ctx context.Context) (err error) {
		msg, err = r.s.InteractionResponseEdit(r.i, &discordgo.WebhookEdit{
			Content: &m.Content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions(),
		}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("edit interaction response: %w", err)
	}
	return messageID(msg), nil
}

// followup posts m as a follow-up, retrying transient faults; when the
// interaction token is refused, a public m goes to the channel.
func (r *discordResponder) followup(ctx context.Context, m message) (string, error) {
	var msg *discordgo.Message
	err := retry(ctx, time.Time{}, func(ctx context.Context) (err error) {
		msg, err = r.s.FollowupMessageCreate(r.i, true, &discordgo.WebhookParams{
			Content: m.Content, Embeds: embedsOf(m), Components: componentsOf(m),
			Flags: flagsOf(m), AllowedMentions: noMentions(),
		}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err == nil {
		return messageID(msg), nil
	}
	if ctx.Err() == nil {
		r.log.Warn("follow-up failed", "err", err)
		return r.toChannel(ctx, m, err)
	}
	return "", fmt.Errorf("send follow-up: %w", err)
}

// toChannel posts a public m in the interaction's channel with the bot's
// own token: the last route when the interaction token no longer works.
func (r *discordResponder) toChannel(ctx context.Context, m message, cause error) (string, error) {
	if m.Ephemeral || r.i.ChannelID == "" {
		if cause == nil {
			cause = errUndeliverable
		}
		return "", fmt.Errorf("reply undeliverable: %w", cause)
	}
	var msg *discordgo.Message
	err := retry(ctx, time.Time{}, func(ctx context.Context) (err error) {
		msg, err = r.s.ChannelMessageSendComplex(r.i.ChannelID, &discordgo.MessageSend{
			Content: m.Content, Embeds: embedsOf(m), Components: componentsOf(m), AllowedMentions: noMentions(),
		}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("send to the channel: %w", err)
	}
	r.log.Info("reply sent to the channel instead of the interaction", "message", messageID(msg))
	return messageID(msg), nil
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
	err := retry(ctx, r.received.Add(callbackWindow), func(ctx context.Context) error {
		if handled, err := r.respondHTTP(ctx, body); handled {
			return err
		}
		_, err := r.s.RequestWithBucketID(http.MethodPost, endpoint, body, endpoint, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err != nil {
		return fmt.Errorf("send autocomplete choices: %w", err)
	}
	meterOf(ctx).ack()
	r.state = stateReplied
	return nil
}

// respondHTTP writes the first callback v as the HTTP response of an
// interaction received over HTTP; it reports false when v must go through
// the REST API instead (a gateway interaction, or a request answered
// already).
func (r *discordResponder) respondHTTP(ctx context.Context, v any) (bool, error) {
	if r.http == nil {
		return false, nil
	}
	err := r.http.deliver(ctx, v)
	if errors.Is(err, errRequestGone) {
		return false, nil
	}
	return true, err
}

func embedsOf(m message) []*discordgo.MessageEmbed {
	if m.Embeds == nil {
		return []*discordgo.MessageEmbed{}
	}
	return m.Embeds
}

func componentsOf(m message) []discordgo.MessageComponent {
	if m.Components == nil {
		return []discordgo.MessageComponent{}
	}
	return m.Components
}

func flagsOf(m message) discordgo.MessageFlags {
	if m.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func messageID(m *discordgo.Message) string {
	if m == nil {
		return ""
	}
	return m.ID
}

// retry runs op until it succeeds or fails for good: a transient fault (a
// 5xx, a 429, a dropped connection) is tried again after a backoff, or
// after the retry_after of a 429, unless ctx ends, maxAttempts is reached,
// or the next try would start after deadline (when set).
func retry(ctx context.Context, deadline time.Time, op func(ctx context.Context) error) error {
	return retryN(ctx, deadline, maxAttempts, op)
}

// retryN is retry with at most attempts tries.
func retryN(ctx context.Context, deadline time.Time, attempts int, op func(ctx context.Context) error) error {
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		err := op(ctx)
		if err == nil || !transient(err) || attempt >= attempts || ctx.Err() != nil {
			return err
		}
		wait := backoff
		if ra, ok := retryAfter(err); ok {
			wait = ra
		}
		backoff = min(2*backoff, maxBackoff)
		if !deadline.IsZero() && time.Now().Add(wait).After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// transient reports whether err is a fault worth retrying.
func transient(err error) bool {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return true
	}
	var rest *discordgo.RESTError
	if errors.As(err, &rest) {
		return rest.Response != nil && rest.Response.StatusCode >= 500
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &ue) || errors.As(err, &ne)
}

// retryAfter is the wait a 429 asks for.
func retryAfter(err error) (time.Duration, bool) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return rl.RetryAfter, true
	}
	return 0, false
}

// restCode is the Discord error code of a REST error, or 0.
func restCode(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Message != nil {
		return rest.Message.Code
	}
	return 0
}
