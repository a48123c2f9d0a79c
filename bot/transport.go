package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// apiBaseTransport sends discordgo's REST calls to another API base.
// discordgo builds every URL from package variables computed once from
// discord.com; rewriting in the transport catches all of them, including any
// a reassignment would miss. With a non-default base, any other request for
// a Discord host is refused rather than leaked.
type apiBaseTransport struct {
	from *url.URL // discordgo's API base, e.g. https://discord.com/api/v9/
	to   *url.URL // the configured base, without trailing slash
	next http.RoundTripper
}

// newAPIBaseTransport rewrites requests for discordgo's API base to base.
func newAPIBaseTransport(base string, next http.RoundTripper) (*apiBaseTransport, error) {
	if next == nil {
		next = http.DefaultTransport
	}
	to, err := parseAPIBase(base)
	if err != nil {
		return nil, err
	}
	from, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		return nil, fmt.Errorf("parse discordgo API endpoint: %w", err)
	}
	return &apiBaseTransport{from: from, to: to, next: next}, nil
}

// parseAPIBase checks an API base URL.
func parseAPIBase(base string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return nil, fmt.Errorf("API base %q: %w", base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("API base %q: want an http(s) URL such as %s", base, discordgo.EndpointAPI)
	}
	return u, nil
}

// RoundTrip rewrites and forwards req.
func (t *apiBaseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host == t.to.Host && req.URL.Scheme == t.to.Scheme {
		return t.next.RoundTrip(req)
	}
	if req.URL.Host == t.from.Host && strings.HasPrefix(req.URL.Path, t.from.Path) {
		rest := strings.TrimPrefix(req.URL.EscapedPath(), t.from.EscapedPath())
		u, err := url.Parse(t.to.String() + "/" + rest)
		if err != nil {
			return nil, fmt.Errorf("rewrite %s to API base: %w", req.URL.Redacted(), err)
		}
		u.RawQuery = req.URL.RawQuery
		out := req.Clone(req.Context())
		out.URL = u
		out.Host = ""
		return t.next.RoundTrip(out)
	}
	if isDiscordHost(req.URL.Hostname()) {
		return nil, fmt.Errorf("refusing request to %s: the API base is %s", req.URL.Host, t.to.Redacted())
	}
	return t.next.RoundTrip(req)
}

// isDiscordHost reports whether host belongs to Discord.
func isDiscordHost(host string) bool {
	for _, d := range []string{"discord.com", "discordapp.com", "discord.gg", "discordapp.net"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
