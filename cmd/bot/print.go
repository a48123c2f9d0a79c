package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsbot/storybot/internal/eval"
	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/rag/timeline"
	"github.com/newsbot/storybot/rag/whosaid"
)

// printAnswer writes an answer for a terminal: the text, then the numbered
// sources with title, date and the quoted passage.
func printAnswer(w io.Writer, a rag.Answer) {
	fmt.Fprintln(w, a.Text)
	if len(a.Citations) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Sources:")
	}
	for _, c := range a.Citations {
		fmt.Fprintf(w, "[%d] %s", c.N, c.Title)
		if c.Published != "" {
			fmt.Fprintf(w, " (%s)", c.Published)
		}
		if c.URL != "" {
			fmt.Fprintf(w, " %s", c.URL)
		}
		fmt.Fprintf(w, "\n    > %s\n", c.Quote)
	}
	fmt.Fprintf(w, "\n(answered by %s)\n", answerer(a))
}

// answerer names the answerer of a, as footers show it.
func answerer(a rag.Answer) string {
	if a.Mode == rag.ModeLLM {
		return a.Model + ", quotes verified against the sources"
	}
	return "the extractive answerer (offline), quoting the sources"
}

func printEval(w io.Writer, results []eval.Result, passed int) {
	for _, r := range results {
		status := "PASS"
		if !r.Passed {
			status = "FAIL"
		}
		fmt.Fprintf(w, "%s %s %s\n", status, r.ID, r.Question)
		for _, f := range r.Failures {
			fmt.Fprintf(w, "     %s\n", f)
		}
		if !r.Passed {
			fmt.Fprintf(w, "     answer: %s\n", strings.ReplaceAll(r.Answer.Text, "\n", " "))
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, len(results)-passed)
}

// printTimeline writes one event a paragraph: the date and its precision,
// the summary, then the verbatim sentence and its document.
func printTimeline(w io.Writer, events []timeline.Event) {
	if len(events) == 0 {
		fmt.Fprintln(w, "No dated events found.")
		return
	}
	for _, ev := range events {
		date := ev.Date
		if !ev.Resolved {
			date = "undated"
		}
		fmt.Fprintf(w, "%-10s %-7s %s\n", date, ev.Precision, ev.Summary)
		fmt.Fprintf(w, "%18s> %s\n%18s  (%s, dated by %q)\n\n", "", ev.Quote, "", ev.Doc, ev.DateText)
	}
}

// printStatements writes one statement a paragraph: the speaker with role
// and channel, the kind, the verbatim words and the document.
func printStatements(w io.Writer, stmts []whosaid.Statement) {
	if len(stmts) == 0 {
		fmt.Fprintln(w, "No matching statements found.")
		return
	}
	for _, s := range stmts {
		fmt.Fprint(w, s.Speaker)
		var about []string
		if s.Role != "" {
			about = append(about, s.Role)
		}
		if s.Via != "" {
			about = append(about, "via "+s.Via)
		}
		if len(about) > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(about, ", "))
		}
		fmt.Fprintf(w, " [%s]\n    %s\n    (%s)\n\n", s.Kind, s.Quote, s.Doc)
	}
}
