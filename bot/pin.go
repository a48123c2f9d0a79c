package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/bwmarrin/discordgo"
)

// Permission bits checked for the Pin button. discordgo v0.29.0 has no
// constant for PIN_MESSAGES, which Discord split from MANAGE_MESSAGES.
const (
	permPinMessages   int64 = 1 << 51
	permAdministrator int64 = discordgo.PermissionAdministrator // 1 << 3
)

// canPin reports whether a member with these permissions may pin answers.
// MANAGE_MESSAGES alone does not allow it.
func canPin(perms int64) bool {
	return perms&permPinMessages != 0 || perms&permAdministrator != 0
}

// Errors a pinner reports that the member can act on.
var (
	errPinsFull        = errors.New("channel has the maximum number of pins")
	errNoPinPermission = errors.New("bot lacks the permission to pin")
)

// pinner pins a message in a channel.
type pinner interface {
	Pin(ctx context.Context, channelID, messageID, reason string) error
}

// discordPinner pins through Discord's REST API, with the current route
// PUT /channels/{channel}/messages/pins/{message} (discordgo's
// ChannelMessagePin still uses the deprecated /pins/ route).
type discordPinner struct {
	s       *discordgo.Session
	apiBase string // without trailing slash
}

// Pin pins a message, naming the moderator in the audit log.
func (p discordPinner) Pin(ctx context.Context, channelID, messageID, reason string) error {
	bucket := p.apiBase + "/channels/" + channelID + "/messages/pins"
	endpoint := bucket + "/" + messageID
	_, err := p.s.RequestWithBucketID(http.MethodPut, endpoint, nil, bucket,
		discordgo.WithContext(ctx),
		// The header must be URL-encoded: names are often not ASCII.
		discordgo.WithAuditLogReason(url.PathEscape(truncate(reason, maxAuditLogReason))))
	var rest *discordgo.RESTError
	if errors.As(err, &rest) {
		switch {
		case rest.Message != nil && rest.Message.Code == discordgo.ErrCodeMaximumPinsReached:
			return fmt.Errorf("pin message: %w: %w", errPinsFull, err)
		case rest.Message != nil && rest.Message.Code == discordgo.ErrCodeMissingPermissions,
			rest.Response != nil && rest.Response.StatusCode == http.StatusForbidden:
			return fmt.Errorf("pin message: %w: %w", errNoPinPermission, err)
		}
	}
	if err != nil {
		return fmt.Errorf("pin message: %w", err)
	}
	return nil
}

// Member-facing texts of the Pin button.
const (
	pinRefusedText  = "Only members who can pin messages (the Pin Messages permission) can pin answers."
	pinsFullText    = "This channel already has the maximum of 250 pinned messages. Unpin an old one and press Pin again."
	pinNoPermText   = "I'm not allowed to pin messages here. Ask a server admin to give me the Pin Messages permission in this channel."
	pinDoneText     = "📌 Pinned. It is listed in /pinned."
	pinRecordFailed = "📌 Pinned, but I couldn't record it for /pinned. Please tell a server admin."
)

// handlePin serves the Pin button under a public answer.
func (b *Bot) handlePin(ctx context.Context, i *discordgo.Interaction, r responder) error {
	if i.GuildID == "" {
		_, err := r.Send(ctx, message{Content: pinInDMText, Ephemeral: true})
		return err
	}
	var perms int64
	if i.Member != nil {
		perms = i.Member.Permissions
	}
	if !canPin(perms) {
		_, err := r.Send(ctx, message{Content: pinRefusedText, Ephemeral: true})
		return err
	}
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	if i.Message == nil {
		return errors.New("pin: interaction has no message")
	}
	a, ok, err := b.answerFor(ctx, i)
	if err != nil {
		return err
	}
	if !ok {
		_, err := r.Send(ctx, message{Content: forgottenText, Ephemeral: true})
		return err
	}
	u := userOf(i)
	reason := fmt.Sprintf("Answer pinned by %s (%s) with the Pin button", displayName(u), u.ID)
	if err := b.pinner.Pin(ctx, i.ChannelID, i.Message.ID, reason); err != nil {
		switch {
		case errors.Is(err, errPinsFull):
			b.log.Info("pin refused: channel full", "channel", i.ChannelID, "err", err)
			_, err = r.Send(ctx, message{Content: pinsFullText, Ephemeral: true})
			return err
		case errors.Is(err, errNoPinPermission):
			b.log.Warn("pin refused: bot lacks permission", "channel", i.ChannelID, "err", err)
			_, err = r.Send(ctx, message{Content: pinNoPermText, Ephemeral: true})
			return err
		}
		return err
	}
	rec := PinRecord{
		Question: a.Question, Answer: a.Text, Abstained: a.Abstained, Mode: a.Mode, Model: a.Model,
		Citations: a.Citations, PinnedByID: u.ID, PinnedByName: displayName(u), PinnedAt: b.now().UTC(),
		GuildID: i.GuildID, ChannelID: i.ChannelID, MessageID: i.Message.ID,
	}
	if err := b.store.Append(ctx, rec); err != nil {
		b.log.Error("record pin", "err", err, "message", i.Message.ID)
		_, err := r.Send(ctx, message{Content: pinRecordFailed, Ephemeral: true})
		return err
	}
	_, err = r.Send(ctx, message{Content: pinDoneText, Ephemeral: true})
	return err
}

// pinnedListSize is how many pins /pinned lists.
const pinnedListSize = 10

// pinInDMText answers the Pin button outside a server.
const pinInDMText = "Answers can be pinned in a server channel only; a direct message has no pinned answers."

// pinnedInDMText answers /pinned outside a server, where no pins belong.
const pinnedInDMText = "Pinned answers belong to a server. Use /pinned in a server channel to see its pins."

// handlePinned serves /pinned: it acknowledges first, then reads the pins
// of this server only.
func (b *Bot) handlePinned(ctx context.Context, i *discordgo.Interaction, r responder) error {
	if i.GuildID == "" {
		_, err := r.Send(ctx, message{Content: pinnedInDMText, Ephemeral: true})
		return err
	}
	if err := r.Defer(ctx, deferPublic); err != nil {
		return err
	}
	pins, err := b.store.Latest(ctx, i.GuildID, pinnedListSize)
	if err != nil {
		return err
	}
	_, err = r.Send(ctx, message{Embeds: []*discordgo.MessageEmbed{pinnedEmbed(pins)}})
	return err
}
