package bot

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
)

// Follower answers a question in the context of a conversation's earlier
// turns; rag.Engine is one. The bot continues conversations (Follow up,
// threads, replies) when its Engine is also a Follower and Options has a
// conversation store.
type Follower interface {
	Follow(ctx context.Context, history []rag.Turn, q string) (rag.FollowUp, error)
}

// ConversationStore keeps the turns of conversations; store.Conversations
// is one.
type ConversationStore interface {
	AppendTurn(ctx context.Context, key store.ConversationKey, t store.Turn) error
	Conversation(ctx context.Context, key store.ConversationKey) (store.Conversation, error)
}

// QuestionLog records every question asked, for /stats; store.Questions is
// one.
type QuestionLog interface {
	LogQuestion(ctx context.Context, q store.Question) error
}

// Turned is the answer to the next turn of a conversation.
type Turned struct {
	rag.FollowUp
	// Asked is the question as the member typed it.
	Asked string
	// Expired says the conversation had expired: this turn began a new one.
	Expired bool
}

// Converse answers q as the next turn of the conversation key: its live
// turns are read from convs, q is resolved against them and answered, and
// the turn is appended. A conversation past its time to live starts again
// from this turn, and Expired says so. The turn is recorded even when the
// answer abstained, so a rephrased follow-up still has its context.
func Converse(ctx context.Context, f Follower, convs ConversationStore, key store.ConversationKey, q string) (Turned, error) {
	c, err := convs.Conversation(ctx, key)
	if err != nil {
		return Turned{}, fmt.Errorf("read conversation: %w", err)
	}
	history := make([]rag.Turn, 0, len(c.Turns))
	for _, t := range c.Turns {
		history = append(history, turnFromStore(t))
	}
	fu, err := f.Follow(ctx, history, q)
	if err != nil {
		return Turned{}, err
	}
	if err := convs.AppendTurn(ctx, key, turnToStore(q, fu)); err != nil {
		return Turned{}, fmt.Errorf("record turn: %w", err)
	}
	return Turned{FollowUp: fu, Asked: q, Expired: c.Expired}, nil
}

// turnFromStore is a stored turn as the resolver reads it: its standalone
// question and who its answer named.
func turnFromStore(t store.Turn) rag.Turn {
	q := t.Resolved
	if q == "" {
		q = t.Question
	}
	out := rag.Turn{Question: q, Focus: t.Focus}
	for _, e := range t.Entities {
		out.Entities = append(out.Entities, rag.Entity(e))
	}
	return out
}

// turnToStore is the record of an answered turn.
func turnToStore(typed string, fu rag.FollowUp) store.Turn {
	t := store.Turn{
		Question:  clip(typed, store.MaxQuestionBytes),
		Answer:    clip(fu.Answer.Text, store.MaxAnswerBytes),
		Abstained: fu.Answer.Abstained,
		Focus:     fu.Turn.Focus,
	}
	if fu.Resolved.Changed {
		t.Resolved = clip(fu.Resolved.Question, store.MaxQuestionBytes)
	}
	for _, c := range fu.Answer.Citations {
		t.Citations = append(t.Citations, store.Citation(c))
	}
	for _, e := range fu.Turn.Entities {
		t.Entities = append(t.Entities, store.Entity(e))
	}
	if len(t.Entities) > maxTurnEntities {
		t.Entities = t.Entities[:maxTurnEntities]
	}
	if len(t.Focus) > maxTurnEntities {
		t.Focus = t.Focus[:maxTurnEntities]
	}
	return t
}

// maxTurnEntities is how many entities and focus words a turn keeps: the
// resolver looks at the first few, and the store takes at most 64.
const maxTurnEntities = 32

// clip cuts s to at most n bytes, between runes.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}

// LogQuestion records a question and whether it was answered, under the
// standalone question when it was resolved; a failure is the caller's to
// log, never the member's problem.
func LogQuestion(ctx context.Context, log QuestionLog, guildID, typed string, a rag.Answer, resolved string) error {
	q := store.Question{GuildID: guildID, Text: clip(typed, store.MaxQuestionBytes), Abstained: a.Abstained}
	if resolved != "" && resolved != typed {
		q.Resolved = clip(resolved, store.MaxQuestionBytes)
	}
	if err := log.LogQuestion(ctx, q); err != nil {
		return fmt.Errorf("log question: %w", err)
	}
	return nil
}

// expiredText tells a member their earlier conversation had expired.
const expiredText = "Your earlier conversation here had expired (conversations last a day), so this question starts a new one."

// resolvedPrefix opens the footer of an answer to a resolved follow-up.
const resolvedPrefix = "Answered as: "

// resolvedNote is the small line under an answer saying what was answered.
func resolvedNote(resolved string) string {
	return resolvedPrefix + oneLine(resolved)
}

// resolvedIn is the standalone question an answer's embed says it
// answered, when it is a follow-up's and the question is whole.
func resolvedIn(e *discordgo.MessageEmbed) (string, bool) {
	if e == nil || e.Footer == nil || !strings.HasPrefix(e.Footer.Text, resolvedPrefix) {
		return "", false
	}
	q, _, ok := strings.Cut(strings.TrimPrefix(e.Footer.Text, resolvedPrefix), " · Answered by: ")
	if !ok || q == "" || strings.HasSuffix(q, ellipsis) {
		return "", false
	}
	return q, true
}

// FollowUpEmbed renders the answer to a turn of a conversation: the answer
// as AnswerEmbed shows it under the question as typed, with the standalone
// question that was answered in the footer, small under the answer, when
// it differs.
func FollowUpEmbed(t Turned) *discordgo.MessageEmbed {
	return followUpEmbed(t, forDiscord)
}

func followUpEmbed(t Turned, l layout) *discordgo.MessageEmbed {
	e := answerEmbed(t.Answer, l)
	if t.Resolved.Changed && t.Asked != "" {
		e.Title = t.Asked
		if l == forDiscord {
			e.Title = truncate(escapeMarkdown(t.Asked), maxEmbedTitle)
		}
		// Footers render no markdown and no mentions: the question shows
		// as written.
		e.Footer.Text = resolvedNote(t.Resolved.Question) + " · " + e.Footer.Text
		if l == forDiscord {
			e.Footer.Text = truncate(e.Footer.Text, maxFooter)
		}
	}
	return e
}

// WriteFollowUp writes the answer to a turn for a terminal as
// FollowUpEmbed shows it, after a note when the conversation had expired.
func WriteFollowUp(w io.Writer, t Turned) error {
	s := EmbedText(followUpEmbed(t, forTerminal))
	if t.Expired {
		s = expiredText + "\n" + s
	}
	_, err := io.WriteString(w, s)
	return err
}

// Custom ids of conversations.
const (
	idFollowUp      = "followup"  // the button under an answer
	idFollowUpModal = "followupq" // its modal: followupq:<answer message id>
	followUpInput   = "question"  // the modal's text input
)

// conversing returns the follower when follow-ups are on: the engine can
// follow a conversation and there is a store for its turns.
func (b *Bot) conversing() (Follower, bool) {
	f, ok := b.engine.(Follower)
	return f, ok && b.opts.Conversations != nil
}

// conversationAt reports whether channelID (a thread the bot started, or a
// DM) holds a conversation of guildID, live or expired.
func (b *Bot) conversationAt(ctx context.Context, guildID, channelID string) bool {
	if channelID == "" {
		return false
	}
	c, err := b.opts.Conversations.Conversation(ctx, store.ConversationKey{GuildID: guildID, ID: channelID})
	if err != nil {
		b.log.Warn("read conversation", "guild", guildID, "channel", channelID, "err", err)
		return false
	}
	return len(c.Turns) > 0 || c.Expired
}

// conversationKey is the conversation a question asked in a channel
// continues, or false when it starts one: the console session, a DM
// channel, or a thread that holds a conversation.
func (b *Bot) conversationKey(ctx context.Context, guildID, channelID string) (store.ConversationKey, bool) {
	switch {
	case b.consoleConversation != "":
		return store.ConversationKey{GuildID: guildID, ID: b.consoleConversation}, true
	case guildID == "" && channelID != "":
		return store.ConversationKey{ID: channelID}, true
	case b.conversationAt(ctx, guildID, channelID):
		return store.ConversationKey{GuildID: guildID, ID: channelID}, true
	}
	return store.ConversationKey{}, false
}

// answerTurn answers q in the conversation key continues, or as the first
// turn of a new one, and sends the answer with send. A new conversation is
// keyed by the id of the answer's message: the id a thread started from it
// will have.
func (b *Bot) answerTurn(ctx context.Context, f Follower, guildID string, key store.ConversationKey, continues bool, q string, send func(message) (string, error)) error {
	var t Turned
	var err error
	if continues {
		t, err = Converse(ctx, f, b.opts.Conversations, key, q)
	} else {
		t.FollowUp, err = f.Follow(ctx, nil, q)
		t.Asked = q
	}
	if err != nil {
		return fmt.Errorf("answer %q: %w", q, err)
	}
	if t.Answer.Question == "" {
		t.Answer.Question = t.Resolved.Question
	}
	m := answerMessage(t.Answer)
	m.Embeds = []*discordgo.MessageEmbed{FollowUpEmbed(t)}
	m = b.withAnswerButtons(m, t.Answer)
	if t.Expired {
		m.Content = expiredText
	}
	id, err := send(m)
	if err != nil {
		return err
	}
	if id != "" {
		b.answers.put(id, t.Answer)
		if !continues {
			key = store.ConversationKey{GuildID: guildID, ID: id}
			if err := b.opts.Conversations.AppendTurn(ctx, key, turnToStore(q, t.FollowUp)); err != nil {
				b.log.Warn("first turn of a conversation not recorded", "err", err)
			}
		}
	}
	b.logQuestion(ctx, guildID, q, t.Answer, t.Resolved.Question)
	return nil
}

// logQuestion records a question for /stats, when there is a log.
func (b *Bot) logQuestion(ctx context.Context, guildID, q string, a rag.Answer, resolved string) {
	meterOf(ctx).answered(a) // every answer is logged: the metrics count it here
	if b.opts.Questions == nil {
		return
	}
	if err := LogQuestion(ctx, b.opts.Questions, guildID, q, a, resolved); err != nil {
		b.log.Warn("question not logged", "err", err)
	}
}

// withAnswerButtons adds, under an answer, the Follow up button (when
// follow-ups are on) and the 👍/👎 buttons (when votes are kept), in a row
// of their own.
func (b *Bot) withAnswerButtons(m message, a rag.Answer) message {
	var row []discordgo.MessageComponent
	if _, ok := b.conversing(); ok {
		row = append(row, discordgo.Button{Label: "Follow up", Style: discordgo.PrimaryButton, CustomID: idFollowUp, Emoji: &discordgo.ComponentEmoji{Name: "💬"}})
	}
	if b.opts.Feedback != nil {
		row = append(row,
			discordgo.Button{Label: "Helpful", Style: discordgo.SecondaryButton, CustomID: idVote + ":" + voteUp, Emoji: &discordgo.ComponentEmoji{Name: "👍"}},
			discordgo.Button{Label: "Not helpful", Style: discordgo.SecondaryButton, CustomID: idVote + ":" + voteDown, Emoji: &discordgo.ComponentEmoji{Name: "👎"}})
	}
	if len(row) > 0 {
		m.Components = append(m.Components, discordgo.ActionsRow{Components: row})
	}
	return m
}

// askInConversation serves /ask when follow-ups are on: in a conversation's
// thread (or DM, or the console) the question continues it; elsewhere it
// starts one. The interaction is already deferred publicly.
func (b *Bot) askInConversation(ctx context.Context, i *discordgo.Interaction, r responder, f Follower, q string) error {
	key, continues := b.conversationKey(ctx, i.GuildID, i.ChannelID)
	return b.answerTurn(ctx, f, i.GuildID, key, continues, q, func(m message) (string, error) { return r.Send(ctx, m) })
}

// modalResponder is a responder that can open a modal.
type modalResponder interface {
	Modal(ctx context.Context, data *discordgo.InteractionResponseData) error
}

// handleFollowUp serves the Follow up button: a modal asking for the next
// question.
func (b *Bot) handleFollowUp(ctx context.Context, i *discordgo.Interaction, r responder) error {
	mr, ok := r.(modalResponder)
	if _, on := b.conversing(); !ok || !on || i.Message == nil {
		_, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true})
		return err
	}
	return mr.Modal(ctx, &discordgo.InteractionResponseData{
		CustomID: idFollowUpModal + ":" + i.Message.ID,
		Title:    "Follow up",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{
				CustomID: followUpInput, Label: "Your next question", Style: discordgo.TextInputShort,
				Placeholder: "e.g. What did he say about it?", Required: true, MinLength: 1,
				MaxLength: min(b.opts.MaxQuestionLen, maxTextInput),
			},
		}}},
	})
}

// maxTextInput is Discord's limit on a modal text input.
const maxTextInput = 4000

// threadNameMax is Discord's limit on a thread name.
const threadNameMax = 100

// handleFollowUpSubmit serves the Follow up modal: the question is answered
// in the conversation of the answer it was asked under. In a thread (or DM,
// or the console) the answer follows there; under an answer in a channel,
// a thread is started from that answer and the answer goes into it.
func (b *Bot) handleFollowUpSubmit(ctx context.Context, i *discordgo.Interaction, r responder) error {
	f, ok := b.conversing()
	if !ok {
		_, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true})
		return err
	}
	data := i.ModalSubmitData()
	_, answerID, _ := strings.Cut(data.CustomID, ":")
	q := CleanQuestion(modalValue(data, followUpInput))
	if q == "" {
		_, err := r.Send(ctx, message{Content: "Please type a question, for example: What did he say about it?", Ephemeral: true})
		return err
	}
	if n := textLen(q); n > b.opts.MaxQuestionLen {
		_, err := r.Send(ctx, message{Content: fmt.Sprintf("Your question is %d characters long; the limit is %d. Please shorten it and ask again.", n, b.opts.MaxQuestionLen), Ephemeral: true})
		return err
	}
	if ok, err := b.allowQuestion(ctx, i, r); !ok {
		return err
	}
	if key, continues := b.conversationKey(ctx, i.GuildID, i.ChannelID); continues || b.channels == nil || answerID == "" {
		if err := r.Defer(ctx, deferPublic); err != nil {
			return err
		}
		ctx = b.withProgress(ctx, r)
		return b.answerTurn(ctx, f, i.GuildID, key, continues, q, func(m message) (string, error) { return r.Send(ctx, m) })
	}
	// Under an answer in a channel: the conversation is the thread started
	// from that answer, whose id is the answer's.
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	ctx = b.withProgress(ctx, r)
	key := store.ConversationKey{GuildID: i.GuildID, ID: answerID}
	title := ""
	if i.Message != nil && len(i.Message.Embeds) > 0 {
		title = i.Message.Embeds[0].Title
	}
	if err := b.seedConversation(ctx, f, key, title); err != nil {
		return err
	}
	name := "Follow-up"
	if a, ok := b.answers.get(answerID); ok && a.Question != "" {
		name = truncate(oneLine(a.Question), threadNameMax)
	}
	where, replyTo, done := "", "", ""
	if thread, err := b.channels.StartThread(ctx, i.ChannelID, answerID, name); err == nil {
		where, done = thread, "I answered in the thread <#"+thread+">."
	} else {
		// No thread (the bot may lack Create Public Threads): the answer
		// replies to the first one in the channel, and the conversation
		// goes on by replies.
		b.log.Warn("no thread for the follow-up; replying in the channel", "answer", answerID, "err", err)
		where, replyTo, done = i.ChannelID, answerID, "I answered below the first answer (I could not start a thread here)."
	}
	if err := b.answerTurn(ctx, f, i.GuildID, key, true, q, func(m message) (string, error) {
		return b.channels.Send(ctx, where, m, replyTo)
	}); err != nil {
		return err
	}
	_, err := r.Send(ctx, message{Content: done, Ephemeral: true})
	return err
}

// seedConversation makes sure the conversation keyed by an answer's id has
// the answer's turn: an answer given before follow-ups were kept, or whose
// turn expired, is taken from memory or from its embed's title (the
// question) and answered again.
func (b *Bot) seedConversation(ctx context.Context, f Follower, key store.ConversationKey, title string) error {
	c, err := b.opts.Conversations.Conversation(ctx, key)
	if err != nil {
		return fmt.Errorf("read conversation: %w", err)
	}
	if len(c.Turns) > 0 {
		return nil
	}
	a, ok := b.answers.get(key.ID)
	q := a.Question
	if !ok {
		q = unescapeMarkdown(title)
	}
	if q == "" || strings.HasSuffix(q, ellipsis) {
		return nil // nothing to go on: the follow-up starts afresh
	}
	fu, err := f.Follow(ctx, nil, q)
	if err != nil {
		return fmt.Errorf("answer again %q: %w", q, err)
	}
	if err := b.opts.Conversations.AppendTurn(ctx, key, turnToStore(q, fu)); err != nil {
		return fmt.Errorf("record turn: %w", err)
	}
	return nil
}

// modalValue is the value of the modal's text input id.
func modalValue(data discordgo.ModalSubmitInteractionData, id string) string {
	for _, row := range data.Components {
		r, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range r.Components {
			if ti, ok := c.(*discordgo.TextInput); ok && ti.CustomID == id {
				return ti.Value
			}
		}
	}
	return ""
}
