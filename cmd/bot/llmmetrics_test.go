package main

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestLLMMetrics asks with an LLM that works and with one that fails, and
// reads what the process's /metrics would serve.
func TestLLMMetrics(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		fail bool
		want []string
	}{
		{"answered", false, []string{
			`storybot_llm_calls_total{kind="chat",outcome="ok"} 1`,
			`storybot_llm_calls_total{kind="embed",outcome="ok"}`,
		}},
		{"failing API", true, []string{
			`storybot_llm_calls_total{kind="chat",outcome="error"}`,
			`storybot_llm_calls_total{kind="embed",outcome="error"}`,
			`storybot_fallbacks_total{reason="error"} 1`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := fakeOpenAI(t, tt.fail)
			env := map[string]string{
				"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": srv.URL + "/v1",
				"OPENAI_CHAT_MODEL": "fake-chat", "OPENAI_EMBED_MODEL": "fake-embed",
			}
			var out, errb bytes.Buffer
			m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, LookupEnv: environment(env)}
			if code := m.Run(context.Background(), []string{"--data-dir", t.TempDir(), "ask", "Did Iran admit sending missiles?"}); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			rec := httptest.NewRecorder()
			m.metrics().Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
			text, _ := io.ReadAll(rec.Body)
			if strings.Contains(string(text), "storybot_index_chunks 0\n") {
				t.Errorf("the index size is not reported")
			}
			for _, want := range tt.want {
				if !strings.Contains(string(text), want) {
					t.Errorf("metrics lack %s", want)
				}
			}
		})
	}
}
