package answer

import (
	"strings"

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

// isYear reports whether a number reads as a year (1900–2099).
func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
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
		// A count with what it counts ("900 workers"), so that a year or an
		// age elsewhere in a sentence is never taken for another figure.
		for i := 0; i+1 < len(c.toks); i++ {
			t, unit := c.toks[i], c.toks[i+1]
			if !lang.IsNumber(t.Word) || isYear(t.Word) || lang.IsStopword(unit.Word) || !sharesWord(q, unit) {
				continue
			}
			num := c.doc.Sentence(c.sentence)[t.Start:t.End()]
			for j := i - 1; j >= 0 && lang.IsNumber(c.toks[j].Word) && t.Start-c.toks[j].End() <= 1; j-- {
				num = c.toks[j].Word + "," + num // "1,200" is tokenised "1" "200"
			}
			return num + " " + unit.Stem
		}
	case askYesNo:
		return polarity(q, c)
	}
	return ""
}
