package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
)

// channelSender posts to channels outside an interaction: the thread of a
// conversation, and answers to messages.
type channelSender interface {
	// StartThread starts a thread from a message and returns its id (a
	// thread started from a message has the message's id); a thread that
	// already exists is returned as it is.
	StartThread(ctx context.Context, channelID, messageID, name string) (string, error)
	// Send posts m in a channel, as a reply to replyTo when it is set.
	Send(ctx context.Context, channelID string, m message, replyTo string) (string, error)
}

// threadArchive is how long an idle conversation thread stays open, in
// minutes: a day, as long as the conversation is remembered.
const threadArchive = 1440

// discordChannels posts through Discord's REST API.
type discordChannels struct{ s *discordgo.Session }

// StartThread starts a public thread from a message.
func (d discordChannels) StartThread(ctx context.Context, channelID, messageID, name string) (string, error) {
	var ch *discordgo.Channel
	err := retry(ctx, time.Time{}, func(ctx context.Context) (err error) {
		ch, err = d.s.MessageThreadStartComplex(channelID, messageID, &discordgo.ThreadStart{Name: name, AutoArchiveDuration: threadArchive},
			discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if restCode(err) == discordgo.ErrCodeThreadAlreadyCreatedForThisMessage {
		return messageID, nil
	}
	if err != nil {
		return "", fmt.Errorf("start thread: %w", err)
	}
	return ch.ID, nil
}

// Send posts a message that pings nobody.
func (d discordChannels) Send(ctx context.Context, channelID string, m message, replyTo string) (string, error) {
	m = fitMessage(m)
	send := &discordgo.MessageSend{Content: m.Content, Embeds: embedsOf(m), Components: componentsOf(m), AllowedMentions: noMentions()}
	if replyTo != "" {
		send.Reference = &discordgo.MessageReference{MessageID: replyTo, ChannelID: channelID, FailIfNotExists: new(bool)}
	}
	var msg *discordgo.Message
	err := retry(ctx, time.Time{}, func(ctx context.Context) (err error) {
		msg, err = d.s.ChannelMessageSendComplex(channelID, send, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("send to channel: %w", err)
	}
	return messageID(msg), nil
}

// messageIntents are the gateway intents follow-ups by message need:
// messages in servers and DMs, and their content when the privileged
// intent is granted. Without it Discord still gives the content of a
// message that mentions the bot (a reply pings its author by default).
func (b *Bot) messageIntents() discordgo.Intent {
	if _, ok := b.conversing(); !ok {
		return 0
	}
	in := discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if b.opts.MessageContent {
		in |= discordgo.IntentsMessageContent
	}
	return in
}

// addMessageHandler routes the messages that continue a conversation to
// onMessage, in flight fl, under work.
func (b *Bot) addMessageHandler(s *discordgo.Session, work context.Context, fl *flight) {
	if _, ok := b.conversing(); !ok {
		return
	}
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		if s.State == nil || s.State.User == nil || m.Message == nil {
			return
		}
		if !fl.start() {
			return
		}
		defer fl.done()
		ctx, cancel := context.WithTimeout(work, b.opts.AnswerTimeout)
		defer cancel()
		ch, err := s.State.Channel(m.ChannelID)
		b.onMessage(ctx, m.Message, s.State.User.ID, err == nil && ch.IsThread())
	})
}

// unreadableText answers a reply to the bot whose words Discord withheld.
const unreadableText = "I can't read that message: mention me in it (or reply with the mention on), or use /ask."

// onMessage answers a message that continues a conversation: in a thread
// the bot started (or a DM), a reply to the bot or a message mentioning
// it, and with the Message Content intent any message; elsewhere, a reply
// to one of the bot's answers (answered in a thread started from it) or a
// message mentioning the bot (answered as a reply, starting a
// conversation). Every other message is ignored.
//
// A thread holding no conversation (one the bot did not start, or whose
// conversation was pruned) is a conversation of its own once the bot is
// mentioned in it.
func (b *Bot) onMessage(ctx context.Context, m *discordgo.Message, botID string, inThread bool) {
	f, ok := b.conversing()
	if !ok || m.Author == nil || m.Author.Bot || m.Author.ID == botID {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		mentioned = mentioned || (u != nil && u.ID == botID)
	}
	replyTo := ""
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && ref.Author.ID == botID {
		replyTo = ref.ID
	}
	log := b.log.With("message", m.ID, "user", m.Author.ID, "guild", m.GuildID, "channel", m.ChannelID)
	ctx = rag.WithGuild(ctx, m.GuildID) // the server's own story, as for commands
	key, continues := b.conversationKey(ctx, m.GuildID, m.ChannelID)
	switch {
	case continues && (mentioned || replyTo != "" || b.opts.MessageContent || m.GuildID == ""):
	case replyTo != "":
		// A reply to an answer in a channel: its conversation goes on in
		// the thread started from that answer (in a thread already, as a
		// reply there).
		key = store.ConversationKey{GuildID: m.GuildID, ID: replyTo}
		continues = true
	case mentioned && inThread:
		key, continues = store.ConversationKey{GuildID: m.GuildID, ID: m.ChannelID}, true
	case mentioned:
	default:
		log.Debug("message ignored: not for the bot", "in_conversation", continues)
		return
	}
	q := CleanQuestion(m.Content)
	channel, reply := m.ChannelID, m.ID
	say := func(text string) {
		if _, err := b.channels.Send(ctx, channel, message{Content: text}, reply); err != nil {
			log.Error("send notice", "err", err)
		}
	}
	if q == "" {
		if strings.TrimSpace(m.Content) == "" && !mentioned {
			say(unreadableText)
		} else {
			say("Ask me a question about the story, for example: What did the minister say?")
		}
		return
	}
	if n := textLen(q); n > b.opts.MaxQuestionLen {
		say(fmt.Sprintf("Your question is %d characters long; the limit is %d. Please shorten it and ask again.", n, b.opts.MaxQuestionLen))
		return
	}
	if b.limiter != nil {
		if ok, wait := b.limiter.allow(m.Author.ID); !ok {
			say(rateLimitedText(wait))
			return
		}
	}
	if continues && key.ID == replyTo && key.ID != m.ChannelID {
		title := ""
		if len(m.ReferencedMessage.Embeds) > 0 {
			title = m.ReferencedMessage.Embeds[0].Title
		}
		if err := b.seedConversation(ctx, f, key, title); err != nil {
			log.Warn("seed conversation", "err", err)
		}
		if thread, err := b.channels.StartThread(ctx, m.ChannelID, replyTo, b.threadName(replyTo)); err == nil {
			channel, reply = thread, ""
		} else {
			log.Info("no thread for the reply; answering in place", "err", err)
		}
	}
	err := b.answerTurn(ctx, f, m.GuildID, key, continues, q, func(msg message) (string, error) {
		return b.channels.Send(ctx, channel, msg, reply)
	})
	if err != nil {
		text := internalText
		var inv *rag.InvalidError
		switch {
		case errors.As(err, &inv):
			text = inv.Msg
		case errors.Is(err, context.DeadlineExceeded):
			text = timeoutText
		default:
			log.Error("message follow-up failed", "err", err)
		}
		say(text)
	}
}

// threadName names the thread of an answer: its question.
func (b *Bot) threadName(answerID string) string {
	if a, ok := b.answers.get(answerID); ok && a.Question != "" {
		return truncate(oneLine(a.Question), threadNameMax)
	}
	return "Follow-up"
}
