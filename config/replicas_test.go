package config

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestReplicaSettings(t *testing.T) {
	key := strings.Repeat("ab", 32)
	c, err := FromLookup(lookupFrom(map[string]string{
		"DATABASE_URL":       "postgres://bot:hunter2@db.local:5432/storybot",
		"DISCORD_PUBLIC_KEY": key,
		"INTERACTIONS_ADDR":  ":9090",
		"DISCORD_SHARD":      "1/4",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL == "" || c.DiscordPublicKey != key || c.InteractionsAddr != ":9090" || c.Shard != "1/4" {
		t.Errorf("got %q %q %q %q", c.DatabaseURL, c.DiscordPublicKey, c.InteractionsAddr, c.Shard)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "config", c)
	if strings.Contains(buf.String(), "hunter2") {
		t.Errorf("log shows the database password: %s", buf.String())
	}
	if d := Defaults(); d.InteractionsAddr != "127.0.0.1:8080" || d.DatabaseURL != "" {
		t.Errorf("defaults: addr %q database %q, want 127.0.0.1:8080 and none", d.InteractionsAddr, d.DatabaseURL)
	}
}

func TestReplicaSettingsRefuseBadValues(t *testing.T) {
	for _, tt := range []struct{ name, value string }{
		{"DATABASE_URL", "mysql://bot:hunter2@db/x"},
		{"DISCORD_PUBLIC_KEY", "abc"},
		{"INTERACTIONS_ADDR", "8080"},
		{"DISCORD_SHARD", "4/4"},
		{"DISCORD_SHARD", "x"},
	} {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			_, err := FromLookup(lookupFrom(map[string]string{tt.name: tt.value}))
			if err == nil || !strings.Contains(err.Error(), tt.name) {
				t.Errorf("got %v, want an error naming %s", err, tt.name)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %v shows the password", err)
			}
		})
	}
}
