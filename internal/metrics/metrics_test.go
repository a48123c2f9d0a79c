package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: got status %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("content type: got %q, want the text exposition format", ct)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func TestScrapeShowsWhatWasRecorded(t *testing.T) {
	m := New()
	m.Interaction("ask", OutcomeAnswered)
	m.Interaction("ask", OutcomeAnswered)
	m.Interaction("ask", OutcomeAbstained)
	m.Interaction("pin", OutcomeRefused)
	m.Acked("ask", 40*time.Millisecond)
	m.Answered("ask", "llm", 1500*time.Millisecond)
	m.LLMCall(LLMChat, LLMTimeout)
	m.LLMCall(LLMEmbed, LLMOK)
	m.Fallback("timeout")
	m.QuotesRejected(3)
	m.IndexSize(12, 340)
	m.FeedPoll(PollNew)
	m.FeedPoll(PollFailed)
	m.FeedsBackingOff(1)

	body := scrape(t, m.Handler())
	for _, want := range []string{
		`storybot_interactions_total{command="ask",outcome="answered"} 2`,
		`storybot_interactions_total{command="ask",outcome="abstained"} 1`,
		`storybot_interactions_total{command="pin",outcome="refused"} 1`,
		`storybot_abstentions_total{command="ask"} 1`,
		`storybot_ack_seconds_bucket{command="ask",le="0.05"} 1`,
		`storybot_ack_seconds_bucket{command="ask",le="0.025"} 0`,
		`storybot_ack_seconds_count{command="ask"} 1`,
		`storybot_answer_seconds_bucket{command="ask",mode="llm",le="2.5"} 1`,
		`storybot_answer_seconds_bucket{command="ask",mode="llm",le="1"} 0`,
		`storybot_llm_calls_total{kind="chat",outcome="timeout"} 1`,
		`storybot_llm_calls_total{kind="embed",outcome="ok"} 1`,
		`storybot_fallbacks_total{reason="timeout"} 1`,
		`storybot_quotes_rejected_total 3`,
		`storybot_index_documents 12`,
		`storybot_index_chunks 340`,
		`storybot_feed_polls_total{result="new"} 1`,
		`storybot_feed_polls_total{result="failed"} 1`,
		`storybot_feeds_backing_off 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
}

func TestRegistriesAreIndependent(t *testing.T) {
	a, b := New(), New()
	a.Interaction("ask", OutcomeError)
	if body := scrape(t, b.Handler()); strings.Contains(body, `outcome="error"`) {
		t.Error("one Metrics' interaction shows in another's scrape")
	}
}

func TestNilMetricsDoNothing(t *testing.T) {
	var m *Metrics
	m.Interaction("ask", OutcomeOK)
	m.Acked("ask", time.Second)
	m.Answered("ask", "extractive", time.Second)
	m.LLMCall(LLMChat, LLMOK)
	m.Fallback("x")
	m.QuotesRejected(1)
	m.IndexSize(1, 1)
	m.FeedPoll(PollNew)
	m.FeedsBackingOff(0)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("nil Metrics' handler: got %d, want 404", rec.Code)
	}
}
