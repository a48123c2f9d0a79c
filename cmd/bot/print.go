package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsbot/storybot/internal/eval"
)

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
