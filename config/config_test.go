package config

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func lookupFrom(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaults(t *testing.T) {
	c, err := FromLookup(lookupFrom(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DiscordAPIBase != DefaultDiscordAPIBase || c.ChatModel != DefaultChatModel || c.EmbedModel != DefaultEmbedModel {
		t.Errorf("got base %q chat %q embed %q, want the defaults", c.DiscordAPIBase, c.ChatModel, c.EmbedModel)
	}
	if c.LLMTimeout != 30*time.Second || c.MaxQuestionLen != 500 || c.RatePerMinute != 10 || c.RateBurst != 5 {
		t.Errorf("got timeout %v max %d rate %d/%d", c.LLMTimeout, c.MaxQuestionLen, c.RatePerMinute, c.RateBurst)
	}
	if c.LLMEnabled() || c.RemoteEmbeddings() {
		t.Error("an LLM is enabled with nothing configured")
	}
	if c.DataDir == "" || !filepath.IsAbs(c.DataDir) {
		t.Errorf("got data dir %q, want an absolute default", c.DataDir)
	}
}

func TestLLMSettings(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		llm, remote bool
	}{
		{"key only", map[string]string{"OPENAI_API_KEY": "sk"}, true, true},
		{"base url only (ollama)", map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1"}, true, true},
		{"local embeddings", map[string]string{"OPENAI_BASE_URL": "http://localhost:8080/v1", "OPENAI_EMBED_MODEL": "local"}, true, false},
		{"nothing", map[string]string{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromLookup(lookupFrom(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.LLMEnabled() != tt.llm || c.RemoteEmbeddings() != tt.remote {
				t.Errorf("got llm %v remote %v, want %v %v", c.LLMEnabled(), c.RemoteEmbeddings(), tt.llm, tt.remote)
			}
		})
	}
}

func TestInvalidValuesNameTheSetting(t *testing.T) {
	tests := []struct{ name, value string }{
		{"DISCORD_GUILD_ID", "my-server"},
		{"DISCORD_API_BASE", "discord.com"},
		{"OPENAI_BASE_URL", "ftp://x"},
		{"OPENAI_TIMEOUT", "soon"},
		{"OPENAI_TIMEOUT", "-3s"},
		{"MAX_QUESTION_LENGTH", "0"},
		{"RATE_LIMIT_PER_MINUTE", "lots"},
		{"RATE_LIMIT_BURST", "1000"},
		{"SHUTDOWN_TIMEOUT", "10"},
		{"ANSWER_TIMEOUT", "20m"},
		{"LOG_LEVEL", "chatty"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			_, err := FromLookup(lookupFrom(map[string]string{tt.name: tt.value}))
			if err == nil || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("got error %v, want one naming %s", err, tt.name)
			}
		})
	}
	_, err := FromLookup(lookupFrom(map[string]string{"OPENAI_TIMEOUT": "x", "LOG_LEVEL": "y"}))
	if err == nil || !strings.Contains(err.Error(), "OPENAI_TIMEOUT") || !strings.Contains(err.Error(), "LOG_LEVEL") {
		t.Errorf("got %v, want every bad setting reported at once", err)
	}
}

func TestLoadReadsDotEnvAndEnvironmentWins(t *testing.T) {
	dir := t.TempDir()
	env := filepath.Join(dir, ".env")
	body := "# comment\nCORPUS_DIR=/from/file\nDATA_DIR=/data/from/file\nOPENAI_CHAT_MODEL=\"llama3\"\n"
	if err := os.WriteFile(env, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DATA_DIR", "/data/from/env")
	c, err := Load(env)
	if err != nil {
		t.Fatal(err)
	}
	if c.CorpusDir != "/from/file" || c.DataDir != "/data/from/env" || c.ChatModel != "llama3" {
		t.Errorf("got corpus %q data %q model %q", c.CorpusDir, c.DataDir, c.ChatModel)
	}
	if _, err := Load(filepath.Join(dir, "missing.env")); err != nil {
		t.Errorf("a missing .env is fine, got %v", err)
	}
}

// LoadEnv reads the environment only through its lookup, which wins over
// the file as the real environment does.
func TestLoadEnvReadsOnlyItsLookup(t *testing.T) {
	env := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(env, []byte("CORPUS_DIR=/from/file\nDATA_DIR=/data/from/file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OPENAI_CHAT_MODEL", "from-the-process")
	c, err := LoadEnv(lookupFrom(map[string]string{"DATA_DIR": "/data/from/lookup"}), env)
	if err != nil {
		t.Fatal(err)
	}
	if c.CorpusDir != "/from/file" || c.DataDir != "/data/from/lookup" || c.ChatModel != DefaultChatModel {
		t.Errorf("got corpus %q data %q model %q, want /from/file, /data/from/lookup, %s", c.CorpusDir, c.DataDir, c.ChatModel, DefaultChatModel)
	}
	// Without a lookup it is Load: the process's environment.
	c, err = LoadEnv(nil, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.ChatModel != "from-the-process" {
		t.Errorf("LoadEnv(nil): got model %q, want the process's from-the-process", c.ChatModel)
	}
}

func TestLogValueHidesSecrets(t *testing.T) {
	c, err := FromLookup(lookupFrom(map[string]string{"DISCORD_TOKEN": "tok-secret", "OPENAI_API_KEY": "sk-secret",
		"OPENAI_BASE_URL": "http://user:secret-password@llm.local:8080/v1", "DISCORD_API_BASE": "https://proxy:secret@proxy.local/api/v9"}))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "config", c)
	if strings.Contains(buf.String(), "secret") {
		t.Errorf("log shows a secret: %s", buf.String())
	}
	if !strings.Contains(buf.String(), "discord_token_set=true") || !strings.Contains(buf.String(), "llm.local:8080/v1") {
		t.Errorf("log does not say the token is set: %s", buf.String())
	}
}

func TestEnvExampleListsEverySetting(t *testing.T) {
	b, err := os.ReadFile("../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		if !strings.Contains(string(b), name+"=") {
			t.Errorf(".env.example does not list %s", name)
		}
	}
}
