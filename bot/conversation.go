package bot

// conversationCommands are the commands of issue 12 beside /ask: claim
// checking, and the moderators' /stats.
func (b *Bot) conversationCommands() []command {
	return append(b.checkCommands(), b.statsCommands()...)
}
