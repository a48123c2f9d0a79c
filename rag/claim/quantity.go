package claim

import (
	"github.com/newsbot/storybot/internal/lang"

	"strconv"
	"strings"
)

// numberWord is the value of a number word; multipliers scale the number
// before them ("12 million").
type numberWord struct {
	value      float64
	multiplier bool
}

var numberWords = func() map[string]numberWord {
	m := map[string]numberWord{}
	for _, l := range lang.Entries("claim-numbers") {
		v, err := strconv.ParseFloat(l[1], 64)
		if err != nil {
			panic("claim: bad value in claim-numbers.txt: " + strings.Join(l, " "))
		}
		m[l[0]] = numberWord{value: v, multiplier: len(l) > 2 && l[2] == "multiplier"}
	}
	return m
}()

// quantity is an amount a text gives: "12 million dollars", "40
// researchers".
type quantity struct {
	value    float64
	unit     string // stem of the word it counts; "" when none follows
	from, to int    // token indexes [from, to) of the number and its unit
}

// quantities finds the amounts of a text. A number word ("one") with no
// unit after it is left out: "one organiser" counts, "one of them" does not
// say how many.
func quantities(s string, toks []token) []quantity {
	var out []quantity
	for i := 0; i < len(toks); i++ {
		v, ok := numberValue(toks[i])
		if !ok {
			continue
		}
		j := i + 1
		for j < len(toks) {
			if w, ok := numberWords[toks[j].lower]; ok && w.multiplier {
				v *= w.value
				j++
				continue
			}
			break
		}
		q := quantity{value: v, from: i, to: j}
		if i > 0 && strings.HasSuffix(strings.TrimSpace(s[max(0, toks[i].start-2):toks[i].start]), "$") {
			q.unit = stem("dollars")
		}
		if j < len(toks) && toks[j].content() && q.unit == "" {
			q.unit = toks[j].stem
			q.to = j + 1
		}
		if q.unit != "" || isNumeric(toks[i].lower) {
			out = append(out, q)
		}
		i = j - 1
	}
	return out
}

// numberValue reads a number written in digits or as a word.
func numberValue(t token) (float64, bool) {
	if isNumeric(t.lower) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(t.lower, ",", ""), 64)
		return v, err == nil
	}
	if w, ok := numberWords[t.lower]; ok && !w.multiplier {
		return w.value, true
	}
	return 0, false
}

// isYear reports whether an amount is a bare year ("in 2022"), which dates
// rather than counts.
func (q quantity) isYear() bool {
	return q.unit == "" && q.value >= 1000 && q.value <= 2999 && q.value == float64(int(q.value))
}
