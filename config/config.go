// Package config holds every setting of the bot: defaults, the environment
// and a .env file, validated once at start-up. It is the only package that
// reads the environment.
package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
)

// Defaults.
const (
	DefaultDiscordAPIBase = "https://discord.com/api/v9"
	DefaultOpenAIBaseURL  = "https://api.openai.com/v1"
	DefaultChatModel      = "gpt-4o-mini"
	DefaultEmbedModel     = "text-embedding-3-small"
	// LocalEmbedModel as OPENAI_EMBED_MODEL keeps the local embedder while
	// answers come from the LLM (for servers with no embedding model).
	LocalEmbedModel = "local"
)

// maxAnswerTimeout is the life of a Discord interaction token: past it no
// reply can be delivered.
const maxAnswerTimeout = 15 * time.Minute

// Config is the validated configuration.
type Config struct {
	DiscordToken   string
	DiscordGuildID string
	DiscordAPIBase string
	// DiscordMessageContent says the bot has the privileged Message Content
	// intent: then any message in a thread the bot started continues its
	// conversation, not only replies to the bot and mentions of it.
	DiscordMessageContent bool

	OpenAIKey     string
	OpenAIBaseURL string
	ChatModel     string
	EmbedModel    string
	LLMTimeout    time.Duration

	CorpusDir string
	DataDir   string

	// DatabaseURL (postgres://…) keeps every piece of state in
	// PostgreSQL, so several replicas share it; empty: files under DataDir.
	DatabaseURL string
	// DiscordPublicKey is the application's public key, 64 hex digits;
	// bot serve verifies every interaction with it.
	DiscordPublicKey string
	// InteractionsAddr is where bot serve listens (host:port).
	InteractionsAddr string
	// Shard is "i/n" to run gateway shard i of n; empty: as many shards as
	// Discord recommends, all in this process.
	Shard string
	// MetricsAddr is where bot run serves /metrics and /healthz (bot serve
	// has them on InteractionsAddr); empty: nowhere.
	MetricsAddr string
	// FeedInterval is how often the running bot polls each followed feed
	// and re-fetches articles added by URL.
	FeedInterval time.Duration
	// WatchInterval is how often the running bot looks for files added to,
	// changed in or removed from CORPUS_DIR and the sources folders.
	WatchInterval time.Duration
	// FetchAllowPrivate lets fetches reach private, loopback and
	// link-local addresses (tests, local setups).
	FetchAllowPrivate bool
	// FetchTimeout and FetchMaxBytes bound every fetch of a page or feed.
	FetchTimeout  time.Duration
	FetchMaxBytes int64
	// SourcesRole names a Discord role whose members may manage sources
	// besides those with Manage Server.
	SourcesRole string

	// MaxQuestionLen is the longest question accepted, in characters.
	MaxQuestionLen int
	// RatePerMinute and RateBurst bound the questions one member may ask
	// (/ask and anything else that makes the engine answer); buttons,
	// paging, Sources, Pin, autocomplete and /pinned are free.
	RatePerMinute int
	RateBurst     int
	// ShutdownTimeout is how long the process may take to stop once asked:
	// in-flight answers finish within it, and the process ends by then.
	ShutdownTimeout time.Duration
	// AnswerTimeout bounds the work on one Discord interaction (its token
	// lasts 15 minutes).
	AnswerTimeout time.Duration
	LogLevel      slog.Level
}

// LLMEnabled reports whether an OpenAI-compatible API is configured.
func (c *Config) LLMEnabled() bool { return c.OpenAIKey != "" || c.OpenAIBaseURL != "" }

// RemoteEmbeddings reports whether embeddings come from the API.
func (c *Config) RemoteEmbeddings() bool {
	return c.LLMEnabled() && c.EmbedModel != LocalEmbedModel
}

// setting describes one environment variable.
type setting struct {
	name  string
	set   func(c *Config, v string) error
	def   string
	token bool // a secret: never logged
}

var settings = []setting{
	{name: "DISCORD_TOKEN", token: true, set: func(c *Config, v string) error { c.DiscordToken = v; return nil }},
	{name: "DISCORD_GUILD_ID", set: func(c *Config, v string) error {
		if v != "" {
			if _, err := strconv.ParseUint(v, 10, 64); err != nil {
				return errors.New("must be a numeric guild id (right-click the server → Copy Server ID)")
			}
		}
		c.DiscordGuildID = v
		return nil
	}},
	{name: "DISCORD_API_BASE", def: DefaultDiscordAPIBase, set: func(c *Config, v string) (err error) {
		c.DiscordAPIBase, err = baseURL(v)
		return err
	}},
	{name: "DISCORD_MESSAGE_CONTENT", def: "false", set: func(c *Config, v string) (err error) {
		c.DiscordMessageContent, err = strconv.ParseBool(v)
		if err != nil {
			err = errors.New("must be true or false")
		}
		return err
	}},
	{name: "OPENAI_API_KEY", token: true, set: func(c *Config, v string) error { c.OpenAIKey = v; return nil }},
	{name: "OPENAI_BASE_URL", set: func(c *Config, v string) (err error) {
		if v == "" {
			return nil
		}
		c.OpenAIBaseURL, err = baseURL(v)
		return err
	}},
	{name: "OPENAI_CHAT_MODEL", def: DefaultChatModel, set: func(c *Config, v string) error { c.ChatModel = v; return nil }},
	{name: "OPENAI_EMBED_MODEL", def: DefaultEmbedModel, set: func(c *Config, v string) error { c.EmbedModel = v; return nil }},
	{name: "OPENAI_TIMEOUT", def: "30s", set: func(c *Config, v string) (err error) {
		c.LLMTimeout, err = duration(v)
		return err
	}},
	{name: "CORPUS_DIR", set: func(c *Config, v string) error { c.CorpusDir = v; return nil }},
	{name: "DATA_DIR", set: func(c *Config, v string) error { c.DataDir = v; return nil }},
	{name: "DATABASE_URL", token: true, set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return errors.New("must be a postgres:// URL, such as postgres://storybot@127.0.0.1:5432/storybot")
		}
		c.DatabaseURL = v
		return nil
	}},
	{name: "DISCORD_PUBLIC_KEY", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if b, err := hex.DecodeString(v); err != nil || len(b) != 32 {
			return errors.New("must be the application's public key: 64 hex digits (Developer Portal → General Information → Public Key)")
		}
		c.DiscordPublicKey = v
		return nil
	}},
	{name: "INTERACTIONS_ADDR", def: "127.0.0.1:8080", set: func(c *Config, v string) error {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return errors.New("must be host:port, such as 127.0.0.1:8080 or :8080")
		}
		c.InteractionsAddr = v
		return nil
	}},
	{name: "METRICS_ADDR", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if _, _, err := net.SplitHostPort(v); err != nil {
			return errors.New("must be host:port, such as 127.0.0.1:9100")
		}
		c.MetricsAddr = v
		return nil
	}},
	{name: "DISCORD_SHARD", set: func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		if _, _, err := ParseShard(v); err != nil {
			return err
		}
		c.Shard = v
		return nil
	}},
	{name: "FEED_INTERVAL", def: "15m", set: func(c *Config, v string) (err error) {
		c.FeedInterval, err = duration(v)
		return err
	}},
	{name: "WATCH_INTERVAL", def: "30s", set: func(c *Config, v string) (err error) {
		c.WatchInterval, err = duration(v)
		return err
	}},
	{name: "FETCH_ALLOW_PRIVATE", def: "false", set: func(c *Config, v string) (err error) {
		c.FetchAllowPrivate, err = strconv.ParseBool(v)
		if err != nil {
			err = errors.New("must be true or false")
		}
		return err
	}},
	{name: "FETCH_TIMEOUT", def: "15s", set: func(c *Config, v string) (err error) {
		c.FetchTimeout, err = duration(v)
		return err
	}},
	{name: "FETCH_MAX_BYTES", def: "8388608", set: func(c *Config, v string) error {
		n, err := positive(v, 1<<30)
		c.FetchMaxBytes = int64(n)
		return err
	}},
	{name: "SOURCES_ROLE", set: func(c *Config, v string) error { c.SourcesRole = v; return nil }},
	{name: "MAX_QUESTION_LENGTH", def: "500", set: func(c *Config, v string) (err error) {
		c.MaxQuestionLen, err = positive(v, 4000)
		return err
	}},
	// 10 questions a minute in bursts of 5: a member reading answers, asking
	// follow-ups and checking claims stays well below it.
	{name: "RATE_LIMIT_PER_MINUTE", def: "10", set: func(c *Config, v string) (err error) {
		c.RatePerMinute, err = positive(v, 600)
		return err
	}},
	{name: "RATE_LIMIT_BURST", def: "5", set: func(c *Config, v string) (err error) {
		c.RateBurst, err = positive(v, 100)
		return err
	}},
	{name: "SHUTDOWN_TIMEOUT", def: "20s", set: func(c *Config, v string) (err error) {
		c.ShutdownTimeout, err = duration(v)
		return err
	}},
	{name: "ANSWER_TIMEOUT", def: "2m", set: func(c *Config, v string) (err error) {
		c.AnswerTimeout, err = duration(v)
		if err == nil && c.AnswerTimeout > maxAnswerTimeout {
			err = fmt.Errorf("must be at most %v: Discord's interaction token expires then", maxAnswerTimeout)
		}
		return err
	}},
	{name: "LOG_LEVEL", def: "info", set: func(c *Config, v string) error {
		return c.LogLevel.UnmarshalText([]byte(v))
	}},
}

// Names lists every setting's variable name, in the order of .env.example.
func Names() []string {
	names := make([]string, len(settings))
	for i, s := range settings {
		names[i] = s.name
	}
	return names
}

// Load reads the settings from the environment and from envFile (a .env file;
// a missing one is fine). The real environment wins over the file. Every bad
// value is reported, each naming its variable.
func Load(envFile string) (*Config, error) {
	return LoadEnv(os.LookupEnv, envFile)
}

// LoadEnv is Load with the environment read through lookupEnv, nil meaning
// os.LookupEnv, so tests can give each run settings of its own and run at
// once.
func LoadEnv(lookupEnv func(string) (string, bool), envFile string) (*Config, error) {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	fileEnv := map[string]string{}
	if envFile != "" {
		m, err := godotenv.Read(envFile)
		switch {
		case err == nil:
			fileEnv = m
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("config: read %s: %w", envFile, err)
		}
	}
	return FromLookup(func(name string) (string, bool) {
		if v, ok := lookupEnv(name); ok {
			return v, true
		}
		v, ok := fileEnv[name]
		return v, ok
	})
}

// Defaults is the configuration with nothing set: every setting at its
// default. Tests of other packages take their values from it, so no default
// is written twice.
func Defaults() *Config {
	c, err := FromLookup(func(string) (string, bool) { return "", false })
	if err != nil {
		panic("config: the defaults do not validate: " + err.Error())
	}
	return c
}

// FromLookup builds the configuration from a lookup function, for tests and
// for Load.
func FromLookup(lookup func(string) (string, bool)) (*Config, error) {
	c := &Config{}
	var errs []error
	for _, s := range settings {
		v, ok := lookup(s.name)
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			v = s.def
		}
		if err := s.set(c, v); err != nil {
			shown := v
			if s.token {
				shown = redactURL(v) // a secret's value is never shown, a URL's password neither
				if shown == v {
					shown = "…"
				}
			}
			errs = append(errs, fmt.Errorf("config: %s=%q: %v", s.name, shown, err))
		}
	}
	if c.DataDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		c.DataDir = filepath.Join(dir, "storybot")
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// LogValue lists which settings are set, never a secret's value.
func (c *Config) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Bool("discord_token_set", c.DiscordToken != ""),
		slog.String("discord_guild_id", c.DiscordGuildID),
		slog.String("discord_api_base", redactURL(c.DiscordAPIBase)),
		slog.Bool("discord_message_content", c.DiscordMessageContent),
		slog.Bool("openai_api_key_set", c.OpenAIKey != ""),
		slog.String("openai_base_url", redactURL(c.OpenAIBaseURL)),
		slog.Bool("llm", c.LLMEnabled()),
		slog.String("corpus_dir", c.CorpusDir),
		slog.String("data_dir", c.DataDir),
		slog.String("database_url", redactURL(c.DatabaseURL)),
		slog.Bool("discord_public_key_set", c.DiscordPublicKey != ""),
		slog.String("interactions_addr", c.InteractionsAddr),
	}
	if c.LLMEnabled() {
		attrs = append(attrs, slog.String("chat_model", c.ChatModel), slog.String("embed_model", c.EmbedModel))
	}
	return slog.GroupValue(attrs...)
}

// redactURL hides a URL's user and password, which a base URL may carry.
func redactURL(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.User == nil {
		return v
	}
	u.User = url.User("REDACTED")
	return u.String()
}

func baseURL(v string) (string, error) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("must be an http:// or https:// URL")
	}
	return strings.TrimRight(v, "/"), nil
}

func duration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, errors.New("must be a positive duration such as 30s or 2m")
	}
	return d, nil
}

func positive(v string, limit int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > limit {
		return 0, fmt.Errorf("must be a whole number from 1 to %d", limit)
	}
	return n, nil
}

// ParseShard reads "i/n", gateway shard i of n (0 ≤ i < n).
func ParseShard(v string) (id, count int, err error) {
	a, b, ok := strings.Cut(v, "/")
	id, err1 := strconv.Atoi(a)
	count, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || count < 1 || id < 0 || id >= count {
		return 0, 0, errors.New("must be i/n with 0 ≤ i < n, such as 0/4")
	}
	return id, count, nil
}
