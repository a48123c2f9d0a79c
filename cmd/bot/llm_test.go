package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeOpenAI is an OpenAI-compatible API: embeddings are a fixed function of
// the text, and the chat model quotes the first line of source [1].
func fakeOpenAI(t *testing.T, fail bool) (*httptest.Server, *atomic.Int32) {
	var chats atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Authorization") != "Bearer test-key" {
			t.Errorf("got %s %s with auth %q", r.Method, r.URL.Path, r.Header.Get("Authorization"))
		}
		if fail {
			http.Error(w, `{"error":{"message":"overloaded","type":"server_error"}}`, http.StatusInternalServerError)
			return
		}
		switch r.URL.Path {
		case "/v1/embeddings":
			var req struct{ Input []string }
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
				t.Error(err)
			}
			var data []map[string]any
			for i, text := range req.Input {
				v := make([]float32, 8)
				for j, c := range strings.ToLower(text) {
					v[(j+int(c))%8] += 1
				}
				data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": v})
			}
			json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": "fake-embed"})
		case "/v1/chat/completions":
			chats.Add(1)
			var req struct {
				Model    string
				Messages []struct{ Role, Content string }
			}
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) != 2 || req.Model != "fake-chat" {
				t.Errorf("bad chat request %+v: %v", req, err)
			}
			user := req.Messages[1].Content
			first := user[strings.Index(user, "<<<\n")+4:]
			first = first[:strings.IndexByte(first, '\n')]
			if len(first) > 60 {
				first = first[:60]
			}
			reply, _ := json.Marshal(map[string]any{
				"answer": "The sources say so [1].",
				"quotes": []map[string]any{{"n": 1, "quote": first}},
			})
			json.NewEncoder(w).Encode(map[string]any{
				"id": "c1", "object": "chat.completion", "model": "fake-chat",
				"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
					"message": map[string]any{"role": "assistant", "content": string(reply)}}},
			})
		default:
			t.Errorf("unexpected path %s", r.URL.Path)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &chats
}

func TestAskWithLLM(t *testing.T) {
	t.Parallel()
	srv, chats := fakeOpenAI(t, false)
	out, errOut, code := runWith(t, map[string]string{
		"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": srv.URL + "/v1",
		"OPENAI_CHAT_MODEL": "fake-chat", "OPENAI_EMBED_MODEL": "fake-embed",
	}, "ask", "--json", "Did Iran admit sending missiles?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Mode, Model string
		Citations   []struct {
			Quote      string
			Start, End int
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Mode != "llm" || got.Model != "fake-chat" || len(got.Citations) != 1 || chats.Load() != 1 {
		t.Fatalf("got %s (chat calls %d), want an llm answer by fake-chat with one citation", out, chats.Load())
	}
	if c := got.Citations[0]; c.End-c.Start != len(c.Quote) {
		t.Errorf("citation offsets %d-%d do not fit its quote %q", c.Start, c.End, c.Quote)
	}
}

func TestAskFallsBackWhenTheAPIFails(t *testing.T) {
	t.Parallel()
	srv, _ := fakeOpenAI(t, true)
	out, errOut, code := runWith(t, map[string]string{
		"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_CHAT_MODEL": "fake-chat",
	}, "ask", "--json", "Did Iran admit sending missiles?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Mode      string
		Abstained bool
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Mode != "extractive" || got.Abstained {
		t.Errorf("got %s, want the extractive answer", out)
	}
	for _, want := range []string{"local embedder", "answering extractively"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the log does not say %q:\n%s", want, errOut)
		}
	}
}
