package claim

import (
	"fmt"
	"strings"

	"github.com/newsbot/storybot/rag/whosaid"
)

// Attribute names who made each deciding statement of a result, from the
// who-said statements of the corpus: the speaker of the statement inside
// the evidence sentence that holds its cue (or, without a cue, the
// sentence's only attributed statement). When the first deciding sentence
// of a disputed claim has a speaker, the explanation opens with them
// ("Tehran denies it.", "X (Foreign Minister) calls it “wrong”.").
func Attribute(res Result, stmts []whosaid.Statement) Result {
	out := res
	out.Evidence = append([]Evidence(nil), res.Evidence...)
	for i := range out.Evidence {
		e := &out.Evidence[i]
		if s, ok := statementOf(*e, stmts); ok {
			e.Speaker, e.Role = s.Speaker, s.Role
		}
	}
	if res.Verdict == Disputed && len(out.Evidence) > 0 && out.Evidence[0].Speaker != "" {
		out.Explanation = explainBy(out.Evidence[0]) + others(res.Disputes-1, res.Supports)
	}
	return out
}

// statementOf finds the attributed statement that decides an evidence
// sentence.
func statementOf(e Evidence, stmts []whosaid.Statement) (whosaid.Statement, bool) {
	var in []whosaid.Statement
	for _, s := range stmts {
		if s.Doc == e.Doc && s.Start < e.End && s.End > e.Start && s.Speaker != "" && s.Speaker != whosaid.Unattributed {
			in = append(in, s)
		}
	}
	if e.Cue != "" {
		for _, s := range in {
			if strings.Contains(s.Quote, e.Cue) {
				return s, true
			}
		}
	}
	if len(in) == 1 {
		return in[0], true
	}
	return whosaid.Statement{}, false
}

// others counts the sentences beyond the first that dispute and support a
// claim, for an explanation that has named the first.
func others(disputes, supports int) string {
	var parts []string
	switch {
	case disputes == 1:
		parts = append(parts, "one other source sentence disputes it")
	case disputes > 1:
		parts = append(parts, fmt.Sprintf("%d other source sentences dispute it", disputes))
	}
	switch {
	case supports == 1:
		parts = append(parts, "one asserts it")
	case supports > 1:
		parts = append(parts, fmt.Sprintf("%d assert it", supports))
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, "; ")
	return " " + strings.ToUpper(s[:1]) + s[1:] + "."
}

// explainBy says who disputes a claim, and how.
func explainBy(e Evidence) string {
	who := e.Speaker
	if e.Role != "" && !strings.Contains(e.Speaker, e.Role) {
		who = fmt.Sprintf("%s (%s)", e.Speaker, e.Role)
	}
	switch e.Kind {
	case Denial:
		return who + " denies it."
	case Falsehood:
		return fmt.Sprintf("%s calls it “%s”.", who, e.Cue)
	case NoEvidence:
		return fmt.Sprintf("%s says there is “%s”.", who, e.Cue)
	case Contradiction:
		return fmt.Sprintf("%s says “%s”.", who, e.Cue)
	}
	return who + " says otherwise."
}
