package bot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/term"
)

// maxConsoleLine is the longest line the console reads: far above any
// question (MAX_QUESTION_LENGTH is at most 4000 characters).
const maxConsoleLine = 1 << 20

// The console's stand-ins for Discord's ids.
const (
	consoleGuild   = "console"
	consoleChannel = "console"
	consoleUser    = "console"
)

// RunConsole is a terminal session with the bot: lines like
// "/ask question: …" (or "/ask …"), "/timeline [topic]",
// "/who-said query: …", "/pinned", "/help" and "/quit" are served by the same
// handlers as in Discord and the replies are printed as text. Typing a
// number presses that button of the last message that has buttons; Pin
// records the pin locally, made by moderator "console". Opts is read as for
// New, except that no token is needed and there is no rate limit. It returns
// nil at /quit, at the end of in, or when ctx is done.
func RunConsole(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	b, err := newConsoleBot(opts)
	if err != nil {
		return err
	}
	return (&console{b: b, out: out, echo: !isTerminal(in)}).run(ctx, in)
}

// isTerminal reports whether r is an interactive terminal, which echoes
// what is typed itself.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newConsoleBot is a Bot for the console: no rate limit, local pins.
func newConsoleBot(opts Options) (*Bot, error) {
	b, err := newBot(opts)
	if err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	b.limiter = nil
	b.pinner = consolePinner{}
	// The session is one conversation.
	b.consoleConversation = fmt.Sprintf("console-%d", time.Now().UnixNano())
	return b, nil
}

// consolePinner pins nothing: the console has no channel. The Pin handler
// still records the pin.
type consolePinner struct{}

// Pin does nothing.
func (consolePinner) Pin(context.Context, string, string, string) error { return nil }

// console is one terminal session.
type console struct {
	b    *Bot
	out  io.Writer
	seq  int
	msgs int
	last *consoleMessage // the last message with buttons
	echo bool            // print each input line, so a scripted session reads as a transcript
	// modal is the modal waiting for its text (Follow up), if any.
	modal *discordgo.InteractionResponseData
}

// consoleMessage is a printed message whose buttons can still be pressed.
type consoleMessage struct {
	id      string
	embeds  []*discordgo.MessageEmbed
	buttons []discordgo.Button
}

const consoleHelp = `Commands:
  /ask question: <text>       ask a question (also: /ask <text>)
  /timeline [topic]           the story's events in order
  /who-said query: <words>    who said what (a quote's words or a speaker's name)
  /pinned                     the latest pinned answers
  /check claim: <text>        what the sources say about a claim
  /stats                      what the community asked (moderators)
  /help                       this help
  /quit                       leave
Type a number to press that button of the last message with buttons.
`

func (c *console) run(ctx context.Context, in io.Reader) error {
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), maxConsoleLine)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	fmt.Fprint(c.out, "storybot console: type /help for commands, /quit to leave.\n")
	for {
		fmt.Fprint(c.out, "> ")
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			fmt.Fprintln(c.out)
			return nil
		case line, ok = <-lines:
		}
		if !ok {
			fmt.Fprintln(c.out)
			return nil
		}
		if c.echo {
			fmt.Fprintln(c.out, line)
		}
		if strings.HasPrefix(strings.TrimSpace(line), "/") {
			c.modal = nil // a command cancels an open modal
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case c.modal != nil && !strings.HasPrefix(line, "/"):
			c.submitModal(ctx, line)
			continue
		case line == "/quit" || line == "/exit":
			return nil
		case line == "/help":
			fmt.Fprint(c.out, consoleHelp)
		case isNumber(line):
			c.press(ctx, line)
		case strings.HasPrefix(line, "/"):
			c.command(ctx, line)
		default:
			fmt.Fprint(c.out, "Commands start with /. Type /help to see them.\n")
		}
	}
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// command runs a slash command typed on the console.
func (c *console) command(ctx context.Context, line string) {
	name, rest, _ := strings.Cut(strings.TrimPrefix(line, "/"), " ")
	rest = strings.TrimSpace(rest)
	var def *discordgo.ApplicationCommand
	for _, cmd := range c.b.commands() {
		if cmd.def.Name == name {
			def = cmd.def
		}
	}
	if def == nil {
		fmt.Fprintf(c.out, "Unknown command /%s. Type /help to see the commands.\n", name)
		return
	}
	data := discordgo.ApplicationCommandInteractionData{ID: "console-" + name, Name: name, CommandType: discordgo.ChatApplicationCommand}
	if sub, ok := consoleSubcommand(def, rest); ok {
		data.Options = []*discordgo.ApplicationCommandInteractionDataOption{sub}
	} else if len(def.Options) > 0 && rest != "" {
		opt, value := def.Options[0].Name, rest
		for _, o := range def.Options {
			if p := o.Name + ":"; len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
				opt, value = o.Name, strings.TrimSpace(rest[len(p):])
			}
		}
		if value != "" {
			data.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: opt, Type: discordgo.ApplicationCommandOptionString, Value: value}}
		}
	}
	c.serve(ctx, c.interaction(discordgo.InteractionApplicationCommand, data, nil), nil)
}

// press presses button n (from 1) of the last message with buttons.
func (c *console) press(ctx context.Context, num string) {
	n, _ := strconv.Atoi(num)
	if c.last == nil || n < 1 || n > len(c.last.buttons) {
		fmt.Fprint(c.out, "There is no such button. Buttons are numbered under the last message that has them.\n")
		return
	}
	btn := c.last.buttons[n-1]
	if btn.Disabled {
		fmt.Fprintf(c.out, "The %s button is disabled.\n", btn.Label)
		return
	}
	data := discordgo.MessageComponentInteractionData{CustomID: btn.CustomID, ComponentType: discordgo.ButtonComponent}
	msg := &discordgo.Message{ID: c.last.id, ChannelID: consoleChannel, Embeds: c.last.embeds}
	c.serve(ctx, c.interaction(discordgo.InteractionMessageComponent, data, msg), c.last)
}

// interaction builds what Discord would send for the console's user, who
// has every permission.
func (c *console) interaction(t discordgo.InteractionType, data discordgo.InteractionData, msg *discordgo.Message) *discordgo.Interaction {
	c.seq++
	return &discordgo.Interaction{
		ID: fmt.Sprintf("console-%d", c.seq), AppID: "console", Type: t, Data: data,
		GuildID: consoleGuild, ChannelID: consoleChannel, Message: msg, Token: "console", Version: 1,
		Member: &discordgo.Member{
			User:        &discordgo.User{ID: consoleUser, Username: consoleUser},
			Permissions: permAdministrator | permPinMessages,
		},
	}
}

func (c *console) serve(ctx context.Context, i *discordgo.Interaction, on *consoleMessage) {
	hctx, cancel := context.WithTimeout(ctx, c.b.opts.AnswerTimeout)
	defer cancel()
	c.b.serve(hctx, i, &consoleResponder{c: c, on: on})
}

// consoleResponder prints replies.
type consoleResponder struct {
	c    *console
	on   *consoleMessage // the message whose button was pressed
	kind deferKind
	def  bool
	sent int
}

// Defer remembers how the reply is to be shown.
func (r *consoleResponder) Defer(_ context.Context, kind deferKind) error {
	r.kind, r.def = kind, true
	return nil
}

// Send prints m; a deferred update replaces the message the button is on.
func (r *consoleResponder) Send(_ context.Context, m message) (string, error) {
	m = fitMessage(m)
	c := r.c
	defer func() { r.sent++ }()
	if r.def && r.kind == deferUpdate && r.sent == 0 && r.on != nil {
		r.on.embeds, r.on.buttons = m.Embeds, buttonsOf(m.Components)
		fmt.Fprint(c.out, "(message updated)\n"+consoleText(m)+"\n")
		return r.on.id, nil
	}
	if r.def && r.kind == deferEphemeral {
		m.Ephemeral = true
	}
	c.msgs++
	id := fmt.Sprintf("console-message-%d", c.msgs)
	// A private reply's buttons (Post publicly, why an answer did not
	// help) can be pressed too.
	if bs := buttonsOf(m.Components); len(bs) > 0 {
		c.last = &consoleMessage{id: id, embeds: m.Embeds, buttons: bs}
	}
	fmt.Fprint(c.out, consoleText(m)+"\n")
	return id, nil
}

// Autocomplete prints the choices.
func (r *consoleResponder) Autocomplete(_ context.Context, choices []*discordgo.ApplicationCommandOptionChoice) error {
	for _, ch := range choices {
		fmt.Fprintf(r.c.out, "  %s\n", ch.Name)
	}
	return nil
}

// buttonsOf lists the buttons of action rows in order.
func buttonsOf(components []discordgo.MessageComponent) []discordgo.Button {
	var out []discordgo.Button
	for _, comp := range components {
		row, ok := comp.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, x := range row.Components {
			if b, ok := x.(discordgo.Button); ok {
				out = append(out, b)
			}
		}
	}
	return out
}

// consoleText renders a message as a member would read it.
func consoleText(m message) string {
	var sb strings.Builder
	if m.Ephemeral {
		sb.WriteString("(only you can see this)\n")
	}
	if m.Content != "" {
		sb.WriteString(m.Content + "\n")
	}
	for _, e := range m.Embeds {
		sb.WriteString(EmbedText(e))
	}
	if bs := buttonsOf(m.Components); len(bs) > 0 {
		var parts []string
		for n, b := range bs {
			p := fmt.Sprintf("[%d] %s", n+1, b.Label)
			if b.Disabled {
				p += " (disabled)"
			}
			parts = append(parts, p)
		}
		sb.WriteString("Buttons: " + strings.Join(parts, "  ") + "\n")
	}
	return sb.String()
}
