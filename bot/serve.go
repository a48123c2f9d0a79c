package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ServeOptions configure Serve beyond the bot's Options.
type ServeOptions struct {
	// PublicKey is the application's public key (DISCORD_PUBLIC_KEY), as
	// the Developer Portal shows it; required.
	PublicKey string
	// Open builds the engine; Serve listens while it runs, /healthz
	// answering 503 until it has returned. Required unless Options.Engine
	// is set.
	Open func(ctx context.Context) (Engine, error)
	// Register overwrites the application's slash commands at start, as
	// Run does; a failure is logged and serving goes on (another replica,
	// or bot run, may have registered them).
	Register bool
}

// Paths on the interactions listener besides the endpoint itself, which
// answers on every other path (the Developer Portal takes any URL).
const (
	healthPath  = "/healthz"
	metricsPath = "/metrics"
)

// readHeaderTimeout bounds a client's request headers: the listener faces
// the internet (or a reverse proxy that does).
const readHeaderTimeout = 10 * time.Second

// Serve is Discord's HTTP interactions endpoint on ln until ctx is done:
// every request's Ed25519 signature is verified against the public key
// (401 when missing or wrong), a PING gets a PONG, and every other
// interaction goes to the same handlers as the gateway's, the first
// callback as the HTTP response and the rest through the REST API at
// opts.APIBase. /healthz answers 200 once the engine is ready (503 before,
// and while stopping), /metrics serves opts.Metrics.
//
// Replicas can serve behind one load balancer: nothing a later
// interaction needs is kept only in one replica (an answer's buttons are
// recovered from the message they are on).
//
// When ctx is done Serve refuses new interactions (members are told the
// bot is restarting), lets in-flight ones finish within ShutdownTimeout,
// closes the listener and returns nil.
func Serve(ctx context.Context, ln net.Listener, opts Options, so ServeOptions) error {
	if _, err := ParsePublicKey(so.PublicKey); err != nil {
		return fmt.Errorf("serve interactions: DISCORD_PUBLIC_KEY: %w", err)
	}
	if opts.Engine == nil && so.Open == nil {
		return errors.New("serve interactions: no engine")
	}
	var ep atomic.Pointer[endpoint]
	var stopping atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc(healthPath, func(w http.ResponseWriter, _ *http.Request) {
		switch {
		case stopping.Load():
			http.Error(w, "stopping", http.StatusServiceUnavailable)
		case ep.Load() == nil:
			http.Error(w, "loading the index", http.StatusServiceUnavailable)
		default:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprintln(w, "ok")
		}
	})
	mux.Handle(metricsPath, opts.Metrics.Handler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		e := ep.Load()
		if e == nil {
			w.Header().Set("Retry-After", "5")
			http.Error(w, "loading the index", http.StatusServiceUnavailable)
			return
		}
		e.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: readHeaderTimeout}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	// work outlives ctx so answers can finish during shutdown.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	fl := &flight{}
	b, err := startEndpoint(ctx, opts, so, &ep, work, fl)
	if err == nil {
		select {
		case <-ctx.Done():
		case err = <-served:
			err = fmt.Errorf("serve interactions on %s: %w", ln.Addr(), err)
		}
	}
	stopping.Store(true)
	if b != nil {
		b.drain(fl, cancelWork)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readHeaderTimeout)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil && err == nil {
		err = fmt.Errorf("stop serving interactions: %w", serr)
	}
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		err = nil // asked to stop while loading
	}
	if err == nil && b != nil {
		b.log.Info("stopped")
	}
	return err
}

// startEndpoint opens the engine, builds the bot and its REST session,
// registers the commands when asked and installs the endpoint in ep.
func startEndpoint(ctx context.Context, opts Options, so ServeOptions, ep *atomic.Pointer[endpoint], work context.Context, fl *flight) (*Bot, error) {
	key, _ := ParsePublicKey(so.PublicKey)
	if opts.Engine == nil {
		e, err := so.Open(ctx)
		if err != nil {
			return nil, err
		}
		opts.Engine = e
	}
	b, err := New(opts)
	if err != nil {
		return nil, err
	}
	s, err := b.session()
	if err != nil {
		return nil, fmt.Errorf("serve interactions: %w", err)
	}
	if so.Register {
		if err := b.registerHTTP(ctx, s); err != nil {
			if ctx.Err() != nil {
				return b, nil
			}
			b.log.Warn("slash commands not registered; serving the ones Discord has", "err", err)
		}
	}
	ep.Store(&endpoint{b: b, s: s, key: key, work: work, fl: fl})
	b.log.Info("serving interactions", "api_base", b.opts.APIBase)
	return b, nil
}

// registerHTTP registers the commands without a gateway: the application
// id comes from /applications/@me.
func (b *Bot) registerHTTP(ctx context.Context, s *discordgo.Session) error {
	endpoint := discordgo.EndpointApplication("@me")
	body, err := s.RequestWithBucketID(http.MethodGet, endpoint, nil, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("look up the application: %w", err)
	}
	var app discordgo.Application
	if err := json.Unmarshal(body, &app); err != nil || app.ID == "" {
		return fmt.Errorf("look up the application: no id in %q", body)
	}
	if _, err := s.ApplicationCommandBulkOverwrite(app.ID, b.opts.GuildID, b.definitions(), discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register slash commands: %w", err)
	}
	b.log.Info("slash commands registered", "application", app.ID, "guild", b.opts.GuildID)
	return nil
}
