package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/internal/metrics"
	"github.com/newsbot/storybot/rag"
)

// meter follows one interaction for the metrics: when it was received,
// when it was first acknowledged (the Discord responder tells it, through
// the handler's context), and what became of it. Handlers say what
// became of a question with answered or refused; an error returned is
// counted by serve, anything else is "ok".
type meter struct {
	command  string
	received time.Time
	m        *metrics.Metrics

	mu      sync.Mutex
	acked   bool
	outcome string
	mode    string
}

type meterKey struct{}

// withMeter puts a meter for command in ctx.
func withMeter(ctx context.Context, m *metrics.Metrics, command string, received time.Time) (context.Context, *meter) {
	mt := &meter{command: command, received: received, m: m}
	return context.WithValue(ctx, meterKey{}, mt), mt
}

// meterOf is ctx's meter; nil (which records nothing) outside serve.
func meterOf(ctx context.Context) *meter {
	mt, _ := ctx.Value(meterKey{}).(*meter)
	return mt
}

// answered records that a's question was answered (or abstained from).
func (mt *meter) answered(a rag.Answer) {
	if mt == nil {
		return
	}
	mt.mu.Lock()
	defer mt.mu.Unlock()
	mt.outcome, mt.mode = metrics.OutcomeAnswered, a.Mode
	if a.Abstained {
		mt.outcome = metrics.OutcomeAbstained
	}
}

// refused records a refusal (rate limit, missing permission).
func (mt *meter) refused() {
	if mt == nil {
		return
	}
	mt.mu.Lock()
	defer mt.mu.Unlock()
	mt.outcome = metrics.OutcomeRefused
}

// ack observes the first acknowledgement.
func (mt *meter) ack() {
	if mt == nil {
		return
	}
	mt.mu.Lock()
	defer mt.mu.Unlock()
	if !mt.acked {
		mt.acked = true
		mt.m.Acked(mt.command, time.Since(mt.received))
	}
}

// finish counts the interaction once its handler returned err.
func (mt *meter) finish(err error) {
	mt.mu.Lock()
	defer mt.mu.Unlock()
	outcome := mt.outcome
	var inv *rag.InvalidError
	switch {
	case err != nil && errors.As(err, &inv):
		outcome = metrics.OutcomeInvalid
	case err != nil:
		outcome = metrics.OutcomeError
	case outcome == "":
		outcome = metrics.OutcomeOK
	}
	mt.m.Interaction(mt.command, outcome)
	if outcome == metrics.OutcomeAnswered || outcome == metrics.OutcomeAbstained {
		mt.m.Answered(mt.command, mt.mode, time.Since(mt.received))
	}
}

// meterName is how an interaction is labelled: the command's name, the
// button's id, with autocomplete set apart.
func meterName(i *discordgo.Interaction, name string) string {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return name + ":autocomplete"
	}
	return name
}
