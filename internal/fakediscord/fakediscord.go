// Package fakediscord is an in-process stand-in for Discord for tests: a REST
// API and a gateway websocket on 127.0.0.1 that a real discordgo session
// talks to. It records every REST request, lets a test dispatch
// interactions as Discord would, injects the failures Discord answers with
// (5xx, 429 with its rate-limit headers, 401 for an expired interaction
// token) and tracks each interaction's original message, so a test can see
// that no reply is left "thinking…".
package fakediscord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Ids the fake uses in READY.
const (
	AppID     = "1100000000000000001"
	BotUserID = "1100000000000000002"
)

// Request is one REST request as received.
type Request struct {
	Method string
	Path   string // with the API prefix, e.g. /api/v9/gateway
	Header http.Header
	Body   []byte
	// Fault is the status of the injected failure that answered it; 0 when
	// it was served normally.
	Fault int
}

// Fault makes matching REST requests fail as Discord fails them.
type Fault struct {
	// Match selects the requests; nil matches every one.
	Match func(Request) bool
	// Times is how many matching requests fail; 0 means all of them.
	Times int
	// Status, Body (JSON) and Header are the response.
	Status int
	Body   string
	Header http.Header
}

// ServerError is a Discord 5xx.
func ServerError(status int, match func(Request) bool, times int) Fault {
	return Fault{Match: match, Times: times, Status: status, Body: `{"message": "Internal Server Error", "code": 0}`}
}

// RateLimited is a 429 as Discord sends it for one bucket: retry_after in
// the body (seconds) and the rate-limit headers discordgo reads.
func RateLimited(retryAfter time.Duration, match func(Request) bool, times int) Fault {
	secs := fmt.Sprintf("%.3f", retryAfter.Seconds())
	h := http.Header{}
	h.Set("Retry-After", secs)
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", secs)
	h.Set("X-RateLimit-Bucket", "fake-bucket")
	h.Set("X-RateLimit-Scope", "user")
	return Fault{Match: match, Times: times, Status: http.StatusTooManyRequests, Header: h,
		Body: fmt.Sprintf(`{"message": "You are being rate limited.", "retry_after": %s, "global": false}`, secs)}
}

// InvalidWebhookToken is the 401 Discord answers once an interaction token
// expired (code 50027).
func InvalidWebhookToken(match func(Request) bool, times int) Fault {
	return Fault{Match: match, Times: times, Status: http.StatusUnauthorized, Body: `{"message": "Invalid Webhook Token", "code": 50027}`}
}

// Interaction is what became of one interaction's reply.
type Interaction struct {
	// Callback is the callback type sent (5: deferred, 4: a message…);
	// 0 when none was accepted.
	Callback int
	// Edited and Deleted say whether @original was edited or deleted.
	Edited, Deleted bool
	// Followups counts accepted follow-up messages.
	Followups int
}

// Thinking reports whether Discord would still show "thinking…": the
// interaction was deferred with a message to come, and nothing replaced it.
func (i Interaction) Thinking() bool {
	return i.Callback == 5 && !i.Edited && !i.Deleted && i.Followups == 0
}

// JSON decodes the body into a generic value (nil when empty).
func (r Request) JSON() any {
	if len(r.Body) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		return nil
	}
	return v
}

// Server is a fake Discord.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	requests []Request
	waiters  []chan struct{}
	conn     *websocket.Conn
	wmu      sync.Mutex // serialises websocket writes
	seq      int
	msgSeq   int
	identify []json.RawMessage
	// threads are the ids of the threads started.
	threads  map[string]bool
	closed   chan struct{} // closed when the bot's gateway connection ends
	token    string
	original map[string]string // interaction token -> id of its @original message
	faults   []*Fault
	stall    bool                    // the gateway never says Hello
	dials    int                     // gateway connections accepted
	states   map[string]*Interaction // interaction token -> its reply's state
	shards   int                     // recommended in /gateway/bot (default 1)
	maxConc  int                     // session_start_limit.max_concurrency (default 1)
	roles    map[string][]Role       // guild id -> its roles
}

// SetShards makes /gateway/bot recommend shards shards, maxConcurrency of
// which may identify at once.
func (s *Server) SetShards(shards, maxConcurrency int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards, s.maxConc = shards, maxConcurrency
}

// Role is one of a guild's roles, as GET /guilds/{id}/roles lists them.
type Role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SetRoles sets the roles GET /guilds/{guildID}/roles lists.
func (s *Server) SetRoles(guildID string, roles ...Role) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.roles == nil {
		s.roles = map[string][]Role{}
	}
	s.roles[guildID] = roles
}

// New starts a fake Discord that expects the bot token token (with "Bot ").
func New(token string) *Server {
	s := &Server{
		closed:   make(chan struct{}),
		token:    token,
		original: map[string]string{},
		states:   map[string]*Interaction{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// APIBase is the REST base to configure, like https://discord.com/api/v9.
func (s *Server) APIBase() string { return s.srv.URL + "/api/v9" }

// Close stops the server and drops the gateway connection.
func (s *Server) Close() {
	s.mu.Lock()
	if s.conn != nil {
		s.conn.Close()
	}
	s.mu.Unlock()
	s.srv.Close()
}

// StallGateway makes the gateway accept connections and then say nothing,
// as a hung Discord gateway does: the bot never gets Hello.
func (s *Server) StallGateway() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stall = true
}

// GatewayDials counts the gateway connections accepted so far.
func (s *Server) GatewayDials() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dials
}

// Inject adds a failure; the first matching fault answers a request.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// fault takes the first fault matching req, counting it.
func (s *Server) fault(req Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for n, f := range s.faults {
		if f.Match != nil && !f.Match(req) {
			continue
		}
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:n:n], s.faults[n+1:]...)
			}
		}
		return f
	}
	return nil
}

// State is what became of the reply of the interaction with token.
func (s *Server) State(token string) Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.states[token]; st != nil {
		return *st
	}
	return Interaction{}
}

// Requests returns a copy of the REST requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// WaitFor waits until a request matching ok arrives (or has arrived) and
// returns it.
func (s *Server) WaitFor(timeout time.Duration, ok func(Request) bool) (Request, bool) {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		for _, r := range s.requests {
			if ok(r) {
				s.mu.Unlock()
				return r, true
			}
		}
		ch := make(chan struct{})
		s.waiters = append(s.waiters, ch)
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			return Request{}, false
		}
	}
}

// OriginalMessageID is the id of the @original message of the interaction
// with token, once it was edited.
func (s *Server) OriginalMessageID(token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.original[token]
}

// Identified returns the d of each Identify (op 2) the bot sent so far.
func (s *Server) Identified() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]json.RawMessage(nil), s.identify...)
}

// GatewayClosed is closed when the bot's gateway connection ends.
func (s *Server) GatewayClosed() <-chan struct{} { return s.closed }

// Dispatch sends an INTERACTION_CREATE with the interaction JSON.
func (s *Server) Dispatch(interaction []byte) error {
	return s.send("INTERACTION_CREATE", interaction)
}

func (s *Server) send(event string, d []byte) error {
	s.mu.Lock()
	conn := s.conn
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if conn == nil {
		return fmt.Errorf("dispatch %s: no gateway connection", event)
	}
	frame, err := json.Marshal(map[string]any{"op": 0, "t": event, "s": seq, "d": json.RawMessage(d)})
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return conn.WriteMessage(websocket.TextMessage, frame)
}

// read reads a request and the fault that answers it, if any.
func (s *Server) read(r *http.Request) (Request, *Fault) {
	body, _ := io.ReadAll(r.Body)
	req := Request{Method: r.Method, Path: r.URL.EscapedPath(), Header: r.Header.Clone(), Body: body}
	f := s.fault(req)
	if f != nil {
		req.Fault = f.Status
	}
	return req, f
}

// record keeps a request and what it did to its interaction's reply. The
// id of an edited @original is fixed before anyone can see the request, so
// a test that saw the edit can use the id.
func (s *Server) record(req Request, authorized bool) {
	s.mu.Lock()
	parts := strings.Split(strings.Trim(strings.TrimPrefix(req.Path, "/api/v9"), "/"), "/")
	if req.Fault == 0 && authorized {
		s.track(req, parts)
	}
	s.requests = append(s.requests, req)
	for _, w := range s.waiters {
		close(w)
	}
	s.waiters = nil
	s.mu.Unlock()
}

// track updates the state of the interaction a served request is for; s.mu
// is held.
func (s *Server) track(req Request, parts []string) {
	state := func(token string) *Interaction {
		st := s.states[token]
		if st == nil {
			st = &Interaction{}
			s.states[token] = st
		}
		return st
	}
	switch {
	case req.Method == http.MethodPost && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		var cb struct {
			Type int `json:"type"`
		}
		json.Unmarshal(req.Body, &cb)
		state(parts[2]).Callback = cb.Type
	case len(parts) == 5 && parts[0] == "webhooks" && parts[4] == "@original":
		switch req.Method {
		case http.MethodPatch:
			state(parts[2]).Edited = true
			if s.original[parts[2]] == "" {
				s.msgSeq++
				s.original[parts[2]] = fmt.Sprintf("13000000000000%05d", s.msgSeq)
			}
		case http.MethodDelete:
			state(parts[2]).Deleted = true
		}
	case req.Method == http.MethodPost && len(parts) == 3 && parts[0] == "webhooks":
		state(parts[2]).Followups++
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway-ws/" || r.URL.Path == "/gateway-ws" {
		s.gateway(w, r)
		return
	}
	req, f := s.read(r)
	path := strings.TrimPrefix(req.Path, "/api/v9")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	wsURL := "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway-ws"
	authorized := path == "/gateway" || path == "/gateway/bot" || r.Header.Get("Authorization") == s.token
	s.record(req, authorized)
	if f != nil {
		for k, v := range f.Header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.Status)
		io.WriteString(w, f.Body)
		return
	}
	if !authorized {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	switch {
	case r.Method == http.MethodGet && path == "/gateway":
		writeJSON(w, http.StatusOK, map[string]any{"url": wsURL})
	case r.Method == http.MethodGet && path == "/gateway/bot":
		s.mu.Lock()
		shards, maxConc := max(s.shards, 1), max(s.maxConc, 1)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"url": wsURL, "shards": shards,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": maxConc}})
	case r.Method == http.MethodGet && path == "/applications/@me":
		writeJSON(w, http.StatusOK, map[string]any{"id": AppID, "name": "storybot", "bot": map[string]any{"id": BotUserID, "username": "storybot", "bot": true}})
	case r.Method == http.MethodPost && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPatch && len(parts) == 5 && parts[0] == "webhooks" && parts[3] == "messages":
		writeJSON(w, http.StatusOK, s.message(req, parts[2], parts[4]))
	case r.Method == http.MethodDelete && len(parts) == 5 && parts[0] == "webhooks" && parts[3] == "messages":
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "channels" && parts[2] == "messages":
		writeJSON(w, http.StatusOK, s.message(req, "", ""))
	case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "guilds" && parts[2] == "roles":
		s.mu.Lock()
		roles := append([]Role{}, s.roles[parts[1]]...)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, roles)
	case r.Method == http.MethodPatch && len(parts) == 4 && parts[0] == "channels" && parts[2] == "messages":
		writeJSON(w, http.StatusOK, s.message(req, "", parts[3]))
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "webhooks":
		writeJSON(w, http.StatusOK, s.message(req, parts[2], ""))
	case r.Method == http.MethodPut && parts[0] == "applications" && parts[len(parts)-1] == "commands":
		var cmds []map[string]any
		json.Unmarshal(req.Body, &cmds)
		for n, c := range cmds {
			c["id"] = fmt.Sprintf("12000000000000000%02d", n)
			c["application_id"] = AppID
			c["version"] = "1"
		}
		writeJSON(w, http.StatusOK, cmds)
	case r.Method == http.MethodPost && len(parts) == 5 && parts[0] == "channels" && parts[2] == "messages" && parts[4] == "threads":
		s.startThread(w, parts[1], parts[3], req.Body)
	case r.Method == http.MethodPut && len(parts) == 5 && parts[0] == "channels" && parts[2] == "messages" && parts[3] == "pins":
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
	}
}

// message answers a webhook edit or post with the message Discord would
// return, with a fresh id unless one was named.
func (s *Server) message(req Request, token, id string) map[string]any {
	s.mu.Lock()
	switch id {
	case "@original":
		id = s.original[token]
	case "":
		s.msgSeq++
		id = fmt.Sprintf("13000000000000%05d", s.msgSeq)
	}
	s.mu.Unlock()
	m := map[string]any{}
	json.Unmarshal(req.Body, &m)
	m["id"] = id
	m["channel_id"] = "1300000000000000000"
	if p := strings.Split(strings.TrimPrefix(req.Path, "/api/v9/"), "/"); len(p) >= 2 && p[0] == "channels" {
		m["channel_id"] = p[1] // a message posted to a channel (or thread) is in it
	}
	m["type"] = 20
	m["author"] = map[string]any{"id": BotUserID, "username": "storybot", "bot": true}
	m["timestamp"] = "2026-01-01T00:00:00.000000+00:00"
	return m
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway speaks the gateway protocol: Hello, Identify, READY, heartbeats.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer func() {
		conn.Close()
		s.mu.Lock()
		if s.conn == conn {
			s.conn = nil
			select {
			case <-s.closed:
			default:
				close(s.closed)
			}
		}
		s.mu.Unlock()
	}()
	s.mu.Lock()
	s.dials++
	stall := s.stall
	s.mu.Unlock()
	if stall {
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}
	write := func(v any) error {
		s.wmu.Lock()
		defer s.wmu.Unlock()
		return conn.WriteJSON(v)
	}
	if err := write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}); err != nil {
		return
	}
	var ident struct {
		Op int             `json:"op"`
		D  json.RawMessage `json:"d"`
	}
	if err := conn.ReadJSON(&ident); err != nil || ident.Op != 2 {
		conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4003, "Not authenticated."))
		return
	}
	var id struct {
		Token string `json:"token"`
	}
	json.Unmarshal(ident.D, &id)
	if id.Token != s.token {
		conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
		return
	}
	s.mu.Lock()
	s.identify = append(s.identify, ident.D)
	s.conn = conn
	s.seq = 1
	s.mu.Unlock()
	ready := map[string]any{
		"v": 9, "session_id": "fake-session", "resume_gateway_url": "ws://127.0.0.1:1",
		"user":        map[string]any{"id": BotUserID, "username": "storybot", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": AppID, "flags": 0},
		"guilds":      []any{}, "private_channels": []any{},
	}
	if err := write(map[string]any{"op": 0, "t": "READY", "s": 1, "d": ready}); err != nil {
		return
	}
	for {
		var f struct {
			Op int `json:"op"`
		}
		if err := conn.ReadJSON(&f); err != nil {
			return
		}
		if f.Op == 1 {
			if err := write(map[string]any{"op": 11}); err != nil {
				return
			}
		}
	}
}
