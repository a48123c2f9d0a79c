package rag

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// EvalQuestion is one line of a questions file (see the README): a question
// and what a correct answer contains.
type EvalQuestion struct {
	ID       string     `json:"id"`
	Question string     `json:"question"`
	Abstain  bool       `json:"abstain"`
	All      [][]string `json:"all"`
	None     []string   `json:"none"`
	Gold     []string   `json:"gold"`
}

// EvalResult grades one answer.
type EvalResult struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Passed   bool     `json:"passed"`
	Failures []string `json:"failures,omitempty"`
	Answer   Answer   `json:"result"`
}

// ReadEvalQuestions parses a questions file: one JSON object a line; blank
// lines and lines starting with # are skipped.
func ReadEvalQuestions(r io.Reader) ([]EvalQuestion, error) {
	var qs []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if strings.TrimSpace(q.Question) == "" {
			return nil, fmt.Errorf("line %d: no question", line)
		}
		for _, pat := range q.None {
			if _, err := regexp.Compile("(?i)" + pat); err != nil {
				return nil, fmt.Errorf("line %d: bad pattern in none: %w", line, err)
			}
		}
		if q.ID == "" {
			q.ID = fmt.Sprintf("line%d", line)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return qs, nil
}

// Grade checks an answer against what the question expects. inCorpus tells
// whether a quote is verbatim in the corpus.
func Grade(q EvalQuestion, a Answer, inCorpus func(doc, quote string) bool) EvalResult {
	r := EvalResult{ID: q.ID, Question: q.Question, Answer: a}
	fail := func(format string, args ...any) { r.Failures = append(r.Failures, fmt.Sprintf(format, args...)) }
	if a.Abstained != q.Abstain {
		fail("abstained: got %v, want %v", a.Abstained, q.Abstain)
	}
	text := strings.ToLower(a.Text)
	for _, group := range q.All {
		found := false
		for _, phrase := range group {
			if strings.Contains(text, strings.ToLower(phrase)) {
				found = true
				break
			}
		}
		if !found {
			fail("answer has none of %q", group)
		}
	}
	for _, pat := range q.None {
		if re, err := regexp.Compile("(?i)" + pat); err == nil && re.MatchString(a.Text) {
			fail("answer matches forbidden pattern %q", pat)
		}
	}
	if len(q.Gold) > 0 {
		found := false
		for _, c := range a.Citations {
			for _, g := range q.Gold {
				if _, ok := Locate(c.Quote, g); ok {
					found = true
				}
			}
		}
		if !found {
			fail("no cited quote contains a gold passage")
		}
	}
	for _, c := range a.Citations {
		if !inCorpus(c.Doc, c.Quote) {
			fail("quote [%d] is not verbatim in %s", c.N, c.Doc)
		}
	}
	r.Passed = len(r.Failures) == 0
	return r
}

// InCorpus reports whether quote is verbatim (up to quote style and
// whitespace) in the indexed document doc.
func (e *Engine) InCorpus(doc, quote string) bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.ix.Document(doc)
	if !ok {
		return false
	}
	_, ok = Locate(d.Text, quote)
	return ok
}
