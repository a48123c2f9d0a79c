// Package eval grades the bot's answers against a questions file: what each
// answer must contain, must not claim, which passage it must cite, and that
// every quote is verbatim in the corpus. `bot eval` runs it; it measures the
// product from outside, through rag.Engine's Ask and InCorpus.
package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/newsbot/storybot/rag"
)

// Question is one line of a questions file (see the README): a question
// and what a correct answer contains.
type Question struct {
	ID       string     `json:"id"`
	Question string     `json:"question"`
	Abstain  bool       `json:"abstain"`
	All      [][]string `json:"all"`
	None     []string   `json:"none"`
	Gold     []string   `json:"gold"`
	// Turns, when set, make the line a conversation: each turn is asked in
	// the context of the ones before it and graded on its own (see
	// Converse); Question and the fields above are then unused.
	Turns []Turn `json:"turns,omitempty"`
}

// Result grades one answer.
type Result struct {
	ID       string     `json:"id"`
	Question string     `json:"question"`
	Passed   bool       `json:"passed"`
	Failures []string   `json:"failures,omitempty"`
	Answer   rag.Answer `json:"result"`
	// Turns grade each turn of a conversation; Answer is the last one's.
	Turns []TurnResult `json:"turns,omitempty"`
}

// ReadQuestions parses a questions file: one JSON object a line; blank
// lines and lines starting with # are skipped.
func ReadQuestions(r io.Reader) ([]Question, error) {
	var qs []Question
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var q Question
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if err := checkLine(q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
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

// checkLine reports what makes a parsed line unusable: no question, or a
// forbidden pattern that does not compile, in the line or in a turn.
func checkLine(q Question) error {
	if len(q.Turns) > 0 {
		for n, t := range q.Turns {
			if err := checkLine(t.question()); err != nil {
				return fmt.Errorf("turn %d: %w", n+1, err)
			}
		}
		return nil
	}
	if strings.TrimSpace(q.Question) == "" {
		return errors.New("no question")
	}
	for _, pat := range q.None {
		if _, err := regexp.Compile("(?i)" + pat); err != nil {
			return fmt.Errorf("bad pattern in none: %w", err)
		}
	}
	return nil
}

// Grade checks an answer against what the question expects. inCorpus tells
// whether a quote is verbatim in the corpus.
func Grade(q Question, a rag.Answer, inCorpus func(doc, quote string) bool) Result {
	r := Result{ID: q.ID, Question: q.Question, Answer: a}
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
				if _, ok := rag.Locate(c.Quote, g); ok {
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
