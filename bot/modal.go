package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Modal opens a modal: callback type 9, which must be the interaction's
// first response.
func (r *discordResponder) Modal(ctx context.Context, data *discordgo.InteractionResponseData) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state != stateNew {
		return errors.New("open modal: the interaction was already answered")
	}
	if err := r.callback(ctx, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: data}); err != nil {
		return fmt.Errorf("open modal: %w", err)
	}
	r.state = stateReplied
	return nil
}

// Modal asks for the modal's text on the console: the next line that is
// not a command is submitted as its first text input.
func (r *consoleResponder) Modal(_ context.Context, data *discordgo.InteractionResponseData) error {
	r.c.modal = data
	label := data.Title
	for _, row := range data.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if ti, ok := c.(discordgo.TextInput); ok {
					label = ti.Label
				}
			}
		}
	}
	fmt.Fprintf(r.c.out, "%s: type it on the next line (a /command cancels)\n", label)
	return nil
}

// submitModal submits line as the text of the console's open modal.
func (c *console) submitModal(ctx context.Context, line string) {
	data := c.modal
	c.modal = nil
	sub := discordgo.ModalSubmitInteractionData{CustomID: data.CustomID}
	for _, row := range data.Components {
		ar, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		out := &discordgo.ActionsRow{}
		for _, comp := range ar.Components {
			if ti, ok := comp.(discordgo.TextInput); ok {
				out.Components = append(out.Components, &discordgo.TextInput{CustomID: ti.CustomID, Value: line})
			}
		}
		sub.Components = append(sub.Components, out)
	}
	c.serve(ctx, c.interaction(discordgo.InteractionModalSubmit, sub, nil), nil)
}
