package bot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/sources"
	"github.com/newsbot/storybot/store"
)

// SourceManager is what /sources needs: sources.Manager provides it.
type SourceManager interface {
	AddURL(ctx context.Context, guildID, url string) (store.Source, error)
	// AddAttachment downloads an attached file (within the fetch guards)
	// and adds it as corpus files are checked.
	AddAttachment(ctx context.Context, guildID, name, fileURL, pageURL string) (store.Source, error)
	Follow(ctx context.Context, guildID, url string) (store.Source, sources.Report, error)
	List(ctx context.Context, guildID string) ([]store.Source, error)
	Remove(ctx context.Context, guildID, id string) (store.Source, error)
}

// maxAttachmentBytes bounds an attached article, as corpus files are bounded.
const maxAttachmentBytes = 8 << 20

// Member-facing texts of /sources.
const (
	sourcesRefusedText = "Only members with the Manage Server permission%s can change this server's sources."
	sourcesNoInputText = "Give the article's address (url:) or attach a .md, .txt or .html file."
	sourcesEmptyText   = "This server has no sources of its own yet. Add one with `/sources add url:` or by attaching a file; questions are answered from the shared story meanwhile."
)

// sourcesCommands is /sources when the bot has a SourceManager.
func (b *Bot) sourcesCommands(serverOnly *[]discordgo.InteractionContextType) []command {
	if b.opts.Sources == nil {
		return nil
	}
	manage := permManageGuild
	str := func(name, desc string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required, MaxLength: 2000}
	}
	return []command{{
		def: &discordgo.ApplicationCommand{
			Name:                     "sources",
			Description:              "This server's own articles and feeds, answered from besides the shared story",
			Contexts:                 serverOnly,
			DefaultMemberPermissions: &manage,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add", Description: "Add an article by its address or as an attached .md, .txt or .html file",
					Options: []*discordgo.ApplicationCommandOption{
						str("url", "The article's address (https://…)", false),
						{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "An article as a .md, .txt or .html file"},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "follow", Description: "Follow an RSS or Atom feed: its new articles are added as they appear",
					Options: []*discordgo.ApplicationCommandOption{str("url", "The feed's address", true)}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "List this server's sources"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Remove a source (a feed with its articles)",
					Options: []*discordgo.ApplicationCommandOption{withAutocomplete(str("id", "The source's id, as /sources list shows it", true))}},
			},
		},
		handle:   b.handleSourcesCommand,
		complete: b.completeSources,
	}}
}

func withAutocomplete(o *discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	o.Autocomplete = true
	return o
}

// completeSources offers the server's sources whose id, title or address
// contains what the moderator typed, for /sources remove.
func (b *Bot) completeSources(ctx context.Context, i *discordgo.Interaction, r responder) error {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	data := i.ApplicationCommandData()
	if i.GuildID == "" || len(data.Options) == 0 {
		return r.Autocomplete(ctx, choices)
	}
	var typed string
	for _, o := range data.Options[0].Options {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	list, err := b.opts.Sources.List(ctx, i.GuildID)
	if err != nil {
		return err
	}
	for k := len(list) - 1; k >= 0 && len(choices) < maxChoices; k-- { // newest first
		s := list[k]
		name := s.ID + " · " + oneLine(s.Title)
		if typed != "" && !strings.Contains(strings.ToLower(name+" "+s.URL), typed) {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: truncate(name, maxChoiceLen), Value: s.ID})
	}
	return r.Autocomplete(ctx, choices)
}

// canManageSources reports whether the member may change the server's
// sources: Manage Server, Administrator, or the role SourcesRole names (by
// name or id).
func (b *Bot) canManageSources(ctx context.Context, i *discordgo.Interaction) bool {
	if i.Member == nil {
		return false
	}
	if i.Member.Permissions&(permManageGuild|permAdministrator) != 0 {
		return true
	}
	role := strings.TrimSpace(b.opts.SourcesRole)
	if role == "" || len(i.Member.Roles) == 0 {
		return false
	}
	for _, id := range i.Member.Roles {
		if id == role {
			return true
		}
	}
	s := b.rest.Load()
	if s == nil {
		return false
	}
	roles, err := s.GuildRoles(i.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Warn("look up the server's roles for SOURCES_ROLE", "guild", i.GuildID, "err", err)
		return false
	}
	for _, r := range roles {
		if strings.EqualFold(r.Name, role) {
			for _, id := range i.Member.Roles {
				if id == r.ID {
					return true
				}
			}
		}
	}
	return false
}

// handleSourcesCommand serves /sources add|follow|list|remove.
func (b *Bot) handleSourcesCommand(ctx context.Context, i *discordgo.Interaction, r responder) error {
	if i.GuildID == "" {
		_, err := r.Send(ctx, message{Content: pinnedInDMText, Ephemeral: true})
		return err
	}
	data := i.ApplicationCommandData()
	if len(data.Options) == 0 {
		return errors.New("sources: no subcommand")
	}
	sub := data.Options[0]
	if sub.Name != "list" && !b.canManageSources(ctx, i) {
		extra := ""
		if b.opts.SourcesRole != "" {
			extra = " or the role " + escapeMarkdown(b.opts.SourcesRole)
		}
		_, err := r.Send(ctx, message{Content: fmt.Sprintf(sourcesRefusedText, extra), Ephemeral: true})
		return err
	}
	opt := func(name string) *discordgo.ApplicationCommandInteractionDataOption {
		for _, o := range sub.Options {
			if o.Name == name {
				return o
			}
		}
		return nil
	}
	if err := r.Defer(ctx, deferEphemeral); err != nil {
		return err
	}
	var text string
	var err error
	switch sub.Name {
	case "add":
		var s store.Source
		switch u, f := opt("url"), opt("file"); {
		case f != nil:
			s, err = b.addAttachment(ctx, i, data, f, u)
		case u != nil:
			s, err = b.opts.Sources.AddURL(ctx, i.GuildID, u.StringValue())
		default:
			text = sourcesNoInputText
		}
		if err == nil && text == "" {
			text = "Added " + sourceLine(s) + ". Questions here are now answered from it too."
		}
	case "follow":
		var s store.Source
		var rep sources.Report
		s, rep, err = b.opts.Sources.Follow(ctx, i.GuildID, optValue(opt("url")))
		if err == nil {
			text = fmt.Sprintf("Following %s: %d articles added now; new ones are added as they appear.", sourceLine(s), len(rep.Added))
			if len(rep.Errors) > 0 {
				text += fmt.Sprintf(" %d could not be fetched: %s", len(rep.Errors), escapeMarkdown(truncate(rep.Errors[0], 300)))
			}
		}
	case "list":
		var list []store.Source
		list, err = b.opts.Sources.List(ctx, i.GuildID)
		if err == nil {
			text = sourcesListText(list)
		}
	case "remove":
		var s store.Source
		s, err = b.opts.Sources.Remove(ctx, i.GuildID, strings.TrimSpace(optValue(opt("id"))))
		if err == nil {
			text = "Removed " + sourceLine(s) + "."
		}
	default:
		return fmt.Errorf("sources: unknown subcommand %q", sub.Name)
	}
	var ie *sources.InputError
	if errors.As(err, &ie) {
		b.log.Info("source refused", "guild", i.GuildID, "err", err)
		text, err = "I couldn't do that: "+escapeMarkdown(ie.Msg)+". Nothing already added was changed.", nil
	}
	if err != nil {
		return err
	}
	_, err = r.Send(ctx, message{Content: truncate(text, maxContent), Ephemeral: true})
	return err
}

// addAttachment downloads an attached file and adds it.
func (b *Bot) addAttachment(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, f, u *discordgo.ApplicationCommandInteractionDataOption) (store.Source, error) {
	id, _ := f.Value.(string)
	var att *discordgo.MessageAttachment
	if data.Resolved != nil {
		att = data.Resolved.Attachments[id]
	}
	if att == nil {
		return store.Source{}, errors.New("sources add: attachment not resolved")
	}
	if !corpus.Supported(att.Filename) {
		return store.Source{}, &sources.InputError{Msg: att.Filename + " is not a .md, .txt or .html file"}
	}
	if att.Size > maxAttachmentBytes {
		return store.Source{}, &sources.InputError{Msg: fmt.Sprintf("%s is larger than %d MiB", att.Filename, maxAttachmentBytes>>20)}
	}
	pageURL := ""
	if u != nil {
		pageURL = u.StringValue()
	}
	return b.opts.Sources.AddAttachment(ctx, i.GuildID, att.Filename, att.URL, pageURL)
}

// sourceLine names a source for a member: title, date, id.
func sourceLine(s store.Source) string {
	title := s.Title
	if title == "" {
		title = s.URL
	}
	line := "“" + escapeMarkdown(truncate(oneLine(title), 150)) + "”"
	if !s.Published.IsZero() {
		line += " (" + s.Published.Format("2 Jan 2006") + ")"
	}
	return line + " — id `" + s.ID + "`"
}

func sourcesListText(list []store.Source) string {
	if len(list) == 0 {
		return sourcesEmptyText
	}
	var b strings.Builder
	b.WriteString("This server's sources (remove one with `/sources remove id:`):\n")
	for _, s := range list {
		line := "• " + string(s.Kind) + " " + sourceLine(s)
		if s.URL != "" {
			line += " <" + s.URL + ">"
		}
		if s.Error != "" {
			line += " ⚠ " + escapeMarkdown(truncate(s.Error, 200))
		}
		if b.Len()+len(line)+1 > maxContent-20 {
			b.WriteString("…")
			break
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// PinUpdate is a pinned answer whose quotes' status changed.
type PinUpdate struct {
	ChannelID, MessageID string
	// Detail says what changed, with the date ("Source updated 14 Mar:
	// quote [2] is no longer in the article"); empty when every quote
	// stands again, which clears the warning.
	Detail string
}

// pinUpdateTimeout bounds editing one pinned message.
const pinUpdateTimeout = 30 * time.Second

// UpdatePins edits each pinned message so that it says visibly that its
// sources changed, above the answer as it was pinned (or, when they stand
// again, removes that warning). It needs the session
// Run opened; before that (or in the console) it does nothing. Failures are
// logged.
func (b *Bot) UpdatePins(ctx context.Context, updates []PinUpdate) {
	s := b.rest.Load()
	if s == nil {
		return
	}
	for _, u := range updates {
		content := "" // the quotes stand again: the warning goes
		if u.Detail != "" {
			content = truncate("⚠ "+u.Detail+". Ask again for an answer from the current sources.", maxContent)
		}
		ectx, cancel := context.WithTimeout(ctx, pinUpdateTimeout)
		_, err := s.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: u.MessageID, Channel: u.ChannelID, Content: &content,
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		}, discordgo.WithContext(ectx))
		cancel()
		if err != nil {
			b.log.Warn("edit a pinned answer whose sources changed", "channel", u.ChannelID, "message", u.MessageID, "err", err)
		}
	}
}

// consoleSubcommand reads "add url: https://…" for a command with
// subcommands (/sources) as Discord would send it: the subcommand, holding
// the one option named (or its first option when none is).
func consoleSubcommand(def *discordgo.ApplicationCommand, rest string) (*discordgo.ApplicationCommandInteractionDataOption, bool) {
	name, args, _ := strings.Cut(rest, " ")
	args = strings.TrimSpace(args)
	for _, o := range def.Options {
		if o.Type != discordgo.ApplicationCommandOptionSubCommand || !strings.EqualFold(o.Name, name) {
			continue
		}
		sub := &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: discordgo.ApplicationCommandOptionSubCommand}
		if len(o.Options) > 0 && args != "" {
			opt, value := o.Options[0].Name, args
			for _, so := range o.Options {
				if p := so.Name + ":"; len(args) >= len(p) && strings.EqualFold(args[:len(p)], p) {
					opt, value = so.Name, strings.TrimSpace(args[len(p):])
				}
			}
			sub.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: opt, Type: discordgo.ApplicationCommandOptionString, Value: value}}
		}
		return sub, true
	}
	return nil, false
}

// sourceLink is a Markdown link to a cited article, shown by its host
// ("news.example"), or the bare address when it does not parse as http(s).
func sourceLink(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || strings.ContainsAny(u, "()<> ") {
		return "<" + escapeMarkdown(u) + ">"
	}
	return "[" + escapeMarkdown(p.Hostname()) + "](" + u + ")"
}

// optValue is a string option's value, "" when it was not given.
func optValue(o *discordgo.ApplicationCommandInteractionDataOption) string {
	if o == nil {
		return ""
	}
	v, _ := o.Value.(string)
	return v
}
