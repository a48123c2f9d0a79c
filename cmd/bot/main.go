// Command bot answers a community's questions about news stories, every
// answer backed by verbatim quotes from the sources: on Discord (bot run), in
// a terminal (bot console, ask, timeline, who-said), and it indexes, grades
// and benchmarks itself (ingest, eval, bench).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/newsbot/storybot/config"
	"github.com/newsbot/storybot/internal/metrics"
	"github.com/newsbot/storybot/internal/redact"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	openai "github.com/sashabaranov/go-openai"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, EnvFile: ".env"}
	go watchdog(ctx, stop, m.shutdownTimeout, os.Exit, os.Stderr)
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// watchdog ends the process once ctx is done (SIGINT or SIGTERM) and it has
// not stopped within timeout(): whatever step is stuck (a read that ignores
// its context, a gateway that never answers), the process ends in time. A
// second signal ends it at once, as stop restores the default handling.
func watchdog(ctx context.Context, stop func(), timeout func() time.Duration, exit func(int), stderr io.Writer) {
	<-ctx.Done()
	stop()
	d := timeout()
	t := time.NewTimer(d)
	defer t.Stop()
	<-t.C
	fmt.Fprintf(stderr, "bot: did not stop within SHUTDOWN_TIMEOUT (%v); exiting\n", d)
	exit(1)
}

// shutdownTimeout is SHUTDOWN_TIMEOUT once the configuration is loaded, its
// default before.
func (m *Main) shutdownTimeout() time.Duration {
	if d := m.stopWithin.Load(); d > 0 {
		return time.Duration(d)
	}
	return config.Defaults().ShutdownTimeout
}

// Main is the program: its streams and, once configured, its settings. Tests
// run it in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	EnvFile        string
	// LookupEnv reads the environment's settings (config.LoadEnv); nil is
	// os.LookupEnv. Tests give each Main settings of its own, so they run
	// at once.
	LookupEnv func(name string) (string, bool)

	Config *config.Config
	Logger *slog.Logger

	corpusFlag, dataFlag string
	metricsOnce          sync.Once
	collectors           *metrics.Metrics
	shared               store.Store  // PostgreSQL, when DATABASE_URL is set
	guildFlag            string       // --guild: a server's own story instead of the shared corpus
	stopWithin           atomic.Int64 // SHUTDOWN_TIMEOUT, for the watchdog
}

// usageError is a mistake on the command line; it exits with status 2.
type usageError struct{ error }

// Run executes the command line args and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	root := m.rootCommand()
	root.SetArgs(args)
	root.SetIn(m.Stdin)
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	defer m.closeStore()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintf(m.Stderr, "bot: %v\n", err)
	var ue usageError
	// cobra reports an unknown command with a plain error.
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintln(m.Stderr, "Run 'bot --help' for usage.")
		return 2
	}
	return 1
}

// setup loads the configuration (once) and applies the global flags.
func (m *Main) setup() error {
	if m.Config != nil {
		return nil
	}
	cfg, err := config.LoadEnv(m.LookupEnv, m.EnvFile)
	if err != nil {
		return err
	}
	if m.corpusFlag != "" {
		cfg.CorpusDir = m.corpusFlag
	}
	if m.dataFlag != "" {
		cfg.DataDir = m.dataFlag
	}
	m.Config = cfg
	m.stopWithin.Store(int64(cfg.ShutdownTimeout))
	if m.Logger == nil {
		// Every line passes through redact: URLs with passwords, interaction
		// tokens in REST errors, and the configured secrets never reach it.
		m.Logger = slog.New(redact.Handler(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}), cfg.DiscordToken, cfg.OpenAIKey))
	}
	m.Logger.Debug("configuration", "config", cfg)
	return nil
}

// childEnv is the environment of a process this program starts to run
// itself again: the process's own, with the settings as m reads them, so
// the child sees what the parent was configured with.
func (m *Main) childEnv(extra ...string) []string {
	env := os.Environ()
	if m.LookupEnv != nil {
		names := config.Names()
		env = slices.DeleteFunc(env, func(kv string) bool {
			name, _, _ := strings.Cut(kv, "=")
			return slices.Contains(names, name)
		})
		for _, name := range names {
			if v, ok := m.LookupEnv(name); ok {
				env = append(env, name+"="+v)
			}
		}
	}
	return append(env, extra...)
}

// engineOptions turns the configuration into the engine's options.
func (m *Main) engineOptions() rag.Options {
	cfg := m.Config
	opts := rag.Options{CorpusDir: cfg.CorpusDir, DataDir: cfg.DataDir, MaxQuestionLen: cfg.MaxQuestionLen, Logger: m.Logger,
		SourcesDir: filepath.Join(cfg.DataDir, sourcesDir), Metrics: m.metrics()}
	if cfg.LLMEnabled() {
		oc := openai.DefaultConfig(cfg.OpenAIKey)
		if cfg.OpenAIBaseURL != "" {
			oc.BaseURL = cfg.OpenAIBaseURL
		}
		// Every request (an answer, a batch of embeddings) gets the same
		// bound, so a hung server cannot stall a question.
		oc.HTTPClient = &http.Client{Timeout: cfg.LLMTimeout, Transport: llmTransport{next: http.DefaultTransport, m: m.metrics()}}
		client := openai.NewClientWithConfig(oc)
		opts.LLM = rag.NewLLM(client, cfg.ChatModel, cfg.LLMTimeout)
		if cfg.RemoteEmbeddings() {
			opts.Embedder = rag.NewOpenAIEmbedder(client, cfg.EmbedModel)
		}
	}
	return opts
}

// openEngine opens the engine, building or updating the index with progress
// shown on stderr.
func (m *Main) openEngine(ctx context.Context) (*rag.Engine, error) {
	if err := m.setup(); err != nil {
		return nil, err
	}
	opts := m.engineOptions()
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	if st != nil {
		opts.Store = st
		m.mirrorSources(ctx, st, opts.SourcesDir)
	}
	p := newProgress(m.Stderr, "indexing")
	e, _, err := rag.Open(ctx, opts, p.update)
	p.done()
	return e, err
}

// metrics are the process's collectors, made once.
func (m *Main) metrics() *metrics.Metrics {
	m.metricsOnce.Do(func() { m.collectors = metrics.New() })
	return m.collectors
}
