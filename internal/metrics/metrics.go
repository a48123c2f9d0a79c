// Package metrics holds the bot's Prometheus collectors on a private
// registry (so tests and several bots in one process do not collide) and
// serves them for /metrics.
//
// Every recording method is safe on a nil *Metrics and does nothing, so a
// package takes a *Metrics and its tests may pass nil.
//
// What is measured, all under the storybot_ prefix:
//
//	interactions_total{command,outcome}      every slash command, button, modal, autocomplete
//	ack_seconds{command}                     from receiving an interaction to acknowledging it
//	answer_seconds{command,mode}             from receiving a question to the final answer
//	abstentions_total{command}               answers where the sources did not say
//	llm_calls_total{kind,outcome}            chat and embedding requests to the API
//	fallbacks_total{reason}                  LLM answers replaced by the extractive answerer
//	quotes_rejected_total                    quotes an LLM wrote that were not verbatim
//	index_documents, index_chunks            the in-process index's size
//	feed_polls_total{result}                 feed polls: new, unchanged (304 or nothing new), failed
//	feeds_backing_off                        feeds waiting out a failure
//
// plus the Go runtime's and the process's collectors.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Outcomes of an interaction.
const (
	OutcomeAnswered  = "answered"  // an answer with citations
	OutcomeAbstained = "abstained" // the sources did not say
	OutcomeOK        = "ok"        // anything else that succeeded (a button, a list)
	OutcomeRefused   = "refused"   // rate limit or missing permission
	OutcomeInvalid   = "invalid"   // bad input, told to the member
	OutcomeError     = "error"     // an internal failure
)

// Results of a feed poll.
const (
	PollNew       = "new"
	PollUnchanged = "unchanged"
	PollFailed    = "failed"
)

// LLM call kinds and outcomes.
const (
	LLMChat    = "chat"
	LLMEmbed   = "embed"
	LLMOK      = "ok"
	LLMError   = "error"
	LLMTimeout = "timeout"
)

// Metrics is the set of collectors.
type Metrics struct {
	reg            *prometheus.Registry
	interactions   *prometheus.CounterVec
	ack            *prometheus.HistogramVec
	answer         *prometheus.HistogramVec
	abstentions    *prometheus.CounterVec
	llmCalls       *prometheus.CounterVec
	fallbacks      *prometheus.CounterVec
	quotesRejected prometheus.Counter
	indexDocs      prometheus.Gauge
	indexChunks    prometheus.Gauge
	feedPolls      *prometheus.CounterVec
	feedsBackoff   prometheus.Gauge
}

// New registers every collector on a new registry.
func New() *Metrics {
	const ns = "storybot"
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "interactions_total",
			Help: "Interactions handled, by command and outcome."}, []string{"command", "outcome"}),
		// Discord allows 3 s to acknowledge: the buckets resolve that range.
		ack: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: "ack_seconds",
			Help:    "Time from receiving an interaction to acknowledging it.",
			Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5}}, []string{"command"}),
		// Extractive answers take milliseconds, LLM answers seconds.
		answer: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: ns, Name: "answer_seconds",
			Help:    "Time from receiving a question to its final answer.",
			Buckets: []float64{0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60}}, []string{"command", "mode"}),
		abstentions: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "abstentions_total",
			Help: "Answers where the sources did not say."}, []string{"command"}),
		llmCalls: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "llm_calls_total",
			Help: "Requests to the OpenAI-compatible API, by kind (chat, embed) and outcome."}, []string{"kind", "outcome"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "fallbacks_total",
			Help: "LLM answers replaced by the extractive answerer, by reason."}, []string{"reason"}),
		quotesRejected: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "quotes_rejected_total",
			Help: "Quotes written by the LLM that were not verbatim in the sources."}),
		indexDocs: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "index_documents",
			Help: "Documents in the in-process index."}),
		indexChunks: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "index_chunks",
			Help: "Chunks in the in-process index."}),
		feedPolls: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "feed_polls_total",
			Help: "Feed polls, by result (new, unchanged, failed)."}, []string{"result"}),
		feedsBackoff: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "feeds_backing_off",
			Help: "Feeds waiting out a failure before the next poll."}),
	}
	m.reg.MustRegister(m.interactions, m.ack, m.answer, m.abstentions, m.llmCalls, m.fallbacks, m.quotesRejected,
		m.indexDocs, m.indexChunks, m.feedPolls, m.feedsBackoff,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is the private registry, for registering more collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Interaction counts one handled interaction.
func (m *Metrics) Interaction(command, outcome string) {
	if m == nil {
		return
	}
	m.interactions.WithLabelValues(command, outcome).Inc()
	if outcome == OutcomeAbstained {
		m.abstentions.WithLabelValues(command).Inc()
	}
}

// Acked observes the time an interaction took to be acknowledged.
func (m *Metrics) Acked(command string, d time.Duration) {
	if m == nil {
		return
	}
	m.ack.WithLabelValues(command).Observe(d.Seconds())
}

// Answered observes the time a question took to its final answer; mode is
// the answerer that wrote it (extractive, llm).
func (m *Metrics) Answered(command, mode string, d time.Duration) {
	if m == nil {
		return
	}
	m.answer.WithLabelValues(command, mode).Observe(d.Seconds())
}

// LLMCall counts one request to the API.
func (m *Metrics) LLMCall(kind, outcome string) {
	if m == nil {
		return
	}
	m.llmCalls.WithLabelValues(kind, outcome).Inc()
}

// Fallback counts an LLM answer replaced by the extractive one.
func (m *Metrics) Fallback(reason string) {
	if m == nil {
		return
	}
	m.fallbacks.WithLabelValues(reason).Inc()
}

// QuotesRejected counts n quotes that failed verification.
func (m *Metrics) QuotesRejected(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.quotesRejected.Add(float64(n))
}

// IndexSize sets the index's size.
func (m *Metrics) IndexSize(documents, chunks int) {
	if m == nil {
		return
	}
	m.indexDocs.Set(float64(documents))
	m.indexChunks.Set(float64(chunks))
}

// FeedPoll counts one feed poll.
func (m *Metrics) FeedPoll(result string) {
	if m == nil {
		return
	}
	m.feedPolls.WithLabelValues(result).Inc()
}

// FeedsBackingOff sets how many feeds wait out a failure.
func (m *Metrics) FeedsBackingOff(n int) {
	if m == nil {
		return
	}
	m.feedsBackoff.Set(float64(n))
}
