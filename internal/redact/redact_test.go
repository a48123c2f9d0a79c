package redact

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"url userinfo", "base=http://user:password@llm.local:8080/v1", "base=http://REDACTED@llm.local:8080/v1"},
		{"webhook token", `Patch "https://discord.com/api/v9/webhooks/1100000000000000001/aW50ZXJhY3Rpb24.abc-_/messages/@original": context deadline exceeded`,
			`Patch "https://discord.com/api/v9/webhooks/1100000000000000001/REDACTED/messages/@original": context deadline exceeded`},
		{"interaction callback", "POST /api/v9/interactions/1310000000000000001/aW50ZXJhY3Rpb24/callback", "POST /api/v9/interactions/1310000000000000001/REDACTED/callback"},
		{"query key", "GET /v1/models?api_key=sk-123&x=1", "GET /v1/models?api_key=REDACTED&x=1"},
		{"authorization", "Authorization: Bot MTEwMDAwMDAwMDAwMDAwMDAwMg.Gx", "Authorization: Bot REDACTED"},
		{"plain text stays", "the bot met the minister at https://example.com/a?b=c", "the bot met the minister at https://example.com/a?b=c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := String("key is sk-live-123456 here", "sk-live-123456"); got != "key is REDACTED here" {
		t.Errorf("a known secret = %q", got)
	}
}

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

func TestHandlerRedactsEveryPart(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(Handler(slog.NewTextHandler(&buf, nil), "tok-secret-value"))
	u, _ := url.Parse("http://user:password@host/v1")
	err := fmt.Errorf("send follow-up: %w", &url.Error{Op: "Post", URL: "http://h/api/v9/webhooks/1/interaction-token-xyz", Err: errors.New("timeout")})
	log.With("base", "http://user:password@host").WithGroup("g").Info("calling http://user:password@host/x",
		"err", err, "url", stringer{u.String()}, "token", "tok-secret-value", slog.Group("inner", "u", "https://a:b@c"))
	out := buf.String()
	for _, bad := range []string{"password", "interaction-token-xyz", "tok-secret-value", "a:b@"} {
		if strings.Contains(out, bad) {
			t.Errorf("log keeps %q: %s", bad, out)
		}
	}
	if strings.Count(out, Mask) < 6 {
		t.Errorf("expected every secret masked: %s", out)
	}
}
