package bot

import (
	"net/http"
	"strings"
	"testing"
)

// recordTransport remembers the URL of each request and answers 204.
type recordTransport struct{ urls []string }

func (r *recordTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.urls = append(r.urls, req.Method+" "+req.URL.String())
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: req}, nil
}

func TestAPIBaseTransport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		base    string
		url     string
		want    string
		refused bool
	}{
		{"REST call", "http://127.0.0.1:9/api/v9", "https://discord.com/api/v9/channels/1/messages", "PUT http://127.0.0.1:9/api/v9/channels/1/messages", false},
		{"gateway discovery", "http://127.0.0.1:9/api/v9/", "https://discord.com/api/v9/gateway", "PUT http://127.0.0.1:9/api/v9/gateway", false},
		{"webhook @original with query", "http://127.0.0.1:9/proxy/api/v9", "https://discord.com/api/v9/webhooks/1/tok/messages/@original?wait=true", "PUT http://127.0.0.1:9/proxy/api/v9/webhooks/1/tok/messages/@original?wait=true", false},
		{"already on base", "http://127.0.0.1:9/api/v9", "http://127.0.0.1:9/api/v9/channels/1/messages/pins/2", "PUT http://127.0.0.1:9/api/v9/channels/1/messages/pins/2", false},
		{"CDN refused", "http://127.0.0.1:9/api/v9", "https://cdn.discordapp.com/avatars/1/2.png", "", true},
		{"other discord path refused", "http://127.0.0.1:9/api/v9", "https://discord.com/api/v10/users/@me", "", true},
		{"default base passes through", "https://discord.com/api/v9", "https://discord.com/api/v9/gateway", "PUT https://discord.com/api/v9/gateway", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordTransport{}
			tr, err := newAPIBaseTransport(tt.base, rec)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodPut, tt.url, strings.NewReader("{}"))
			_, err = tr.RoundTrip(req)
			if tt.refused {
				if err == nil || len(rec.urls) != 0 {
					t.Errorf("request to %s not refused: %v", tt.url, rec.urls)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.urls) != 1 || rec.urls[0] != tt.want {
				t.Errorf("sent %v, want %s", rec.urls, tt.want)
			}
		})
	}
}

func TestBadAPIBase(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"discord.com/api", "ftp://x/api", "http://"} {
		if _, err := New(Options{Token: "t", APIBase: base, Engine: newFakeEngine(), DataDir: t.TempDir()}); err == nil {
			t.Errorf("New accepted API base %q", base)
		}
	}
}
