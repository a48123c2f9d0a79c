// Package redact keeps secrets out of logs: the user and password of URLs,
// Discord interaction and webhook tokens in API paths, credentials in query
// strings and authorization headers, and any secret value it is told.
// Handler wraps a slog.Handler so that every line, message and attributes
// alike, passes through String.
package redact

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
)

// Mask replaces what is redacted.
const Mask = "REDACTED"

// patterns are the secrets recognised by their shape, each with its
// replacement.
var patterns = []struct {
	re   *regexp.Regexp
	repl string
}{
	// scheme://user:password@host → scheme://REDACTED@host
	{regexp.MustCompile(`(\b[A-Za-z][A-Za-z0-9+.-]*://)[^/\s@"]+@`), "${1}" + Mask + "@"},
	// Discord: /webhooks/{application}/{interaction token}
	{regexp.MustCompile(`(/webhooks/\d+/)[^/\s?"]+`), "${1}" + Mask},
	// Discord: /interactions/{id}/{interaction token}/callback
	{regexp.MustCompile(`(/interactions/\d+/)[^/\s?"]+`), "${1}" + Mask},
	// ?token=… &api_key=… and the like
	{regexp.MustCompile(`(?i)([?&](?:token|access_token|api[_-]?key|key|secret|password|sig)=)[^&\s"]+`), "${1}" + Mask},
	// Authorization: Bot …, Bearer …
	{regexp.MustCompile(`(?i)\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{16,}`), "${1} " + Mask},
}

// String returns s with every recognised secret, and each of secrets,
// masked.
func String(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 { // shorter values would mask ordinary words
			s = strings.ReplaceAll(s, sec, Mask)
		}
	}
	for _, p := range patterns {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}

// Handler returns a handler that redacts every record before next sees it.
func Handler(next slog.Handler, secrets ...string) slog.Handler {
	if h, ok := next.(*handler); ok {
		return &handler{next: h.next, secrets: append(append([]string(nil), h.secrets...), secrets...)}
	}
	return &handler{next: next, secrets: secrets}
}

type handler struct {
	next    slog.Handler
	secrets []string
}

func (h *handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, String(r.Message, h.secrets...), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = h.attr(a)
	}
	return &handler{next: h.next.WithAttrs(red), secrets: h.secrets}
}

func (h *handler) WithGroup(name string) slog.Handler {
	return &handler{next: h.next.WithGroup(name), secrets: h.secrets}
}

// attr redacts one attribute: strings, errors, Stringers and groups.
func (h *handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, String(v.String(), h.secrets...))
	case slog.KindGroup:
		group := v.Group()
		red := make([]any, len(group))
		for i, g := range group {
			red[i] = h.attr(g)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.Any(a.Key, redactedError{msg: String(x.Error(), h.secrets...), err: x})
		case fmt.Stringer:
			return slog.String(a.Key, String(x.String(), h.secrets...))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// redactedError shows a redacted message and still unwraps to the original.
type redactedError struct {
	msg string
	err error
}

func (e redactedError) Error() string { return e.msg }
func (e redactedError) Unwrap() error { return e.err }
