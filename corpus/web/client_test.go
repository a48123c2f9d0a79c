package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testClient is a client that may reach the httptest servers on loopback.
func testClient(opts Options) *Client {
	opts.AllowPrivate = true
	return New(opts)
}

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:4700:4700::1111", true},
		{"127.0.0.1", false},
		{"127.8.8.8", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.9", false},
		{"192.168.1.1", false},
		{"100.64.0.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fc00::5", false},
		{"0.0.0.0", false},
		{"::", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
		{"224.0.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := publicAddr(netip.MustParseAddr(tt.addr)); got != tt.want {
				t.Errorf("publicAddr(%s): got %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

// TestPrivateAddressRefused fetches from a server on loopback, by address
// and by a name that resolves to it, without AllowPrivate: the dial is
// refused and the server never sees a request.
func TestPrivateAddressRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write(readTestdata(t, "ferry.html"))
	}))
	defer srv.Close()
	c := New(Options{})
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	for _, u := range []string{srv.URL + "/story", "http://localhost:" + strconv.Itoa(port) + "/story"} {
		_, err := c.Article(context.Background(), u, Validators{})
		if !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), "127.0.0.1") && !strings.Contains(err.Error(), "::1") {
			t.Errorf("Article(%s): got %v, want ErrBlocked naming the loopback address", u, err)
		}
		if _, err := c.Poll(context.Background(), &Feed{URL: u}, time.Now()); !errors.Is(err, ErrBlocked) {
			t.Errorf("Poll(%s): got %v, want ErrBlocked", u, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the private server got %d requests, want none", n)
	}
}

// TestRedirectToPrivateRefused follows a redirect from an allowed server to
// a private one: the check at dial time catches the second hop too. The
// first server is reached through a client whose dial check lets only it
// through, as a public server would be.
func TestRedirectToPrivateRefused(t *testing.T) {
	var hits atomic.Int32
	private := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer private.Close()
	public := httptest.NewServer(http.RedirectHandler(private.URL+"/secret", http.StatusFound))
	defer public.Close()
	c := New(Options{})
	// Stand-in for a public address: the first server's port passes.
	publicPort := public.Listener.Addr().String()
	tr := c.http.Transport.(*http.Transport)
	base := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == publicPort {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}
		return base(ctx, network, addr)
	}
	_, err := c.Article(context.Background(), public.URL, Validators{})
	if !errors.Is(err, ErrBlocked) {
		t.Errorf("got %v, want ErrBlocked for the redirect's target", err)
	}
	if hits.Load() != 0 {
		t.Error("the private server was reached through a redirect")
	}
}

func TestFetchBounds(t *testing.T) {
	page := readTestdata(t, "ferry.html")
	mux := http.NewServeMux()
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) })
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil
		w.Write([]byte{0, 1, 2})
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Repeat("<p>padding</p>", 1000)))
	})
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 100 {
			w.Write([]byte(strings.Repeat("<p>padding</p>", 10)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(page[:100])
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(Options{MaxBytes: 4096, Timeout: 500 * time.Millisecond, MaxRedirects: 3})

	tests := []struct {
		path string
		want error
		say  string
	}{
		{"/missing", ErrNotFound, "404"},
		{"/gone", ErrNotFound, "410"},
		{"/broken", ErrStatus, "500"},
		{"/image", ErrContentType, "image/png"},
		{"/untyped", ErrContentType, "no content type"},
		{"/huge", ErrTooLarge, "4096-byte limit"},
		{"/huge-chunked", ErrTooLarge, "4096-byte limit"},
		{"/slow", ErrTimeout, "within 500ms"},
		{"/loop", ErrTooManyRedirects, "more than 3"},
		{"/to-file", ErrBlocked, "only http and https"},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			_, err := c.Article(context.Background(), srv.URL+tt.path, Validators{})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.say) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("got %v, want %v saying %q and naming the URL", err, tt.want, tt.say)
			}
		})
	}
	for _, raw := range []string{"file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "http://", "not a url"} {
		if _, err := c.Article(context.Background(), raw, Validators{}); !errors.Is(err, ErrBlocked) {
			t.Errorf("Article(%q): got %v, want ErrBlocked", raw, err)
		}
	}

	// The caller's own cancellation is not the client's timeout.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Article(ctx, srv.URL+"/slow", Validators{}); !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("cancelled: got %v, want context.Canceled", err)
	}
}
