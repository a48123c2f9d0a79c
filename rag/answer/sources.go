package answer

import (
	"github.com/newsbot/storybot/internal/lang"
)

// nearDuplicateShare is the share of content words two sentences must have
// in common to count as one: wire copy republished with a word changed
// ("Trump and Abe are to attend …" and "Both Trump and Abe are set to attend
// …") is cited once.
const nearDuplicateShare = 0.8

// nearDuplicate reports whether two sentences say the same in nearly the
// same words: the Jaccard share of their content stems is at least
// nearDuplicateShare.
func nearDuplicate(a, b []token) bool {
	as, bs := contentSet(a), contentSet(b)
	if len(as) == 0 || len(bs) == 0 {
		return false
	}
	shared := 0
	for s := range as {
		if bs[s] {
			shared++
		}
	}
	return float64(shared) >= nearDuplicateShare*float64(len(as)+len(bs)-shared)
}

func contentSet(toks []token) map[string]bool {
	m := make(map[string]bool, len(toks))
	for _, t := range toks {
		if !lang.IsStopword(t.Word) {
			m[t.Stem] = true
		}
	}
	return m
}

// answerValue is what a candidate answers a question with, for comparing
// sources: the number of a how-many answer, the date phrase of a when
// answer, the yes or no of a yes/no one; "" when it has none.
func answerValue(q Question, c candidate) string {
	switch q.kind {
	case askHowMany:
		if s := firstRun(c.toks, func(t token) bool { return lang.IsNumber(t.Word) }); s.ok() {
			return c.toks[s.from].Word
		}
	case askYesNo:
		return polarity(q, c)
	}
	return ""
}
