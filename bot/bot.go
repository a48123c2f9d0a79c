package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults of Options.
const (
	DefaultMaxQuestionLen  = 500
	DefaultRatePerMinute   = 10
	DefaultBurst           = 5
	DefaultShutdownTimeout = 30 * time.Second
	DefaultAnswerTimeout   = 2 * time.Minute
)

// Options configure a Bot. Zero values take the documented defaults.
type Options struct {
	// Token is the bot token (DISCORD_TOKEN); "Bot " is added if missing.
	Token string
	// GuildID registers the commands in one guild (instant); empty: global.
	GuildID string
	// APIBase is the REST API base (DISCORD_API_BASE); every REST call and
	// the gateway discovery go there. Default DefaultAPIBase.
	APIBase string
	// Engine answers; required.
	Engine Engine
	// DataDir is where pinned answers are recorded; required.
	DataDir string
	// Logger receives the bot's logs; default slog.Default().
	Logger *slog.Logger
	// MaxQuestionLen is the longest question accepted, in characters.
	// Default 500.
	MaxQuestionLen int
	// RatePerMinute and Burst limit each member's commands and button
	// presses (autocomplete is free). Defaults 10 a minute, bursts of 5.
	RatePerMinute float64
	Burst         int
	// ShutdownTimeout is how long in-flight answers may take to finish once
	// Run's context is done. Default 30s.
	ShutdownTimeout time.Duration
	// AnswerTimeout bounds the work on one interaction. Default 2m
	// (Discord's interaction tokens last 15m).
	AnswerTimeout time.Duration
	// Transport carries the HTTP requests after the API base rewrite;
	// default http.DefaultTransport. Tests use it to watch every request.
	Transport http.RoundTripper
}

// Bot serves the slash commands over Discord's gateway.
type Bot struct {
	opts    Options
	log     *slog.Logger
	engine  Engine
	store   *pinStore
	answers *answerCache
	limiter *userLimiter
	pinner  pinner
	now     func() time.Time
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
	return newBot(opts)
}

// newBot builds the parts shared by Discord and the console.
func newBot(opts Options) (*Bot, error) {
	if opts.Engine == nil {
		return nil, errors.New("new bot: no engine")
	}
	if opts.APIBase == "" {
		opts.APIBase = DefaultAPIBase
	}
	if _, err := parseAPIBase(opts.APIBase); err != nil {
		return nil, fmt.Errorf("new bot: DISCORD_API_BASE: %w", err)
	}
	opts.APIBase = strings.TrimRight(opts.APIBase, "/")
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxQuestionLen <= 0 {
		opts.MaxQuestionLen = DefaultMaxQuestionLen
	}
	if opts.RatePerMinute <= 0 {
		opts.RatePerMinute = DefaultRatePerMinute
	}
	if opts.Burst <= 0 {
		opts.Burst = DefaultBurst
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = DefaultShutdownTimeout
	}
	if opts.AnswerTimeout <= 0 {
		opts.AnswerTimeout = DefaultAnswerTimeout
	}
	store, err := openPinStore(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("new bot: %w", err)
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

// readyTimeout bounds the wait for READY after the gateway opened.
const readyTimeout = 30 * time.Second

// Run connects to the gateway, registers the slash commands with one bulk
// overwrite, and serves interactions concurrently until ctx is done. Then it
// stops taking new interactions, lets in-flight ones finish for up to
// ShutdownTimeout (cancelling them after that), closes the gateway and
// returns nil.
func (b *Bot) Run(ctx context.Context) error {
	token := strings.TrimSpace(b.opts.Token)
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return fmt.Errorf("run bot: %w", err)
	}
	tr, err := newAPIBaseTransport(b.opts.APIBase, b.opts.Transport)
	if err != nil {
		return fmt.Errorf("run bot: %w", err)
	}
	s.Client = &http.Client{Timeout: 30 * time.Second, Transport: tr}
	s.Identify.Intents = discordgo.IntentsGuilds
	s.SyncEvents = false // every interaction in its own goroutine
	b.pinner = discordPinner{s: s, apiBase: b.opts.APIBase}

	// work outlives ctx by up to ShutdownTimeout so answers can finish.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	var fl flight

	ready := make(chan *discordgo.Ready, 1)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		select {
		case ready <- r:
		default:
		}
	})
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		r := newDiscordResponder(s, ic.Interaction)
		if !fl.start() {
			sctx, cancel := context.WithTimeout(work, 5*time.Second)
			defer cancel()
			if ic.Type != discordgo.InteractionApplicationCommandAutocomplete {
				r.Send(sctx, message{Content: shuttingText, Ephemeral: true}) //nolint:errcheck // best effort while stopping
			}
			return
		}
		defer fl.done()
		hctx, cancel := context.WithTimeout(work, b.opts.AnswerTimeout)
		defer cancel()
		b.serve(hctx, ic.Interaction, r)
	})

	b.log.Info("connecting to Discord", "api_base", b.opts.APIBase, "guild", b.opts.GuildID)
	if err := s.Open(); err != nil {
		return fmt.Errorf("open Discord gateway via %s: %w", b.opts.APIBase, err)
	}
	closed := false
	closeGateway := func() {
		if closed {
			return
		}
		closed = true
		if err := s.Close(); err != nil {
			b.log.Warn("close gateway", "err", err)
		}
	}
	defer closeGateway()

	var r *discordgo.Ready
	select {
	case r = <-ready:
	case <-ctx.Done():
		return nil
	case <-time.After(readyTimeout):
		return errors.New("open Discord gateway: no READY received")
	}
	appID := r.User.ID
	if r.Application != nil && r.Application.ID != "" {
		appID = r.Application.ID
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.opts.GuildID, b.definitions(), discordgo.WithContext(ctx)); err != nil {
		if ctx.Err() != nil {
			return nil // asked to stop while registering
		}
		return fmt.Errorf("register slash commands: %w", err)
	}
	b.log.Info("ready", "user", r.User.Username, "application", appID, "guild", b.opts.GuildID)

	<-ctx.Done()
	b.log.Info("shutting down", "in_flight", fl.count())
	if !fl.stop(b.opts.ShutdownTimeout) {
		b.log.Warn("in-flight interactions did not finish in time; cancelling", "timeout", b.opts.ShutdownTimeout)
		cancelWork()
		fl.stop(5 * time.Second)
	}
	closeGateway()
	b.log.Info("stopped")
	return nil
}

// flight counts in-flight interactions and refuses new ones once stopping.
type flight struct {
	mu      sync.Mutex
	stopped bool
	n       int
	wg      sync.WaitGroup
}

func (f *flight) start() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return false
	}
	f.n++
	f.wg.Add(1)
	return true
}

func (f *flight) done() {
	f.mu.Lock()
	f.n--
	f.mu.Unlock()
	f.wg.Done()
}

func (f *flight) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// stop refuses new work and waits up to timeout for the rest; it reports
// whether everything finished.
func (f *flight) stop(timeout time.Duration) bool {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
	done := make(chan struct{})
	go func() { f.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}
