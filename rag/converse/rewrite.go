package converse

import (
	"errors"
	"fmt"
	"strings"
)

// PromptTurns is how many of the latest turns a rewrite prompt shows the
// model: older ones rarely decide what a follow-up refers to.
const PromptTurns = 6

// MaxRewriteBytes bounds an accepted rewrite: a standalone question is
// short, and a long reply is the model answering instead of rewriting.
const MaxRewriteBytes = 400

// Prompt is a chat request for a language model: one system and one user
// message.
type Prompt struct {
	System string
	User   string
}

const rewriteSystem = `You rewrite a follow-up question from a conversation about news articles as one standalone question.
Replace pronouns ("he", "it", "they") and role nouns ("the mayor") with the names they refer to, and complete elliptical questions ("And the budget?", "Why?") from the earlier questions.
Use only names and words from the conversation and the follow-up. Do not answer the question. Do not add facts.
If the follow-up is already standalone, repeat it unchanged.
Reply with the rewritten question only, on one line.`

// RewritePrompt builds the request asking a language model to rewrite a
// follow-up as a standalone question, from the latest PromptTurns turns.
func RewritePrompt(history []Turn, question string) Prompt {
	if len(history) > PromptTurns {
		history = history[len(history)-PromptTurns:]
	}
	var b strings.Builder
	b.WriteString("Conversation so far:\n")
	if len(history) == 0 {
		b.WriteString("(none)\n")
	}
	for i, t := range history {
		fmt.Fprintf(&b, "%d. Question: %s\n", i+1, oneLine(t.Question))
		if len(t.Entities) > 0 {
			var names []string
			for _, e := range t.Entities {
				if e.Role != "" {
					names = append(names, fmt.Sprintf("%s (%s)", e.Name, e.Role))
				} else {
					names = append(names, e.Name)
				}
			}
			fmt.Fprintf(&b, "   The answer named: %s\n", strings.Join(names, "; "))
		}
	}
	fmt.Fprintf(&b, "\nFollow-up: %s\nStandalone question:", oneLine(question))
	return Prompt{System: rewriteSystem, User: b.String()}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ErrRewrite marks a model's rewrite that was rejected.
var ErrRewrite = errors.New("rewrite rejected")

// AcceptRewrite returns a language model's rewrite of a follow-up as its
// resolution, when ValidateRewrite accepts it. Otherwise it returns
// Resolve's resolution and the reason the rewrite was rejected, which
// wraps ErrRewrite: the caller logs it and goes on with the resolution.
func AcceptRewrite(history []Turn, question, rewrite string) (Resolution, error) {
	q := strings.TrimSpace(question)
	r, err := ValidateRewrite(history, q, rewrite)
	if err != nil {
		return Resolve(history, q), err
	}
	if r == q {
		return Resolution{Question: q}, nil
	}
	return Resolution{Question: r, Changed: true, Rule: "llm", Substitutions: []Substitution{{From: q, To: r}}}, nil
}

// ValidateRewrite checks a language model's rewrite of a follow-up and
// returns it cleaned (one line, without a label or enclosing quotes). It
// rejects a rewrite that is empty, too long or on several lines, that
// brings in a word found neither in the history nor in the follow-up (an
// invented name or fact), or that drops a word of the follow-up other than
// a pronoun or a role noun it resolved.
func ValidateRewrite(history []Turn, question, rewrite string) (string, error) {
	r := cleanRewrite(rewrite)
	switch {
	case r == "":
		return "", fmt.Errorf("%w: empty", ErrRewrite)
	case len(r) > MaxRewriteBytes:
		return "", fmt.Errorf("%w: %d bytes, over %d", ErrRewrite, len(r), MaxRewriteBytes)
	case strings.ContainsAny(r, "\n\r"):
		return "", fmt.Errorf("%w: several lines", ErrRewrite)
	}
	var known []token
	known = append(known, tokenize(question)...)
	for _, t := range history {
		known = append(known, tokenize(t.Question)...)
		for _, f := range t.Focus {
			known = append(known, tokenize(f)...)
		}
		for _, e := range t.Entities {
			known = append(known, tokenize(e.Name+" "+e.Role)...)
		}
	}
	rt := tokenize(r)
	var novel []string
	for _, t := range rt {
		if t.content() && !contains(known, t) {
			novel = append(novel, t.text)
		}
	}
	if len(novel) > 0 {
		return "", fmt.Errorf("%w: brings in words found neither in the conversation nor in the question: %s", ErrRewrite, strings.Join(novel, ", "))
	}
	var dropped []string
	for _, t := range tokenize(question) {
		if t.content() && !isRoleNoun(t) && !orgWords[t.lower] && !contains(rt, t) {
			dropped = append(dropped, t.text)
		}
	}
	if len(dropped) > 0 {
		return "", fmt.Errorf("%w: drops words of the question: %s", ErrRewrite, strings.Join(dropped, ", "))
	}
	return r, nil
}

// cleanRewrite trims what models wrap a rewrite in: white space, a label
// ("Standalone question:"), enclosing quotes.
func cleanRewrite(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ':'); i > 0 && i < 40 {
		label := strings.ToLower(s[:i])
		if strings.Contains(label, "question") || strings.Contains(label, "rewrite") {
			s = strings.TrimSpace(s[i+1:])
		}
	}
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"`", "`"}} {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			s = strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}

func contains(toks []token, w token) bool {
	for _, t := range toks {
		if t.lower == w.lower || stemsMatch(t.stem, w.stem) {
			return true
		}
	}
	return false
}
