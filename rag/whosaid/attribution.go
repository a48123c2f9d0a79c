package whosaid

import (
	"github.com/newsbot/storybot/internal/lang"
	"strings"
	"unicode"
)

// candidate is a statement found in a unit before its speaker is resolved.
type candidate struct {
	kind       string
	start, end int    // byte offsets of the quote
	ev         *event // the act of saying; nil when none was found
	// follows is set for a quotation with no attribution of its own, which
	// continues the previous speaker's quotation if there is one.
	follows bool
	runsOn  bool // a quotation that goes on in the next paragraph
	// dropped is set for a quotation that a statement of reported speech
	// quoting it stands for; quoted for that statement.
	dropped, quoted bool
	// short is set for a quotation of a word or two ("No."), a statement
	// only as part of a speaker's quotation.
	short bool
}

// attributeQuotations pairs each quotation of a unit with its act of
// saying: the one right after it ("…,” he added), or else the last one
// before it (X said: “…”; cites X as saying “…”; X said that the “…”).
// Scare quotes (a word or two with no verb of saying, or after "so-called")
// and titles are not statements.
func attributeQuotations(text string, toks []token, evs []event, quotes []quotation) []candidate {
	var out []candidate
	for qi, t := range toks {
		if t.kind != quoteToken {
			continue
		}
		q := quotes[t.quote]
		inner := text[q.in0:q.in1]
		if qi > 0 && scareMarkers[toks[qi-1].low] {
			continue
		}
		if qi > 1 && toks[qi-1].low == "as" && (toks[qi-2].low == "known" || toks[qi-2].low == "referred" || toks[qi-2].low == "described") {
			continue
		}
		ev := eventAfter(toks, evs, qi)
		if ev == nil {
			ev = eventBefore(toks, evs, qi)
		}
		words := wordCount(inner)
		if ev == nil && ((words <= 2 && !strings.ContainsAny(inner[len(inner)-1:], ".!?")) || isTitle(inner)) {
			continue // a term or a title, not something said
		}
		if ev != nil && words <= 6 && isTitle(inner) {
			continue // "said on “Meet the Press”": the title of a work
		}
		if ev != nil && words <= 2 && ev.according {
			continue
		}

		c := candidate{kind: Direct, start: q.in0, end: q.in1, ev: ev, follows: ev == nil, runsOn: q.runsOn, short: words <= 2}
		if ev != nil {
			ev.used = true
		}
		out = append(out, c)
	}
	return out
}

// eventAfter returns the act of saying that directly follows the quotation
// at token qi: "…,” said X", "…,” X said", "…,” he added".
func eventAfter(toks []token, evs []event, qi int) *event {
	j := qi + 1
	for j < len(toks) && toks[j].kind == punctToken && strings.Contains(",?!–—-", toks[j].text) {
		j++
	}
	for i := range evs {
		ev := &evs[i]
		if ev.negated || ev.according || ev.participle {
			continue
		}
		if (ev.subjAfter && ev.verb == j) || (!ev.subjAfter && ev.subj.from == j) {
			return ev
		}
	}
	return nil
}

// eventBefore returns the last act of saying before the quotation at token
// qi, unless a new clause starts in between ("Smith said the deal was done,
// but Jones was furious: “…”").
func eventBefore(toks []token, evs []event, qi int) *event {
	for i := len(evs) - 1; i >= 0; i-- {
		ev := &evs[i]
		if ev.verbEnd > qi || ev.negated {
			continue
		}
		for k := ev.verbEnd; k < qi; k++ {
			if clauseBreak(toks, k) && !(toks[k].low == "however" && toks[k-1].text == ",") {
				return nil // ", however," is an aside, not a new clause
			}
		}
		return ev
	}
	return nil
}

// clauseBreaks start a new clause, whose subject may be someone else.
var clauseBreaks = lang.Set("whosaid-clause-breaks")

// clauseBreak reports whether token k starts a new clause. A full stop
// inside a unit after an abbreviation ("the U.S. needs", "Gov. Lee") is
// not one.
func clauseBreak(toks []token, k int) bool {
	if !clauseBreaks[toks[k].low] {
		return false
	}
	if toks[k].text == "." && k > 0 {
		p := toks[k-1]
		if p.kind == wordToken && (strings.Contains(p.text, ".") || len(p.text) <= 3 || isInitial(p.text) || titleAbbrev[p.low]) {
			return false
		}
	}
	return true
}

// isTitle reports whether every word of s is capitalised, as in the title
// of a book or a film, with at least two capitals: "I will be there" is
// a sentence of function words, not a title.
func isTitle(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || strings.ContainsAny(s, ".!?") {
		return false
	}
	caps := 0
	for _, w := range words {
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			caps++
		} else if !functionWords[strings.ToLower(w)] {
			return false
		}
	}
	return caps >= 2
}
