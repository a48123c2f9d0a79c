package bot

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/rag"
)

// Checker judges a claim against the sources; rag.Engine is one. The bot
// offers /check and the "Check against sources" message command when its
// Engine is also a Checker.
type Checker interface {
	Check(ctx context.Context, claim string) (rag.CheckResult, error)
}

// Names and custom ids of claim checking.
const (
	checkCommand        = "check"
	checkMessageCommand = "Check against sources"
	idCheckPost         = "checkpost"
)

// Verdict colours.
const (
	colorSupported = 0x22c55e
	colorDisputed  = 0xef4444
)

// claimTitlePrefix heads a verdict; the rest of the title is the claim.
const claimTitlePrefix = "Claim: "

// checkCommands are the commands of claim checking, when the engine can
// check claims.
func (b *Bot) checkCommands() []command {
	if _, ok := b.engine.(Checker); !ok {
		return nil
	}
	minLen := 1
	anywhere := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	return []command{
		{
			def: &discordgo.ApplicationCommand{
				Name:        checkCommand,
				Description: "Check a claim against the sources: supported, disputed or not found",
				Contexts:    anywhere,
				Options: []*discordgo.ApplicationCommandOption{{
					Type: discordgo.ApplicationCommandOptionString, Name: "claim",
					Description: "The claim, e.g. Iran sent missiles to Russia", Required: true,
					MinLength: &minLen, MaxLength: min(b.opts.MaxQuestionLen, maxOptionLength),
				}},
			},
			handle: b.handleCheck,
		},
		{
			def: &discordgo.ApplicationCommand{
				Name:     checkMessageCommand,
				Type:     discordgo.MessageApplicationCommand,
				Contexts: anywhere,
			},
			handle: b.handleCheck,
		},
	}
}

// handleCheck serves /check claim:<text> and the message command: the
// verdict privately, with a button to post it in the channel.
func (b *Bot) handleCheck(ctx context.Context, i *discordgo.Interaction, r responder) error {
	checker, ok := b.engine.(Checker)
	if !ok {
		_, err := r.Send(ctx, message{Content: unknownText, Ephemeral: true})
		return err
	}
	claim := CleanQuestion(claimOf(i))
	if claim == "" {
		_, err := r.Send(ctx, message{Content: "There is no claim to check: give one, for example `/check claim: Iran sent drones to Russia`, or use the command on a message with text.", Ephemeral: true})
		return err
	}
	if ok, err := b.allowQuestion(ctx, i, r); !ok {
		return err
	}
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	res, err := checker.Check(ctx, claim)
	if err != nil {
		return fmt.Errorf("check %q: %w", claim, err)
	}
	key := b.checks.put(res)
	m := checkMessage(res)
	m.Ephemeral = true
	m.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Post publicly", Style: discordgo.PrimaryButton, CustomID: idCheckPost + ":" + key},
	}}}
	_, err = r.Send(ctx, m)
	return err
}

// claimOf is the claim of /check or the text of the message the message
// command was used on.
func claimOf(i *discordgo.Interaction) string {
	if i.Type != discordgo.InteractionApplicationCommand {
		return ""
	}
	data := i.ApplicationCommandData()
	if data.CommandType != discordgo.MessageApplicationCommand {
		return optionString(i, "claim")
	}
	if data.Resolved == nil {
		return ""
	}
	if m, ok := data.Resolved.Messages[data.TargetID]; ok && m != nil {
		return m.Content
	}
	return ""
}

// handleCheckPost serves Post publicly: the verdict, in the channel.
func (b *Bot) handleCheckPost(ctx context.Context, i *discordgo.Interaction, r responder) error {
	_, key, _ := strings.Cut(i.MessageComponentData().CustomID, ":")
	res, ok := b.checks.get(key)
	if !ok {
		// Forgotten (a restart): check the claim of the verdict again.
		claim := ""
		if i.Message != nil && len(i.Message.Embeds) > 0 {
			claim = unescapeMarkdown(strings.TrimPrefix(i.Message.Embeds[0].Title, claimTitlePrefix))
		}
		checker, can := b.engine.(Checker)
		if claim == "" || strings.HasSuffix(claim, ellipsis) || !can {
			_, err := r.Send(ctx, message{Content: "I no longer have this verdict (the bot may have restarted). Please check the claim again.", Ephemeral: true})
			return err
		}
		if err := r.Defer(ctx, deferPublic); err != nil {
			return err
		}
		var err error
		if res, err = checker.Check(ctx, claim); err != nil {
			return fmt.Errorf("check again %q: %w", claim, err)
		}
		_, err = r.Send(ctx, checkMessage(res))
		return err
	}
	_, err := r.Send(ctx, checkMessage(res))
	return err
}

// verdictText is how a verdict reads.
func verdictText(v string) string {
	switch v {
	case string(rag.Supported):
		return "✅ **Supported** by the sources"
	case string(rag.Disputed):
		return "❌ **Disputed**: a source contradicts or denies it"
	}
	return "❔ **Not found** in the sources"
}

// CheckEmbed renders a verdict as members see it: the claim as title, the
// verdict and its explanation, and one field per deciding passage (title,
// date, verbatim quote, who said it), within Discord's limits.
func CheckEmbed(res rag.CheckResult) *discordgo.MessageEmbed {
	return checkEmbed(res, forDiscord)
}

// WriteCheck writes a verdict for a terminal as CheckEmbed shows it, with
// every passage's URL and nothing cut.
func WriteCheck(w io.Writer, res rag.CheckResult) error {
	_, err := io.WriteString(w, EmbedText(checkEmbed(res, forTerminal)))
	return err
}

func checkEmbed(res rag.CheckResult, l layout) *discordgo.MessageEmbed {
	claim := oneLine(res.Claim)
	if l == forDiscord {
		claim = escapeMarkdown(claim) // member-written
	}
	e := &discordgo.MessageEmbed{
		Title:       claimTitlePrefix + claim,
		Description: verdictText(string(res.Verdict)),
		Color:       colorAbstain,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Checked by rules against the sources · every quote is verbatim from the sources"},
	}
	switch res.Verdict {
	case rag.Supported:
		e.Color = colorSupported
	case rag.Disputed:
		e.Color = colorDisputed
	}
	if x := res.Explanation; x != "" {
		if l == forDiscord {
			x = escapeMarkdown(x) // it repeats the claim's words
		}
		e.Description += "\n" + x
	}
	for n, c := range res.Citations {
		value := quoteBlock(c.Quote)
		if n < len(res.Evidence) && res.Evidence[n].Speaker != "" {
			who := res.Evidence[n].Speaker
			if role := res.Evidence[n].Role; role != "" {
				who += ", " + role
			}
			value += "\n— " + who
		}
		if l == forTerminal && c.URL != "" {
			value = c.URL + "\n" + value
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: citationHeading(c), Value: value})
	}
	if l == forDiscord {
		fitEmbed(e)
	}
	return e
}

// checkMessage is a verdict as a message.
func checkMessage(res rag.CheckResult) message {
	return message{Embeds: []*discordgo.MessageEmbed{CheckEmbed(res)}}
}

// checkCacheSize bounds the verdicts kept for Post publicly.
const checkCacheSize = 500

// checkCache keeps the latest verdicts by a short key (a custom id holds
// 100 characters; a claim may be longer), oldest evicted first.
type checkCache struct {
	// prefix differs between runs, so a button of an earlier run never
	// finds another claim's verdict.
	prefix string
	seq    atomic.Uint64
	mu     sync.Mutex
	byKey  map[string]rag.CheckResult
	order  []string
}

func (c *checkCache) put(res rag.CheckResult) string {
	n := c.seq.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[string]rag.CheckResult{}
		c.prefix = strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	key := c.prefix + "-" + strconv.FormatUint(n, 36)
	c.byKey[key] = res
	c.order = append(c.order, key)
	for len(c.order) > checkCacheSize {
		delete(c.byKey, c.order[0])
		c.order = c.order[1:]
	}
	return key
}

func (c *checkCache) get(key string) (rag.CheckResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	res, ok := c.byKey[key]
	return res, ok
}
