package fakediscord

import (
	"encoding/json"
	"net/http"
)

// Gateway intents the fake reads from the bot's Identify.
const (
	intentGuildMessages  = 1 << 9
	intentDirectMessages = 1 << 12
	intentMessageContent = 1 << 15
)

// Message is a member's message for DispatchMessage.
type Message struct {
	ID        string
	ChannelID string
	GuildID   string // empty: a DM
	AuthorID  string
	Content   string
	// Mentions are the ids of the users the message mentions.
	Mentions []string
	// ReplyTo is the message replied to; ReplyToAuthor its author (the bot:
	// BotUserID) and ReplyToEmbeds its embeds.
	ReplyTo, ReplyToAuthor string
	ReplyToEmbeds          []map[string]any
}

// DispatchMessage sends a MESSAGE_CREATE as Discord would send it to the
// bot: only when the bot identified with the intent for messages of its
// kind (guild or DM), and with the content withheld, following Discord's
// rules, unless the bot has the Message Content intent, is mentioned, or
// the message is a DM. It reports whether the event was sent.
func (s *Server) DispatchMessage(m Message) (bool, error) {
	intents := s.intents()
	kind := intentGuildMessages
	if m.GuildID == "" {
		kind = intentDirectMessages
	}
	if intents&kind == 0 {
		return false, nil
	}
	content := m.Content
	mentioned := false
	mentions := []any{}
	for _, id := range m.Mentions {
		mentioned = mentioned || id == BotUserID
		mentions = append(mentions, map[string]any{"id": id, "username": "user" + id})
	}
	if intents&intentMessageContent == 0 && !mentioned && m.GuildID != "" {
		content = ""
	}
	ev := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "content": content, "type": 0,
		"author":    map[string]any{"id": m.AuthorID, "username": "member" + m.AuthorID},
		"mentions":  mentions,
		"timestamp": "2026-01-01T00:00:00.000000+00:00",
	}
	if m.GuildID != "" {
		ev["guild_id"] = m.GuildID
	}
	if m.ReplyTo != "" {
		ev["type"] = 19
		ev["message_reference"] = map[string]any{"message_id": m.ReplyTo, "channel_id": m.ChannelID}
		ref := map[string]any{"id": m.ReplyTo, "channel_id": m.ChannelID, "content": "",
			"author": map[string]any{"id": m.ReplyToAuthor, "username": "storybot", "bot": m.ReplyToAuthor == BotUserID}}
		if m.ReplyToEmbeds != nil {
			ref["embeds"] = m.ReplyToEmbeds
		}
		ev["referenced_message"] = ref
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		return false, err
	}
	return true, s.send("MESSAGE_CREATE", raw)
}

// intents are those of the bot's latest Identify.
func (s *Server) intents() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.identify) == 0 {
		return 0
	}
	var id struct {
		Intents int `json:"intents"`
	}
	json.Unmarshal(s.identify[len(s.identify)-1], &id)
	return id.Intents
}

// startThread answers POST /channels/{channel}/messages/{message}/threads:
// a public thread whose id is the message's, owned by the bot; a second
// start from the same message fails as Discord's does (code 160004).
func (s *Server) startThread(w http.ResponseWriter, channelID, messageID string, body []byte) {
	s.mu.Lock()
	if s.threads == nil {
		s.threads = map[string]bool{}
	}
	exists := s.threads[messageID]
	s.threads[messageID] = true
	s.mu.Unlock()
	if exists {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "A thread has already been created for this message", "code": 160004})
		return
	}
	var req struct {
		Name string `json:"name"`
	}
	json.Unmarshal(body, &req)
	writeJSON(w, http.StatusCreated, map[string]any{
		"id": messageID, "type": 11, "parent_id": channelID, "owner_id": BotUserID, "name": req.Name,
		"thread_metadata": map[string]any{"archived": false, "auto_archive_duration": 1440},
	})
}

// Threads lists the ids of the threads the bot started.
func (s *Server) Threads() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for id := range s.threads {
		out = append(out, id)
	}
	return out
}
