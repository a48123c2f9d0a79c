package bot

// conversationCommands are the commands of issue 12 beside /ask: claim
// checking, and the moderators' /stats.
func (b *Bot) conversationCommands() []command {
	return append(b.checkCommands(), b.statsCommands()...)
}

// conversationComponents route the buttons and modals of conversations,
// claims and votes.
func (b *Bot) conversationComponents() map[string]handlerFunc {
	return map[string]handlerFunc{
		idCheckPost:     b.handleCheckPost,
		idFollowUp:      b.handleFollowUp,
		idFollowUpModal: b.handleFollowUpSubmit,
		idVote:          b.handleVote,
	}
}
