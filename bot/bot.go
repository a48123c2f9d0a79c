package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbot/storybot/internal/metrics"
	"github.com/newsbot/storybot/internal/redact"
)

// Options configure a Bot. Every limit and timeout is required: their
// defaults live in package config, the single source of settings.
type Options struct {
	// Token is the bot token (DISCORD_TOKEN); "Bot " is added if missing.
	Token string
	// GuildID registers the commands in one guild (instant); empty: global.
	GuildID string
	// APIBase is the REST API base (DISCORD_API_BASE); every REST call and
	// the gateway discovery go there. Required by New.
	APIBase string
	// Engine answers; required.
	Engine Engine
	// DataDir is where pinned answers are recorded; required unless Pins is
	// set.
	DataDir string
	// Pins keeps pinned answers; nil: a pins.jsonl file under DataDir.
	Pins PinStore
	// Logger receives the bot's logs; default slog.Default().
	Logger *slog.Logger
	// Conversations keeps the turns of conversations (Follow up, threads,
	// replies); nil: no follow-ups. The Engine must be a Follower too.
	Conversations ConversationStore
	// Questions logs every question for /stats; nil: none logged.
	Questions QuestionLog
	// Feedback records 👍/👎 votes on answers; nil: no vote buttons.
	Feedback FeedbackStore
	// Stats serves /stats; nil: no /stats.
	Stats StatsFunc
	// MessageContent says the bot has the privileged Message Content
	// intent (DISCORD_MESSAGE_CONTENT): any message in its thread then
	// continues the conversation, not only replies and mentions.
	MessageContent bool
	// MaxQuestionLen is the longest question accepted, in characters.
	MaxQuestionLen int
	// RatePerMinute and Burst limit each member's questions (what makes the
	// engine answer); buttons, paging, Pin, Sources, /pinned and
	// autocomplete are free.
	RatePerMinute float64
	Burst         int
	// ShutdownTimeout is how long Run may take to stop once its context is
	// done: in-flight answers get most of it, the rest cancels stragglers
	// and closes the gateway.
	ShutdownTimeout time.Duration
	// AnswerTimeout bounds the work on one interaction (Discord's
	// interaction tokens last 15m).
	AnswerTimeout time.Duration
	// ShardID and ShardCount run gateway shard ShardID of ShardCount only
	// (one process per shard); ShardCount 0 runs every shard Discord
	// recommends (/gateway/bot) in this process. Commands are registered
	// by the process running shard 0.
	ShardID, ShardCount int
	// Metrics records interactions and their latencies; nil records
	// nothing. Serve also serves them on /metrics.
	Metrics *metrics.Metrics
	// Sources, when set, adds the /sources command for members with Manage
	// Server or the role SourcesRole names.
	Sources     SourceManager
	SourcesRole string
	// Transport carries the HTTP requests after the API base rewrite;
	// default http.DefaultTransport. Tests use it to watch every request.
	Transport http.RoundTripper
}

// check reports the first required setting that is missing.
func (o Options) check() error {
	switch {
	case o.Engine == nil:
		return errors.New("no engine")
	case o.MaxQuestionLen <= 0:
		return errors.New("MaxQuestionLen must be positive")
	case o.RatePerMinute <= 0 || o.Burst <= 0:
		return errors.New("RatePerMinute and Burst must be positive")
	case o.ShutdownTimeout <= 0:
		return errors.New("ShutdownTimeout must be positive")
	case o.AnswerTimeout <= 0:
		return errors.New("AnswerTimeout must be positive")
	}
	return nil
}

// Bot serves the slash commands over Discord's gateway.
type Bot struct {
	opts    Options
	log     *slog.Logger
	engine  Engine
	store   PinStore
	answers *answerCache

	// Conversations and claims (followup.go, check.go).
	checks checkCache
	// channels posts outside interactions (threads, replies); nil in the
	// console.
	channels channelSender
	// consoleConversation is the console session's one conversation.
	consoleConversation string

	limiter *userLimiter
	pinner  pinner
	now     func() time.Time
	// rest is the Discord session once Run built it, for work outside an
	// interaction (editing pinned messages) and role lookups.
	rest atomic.Pointer[discordgo.Session]
}

// errNoToken explains how to get a token, and the way to try without one.
var errNoToken = errors.New("no Discord bot token: create an application at https://discord.com/developers/applications, " +
	"open Bot and press Reset Token, then set DISCORD_TOKEN to it; " +
	"to try the bot without Discord, run `bot console`")

// New checks opts and builds a Bot; nothing is connected until Run.
func New(opts Options) (*Bot, error) {
	if strings.TrimSpace(opts.Token) == "" {
		return nil, errNoToken
	}
	if _, err := parseAPIBase(opts.APIBase); err != nil {
		return nil, fmt.Errorf("new bot: DISCORD_API_BASE: %w", err)
	}
	opts.APIBase = strings.TrimRight(opts.APIBase, "/")
	return newBot(opts)
}

// newBot builds the parts shared by Discord and the console.
func newBot(opts Options) (*Bot, error) {
	if err := opts.check(); err != nil {
		return nil, fmt.Errorf("new bot: %w", err)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	// Whatever logger is given, no line carries the token, an interaction
	// token from a REST error, or a URL's password.
	opts.Logger = slog.New(redact.Handler(opts.Logger.Handler(), strings.TrimPrefix(strings.TrimSpace(opts.Token), "Bot ")))
	store := opts.Pins
	if store == nil {
		s, err := openPinStore(opts.DataDir)
		if err != nil {
			return nil, fmt.Errorf("new bot: %w", err)
		}
		store = s
	}
	return &Bot{
		opts:    opts,
		log:     opts.Logger.With("component", "bot"),
		engine:  opts.Engine,
		store:   store,
		answers: newAnswerCache(),
		limiter: newUserLimiter(opts.RatePerMinute, opts.Burst),
		now:     time.Now,
	}, nil
}

// Timeouts of the gateway's life.
const (
	// readyTimeout bounds the wait for READY after the gateway opened.
	readyTimeout = 30 * time.Second
	// restTimeout bounds one REST request, a retry being another request.
	restTimeout = 30 * time.Second
	// gatewayCloseTime is what closing the gateway takes: discordgo's Close
	// sends the close frame and then sleeps a second for Discord to answer.
	gatewayCloseTime = 1500 * time.Millisecond
	// maxStopReserve is the most of ShutdownTimeout kept back from
	// in-flight answers, to cancel stragglers (and tell their members) and
	// close the gateway.
	maxStopReserve = 3 * time.Second
)

// Run connects to the gateway (every shard of the plan, see shard.go),
// registers the slash commands with one bulk overwrite, and serves
// interactions concurrently until ctx is done. Then it
// stops taking new interactions, lets in-flight ones finish (cancelling them
// when they would overrun ShutdownTimeout), closes the gateway and returns
// nil.
func (b *Bot) Run(ctx context.Context) error {
	first, err := b.session()
	if err != nil {
		return fmt.Errorf("run bot: %w", err)
	}
	plan, err := b.plan(ctx, first)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("run bot: %w", err)
	}
	// work outlives ctx so answers can finish during shutdown.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	fl := &flight{}
	var gateways []*gatewayCloser
	defer func() {
		for _, gw := range gateways {
			gw.close()
		}
	}()
	for n, id := range plan.ids {
		if !plan.identifyWait(ctx, n) {
			return nil
		}
		s := first
		if n > 0 {
			if s, err = b.session(); err != nil {
				return fmt.Errorf("run bot: %w", err)
			}
		}
		s.ShardID, s.ShardCount = id, plan.count
		ready := b.addHandlers(s, work, fl)
		b.log.Info("connecting to Discord", "api_base", b.opts.APIBase, "guild", b.opts.GuildID, "shard", id, "shards", plan.count)
		if err := openGateway(ctx, s); err != nil {
			if ctx.Err() != nil {
				return nil // asked to stop while connecting
			}
			return fmt.Errorf("open Discord gateway via %s (shard %d of %d): %w", b.opts.APIBase, id, plan.count, err)
		}
		gateways = append(gateways, &gatewayCloser{s: s, log: b.log})
		r, err := waitReady(ctx, ready)
		if err != nil || r == nil {
			return err // nil when ctx ended first
		}
		if id != 0 {
			continue // shard 0 registers the commands, once
		}
		if err := b.register(ctx, s, r); err != nil {
			if ctx.Err() != nil {
				return nil // asked to stop while registering
			}
			return err
		}
	}

	<-ctx.Done()
	b.drain(fl, cancelWork)
	// Each close takes a second (discordgo waits for Discord's answer):
	// the shards close together.
	var wg sync.WaitGroup
	for _, gw := range gateways {
		wg.Go(gw.close)
	}
	wg.Wait()
	b.log.Info("stopped")
	return nil
}

// session builds the discordgo session: the API base rewrite, the intents,
// and one goroutine per event.
func (b *Bot) session() (*discordgo.Session, error) {
	token := strings.TrimSpace(b.opts.Token)
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, err
	}
	tr, err := newAPIBaseTransport(b.opts.APIBase, b.opts.Transport)
	if err != nil {
		return nil, err
	}
	s.Client = &http.Client{Timeout: restTimeout, Transport: tr}
	s.Identify.Intents = discordgo.IntentsGuilds | b.messageIntents()
	b.channels = discordChannels{s: s}
	s.SyncEvents = false // every interaction in its own goroutine
	b.pinner = discordPinner{s: s, apiBase: b.opts.APIBase}
	b.rest.Store(s)
	return s, nil
}

// addHandlers routes READY to the returned channel and each interaction to
// serve, in flight fl, under work.
func (b *Bot) addHandlers(s *discordgo.Session, work context.Context, fl *flight) <-chan *discordgo.Ready {
	ready := make(chan *discordgo.Ready, 1)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		select {
		case ready <- r:
		default:
		}
	})
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.interaction(work, fl, newDiscordResponder(s, ic.Interaction, b.log), ic.Interaction)
	})
	b.addMessageHandler(s, work, fl)
	return ready
}

// shuttingNoticeTimeout bounds telling a member the bot is restarting.
const shuttingNoticeTimeout = 5 * time.Second

// interaction serves one interaction, unless the bot is stopping.
func (b *Bot) interaction(work context.Context, fl *flight, r responder, i *discordgo.Interaction) {
	if !fl.start() {
		if i.Type != discordgo.InteractionApplicationCommandAutocomplete {
			sctx, cancel := context.WithTimeout(work, shuttingNoticeTimeout)
			defer cancel()
			r.Send(sctx, message{Content: shuttingText, Ephemeral: true}) //nolint:errcheck // best effort while stopping
		}
		return
	}
	defer fl.done()
	hctx, cancel := context.WithTimeout(work, b.opts.AnswerTimeout)
	defer cancel()
	b.serve(hctx, i, r)
}

// openGateway opens the session's gateway until ctx is done. discordgo's
// Open takes no context and waits for Hello without a deadline, so a hung
// gateway would hold shutdown; when ctx ends first, the connection is
// closed whenever Open returns.
func openGateway(ctx context.Context, s *discordgo.Session) error {
	done := make(chan error, 1)
	go func() { done <- s.Open() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		go func() {
			if <-done == nil {
				s.Close() //nolint:errcheck // nobody is left to tell
			}
		}()
		return ctx.Err()
	}
}

// waitReady waits for READY; it returns nil, nil when ctx ends first.
func waitReady(ctx context.Context, ready <-chan *discordgo.Ready) (*discordgo.Ready, error) {
	t := time.NewTimer(readyTimeout)
	defer t.Stop()
	select {
	case r := <-ready:
		return r, nil
	case <-ctx.Done():
		return nil, nil
	case <-t.C:
		return nil, errors.New("open Discord gateway: no READY received")
	}
}

// register overwrites the application's commands with the bot's.
func (b *Bot) register(ctx context.Context, s *discordgo.Session, r *discordgo.Ready) error {
	appID := r.User.ID
	if r.Application != nil && r.Application.ID != "" {
		appID = r.Application.ID
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.opts.GuildID, b.definitions(), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register slash commands: %w", err)
	}
	b.log.Info("ready", "user", r.User.Username, "application", appID, "guild", b.opts.GuildID)
	return nil
}

// stopReserve is the part of ShutdownTimeout kept back from in-flight
// answers: half of it, at most maxStopReserve.
func (b *Bot) stopReserve() time.Duration {
	return min(b.opts.ShutdownTimeout/2, maxStopReserve)
}

// drain refuses new interactions and waits for in-flight ones; those that
// would overrun ShutdownTimeout are cancelled (their members are told) and
// given what is left before the gateway closes.
func (b *Bot) drain(fl *flight, cancelWork context.CancelFunc) {
	deadline := time.Now().Add(b.opts.ShutdownTimeout)
	b.log.Info("shutting down", "in_flight", fl.count(), "timeout", b.opts.ShutdownTimeout)
	if fl.stop(b.opts.ShutdownTimeout - b.stopReserve()) {
		return
	}
	b.log.Warn("in-flight interactions did not finish in time; cancelling", "timeout", b.opts.ShutdownTimeout)
	cancelWork()
	if !fl.stop(time.Until(deadline.Add(-gatewayCloseTime))) {
		b.log.Warn("cancelled interactions still running; closing anyway", "in_flight", fl.count())
	}
}

// gatewayCloser closes a session once.
type gatewayCloser struct {
	s      *discordgo.Session
	log    *slog.Logger
	closed bool
}

func (g *gatewayCloser) close() {
	if g.closed {
		return
	}
	g.closed = true
	if err := g.s.Close(); err != nil {
		g.log.Warn("close gateway", "err", err)
	}
}
