package whosaid

import (
	"sort"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// reportedSpeech turns the acts of saying that attribute no quotation into
// indirect statements: "X said (that) …", "X denied claims that …",
// "According to X, …", "…, X said.", "…, which Moscow denies".
func reportedSpeech(toks []token, evs []event, direct []candidate) []candidate {
	var out []candidate
	for i := range evs {
		ev := &evs[i]
		if ev.used && !ev.negated {
			if c, ok := partlyQuoted(toks, evs, i, direct); ok {
				out = append(out, c)
			}
			continue
		}
		if ev.used || ev.negated || ev.sv.quoteOnly && !(ev.verbEnd < len(toks) && toks[ev.verbEnd].low == "that") {
			continue // "replied that …" reports speech; "replied" alone does not
		}
		if ev.which >= 0 {
			out = append(out, candidate{kind: Indirect, start: toks[ev.which].start, end: toks[ev.verbEnd-1].end, ev: ev})
			continue
		}
		from, to, ok := clause(toks, evs, i)
		if !ok {
			continue
		}
		if to = beforeOthersQuotation(toks, from, to, direct, ev); to <= from {
			continue
		}
		if from, to, ok = trimClause(toks, from, to); !ok || coversQuotation(toks, from, to, direct, ev) {
			continue
		}
		out = append(out, candidate{kind: Indirect, start: toks[from].start, end: toks[to-1].end, ev: ev})
	}
	return out
}

// Lists of the question frames ("when asked about …").
var (
	questionVerbs   = lang.Set("whosaid-question-verbs")
	questionOpeners = lang.Set("whosaid-question-openers")
	questionLeads   = lang.Set("whosaid-question-leads")
)

// maxQuestion bounds the tokens of a question's topic.
const maxQuestion = 40

// questionFrames turns a question put to someone in a passive or
// adverbial frame ("Asked whether she would run, Lee said …", "Lee was
// asked about the budget") into a statement of the question: its topic,
// up to the clause's punctuation. Who asked is seldom written, so the
// statement has no act of saying and stays unattributed. A participle the
// unit reads as an act of saying with its own speaker is left to it.
func questionFrames(toks []token, evs []event) []candidate {
	var out []candidate
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].kind != wordToken || !questionVerbs[toks[i].low] {
			continue
		}
		if i > 0 && !questionLeads[toks[i-1].low] && toks[i-1].text != "," && toks[i-1].kind != quoteToken {
			continue
		}
		spoken := false
		for _, ev := range evs {
			if ev.verb == i && !ev.participle {
				spoken = true
			}
		}
		if spoken {
			continue
		}
		// The topic opens within a few words: "asked in May if …",
		// "asked by a reporter whether …".
		from := -1
		for j := i + 1; j < len(toks) && j <= i+5; j++ {
			if toks[j].kind != wordToken {
				break
			}
			if questionOpeners[toks[j].low] {
				from = j
				break
			}
		}
		if from < 0 {
			continue
		}
		if toks[from].low == "about" {
			from++
		}
		to := from
		for to < len(toks) && to < from+maxQuestion {
			t := toks[to]
			if t.text == "," || t.text == ";" || t.text == ":" || isDash(t) {
				break
			}
			to++
		}
		if from, to, _ := trimClause(toks, from, to); to > from && (to-from > 1 || startsUpper(toks[from].text)) {
			// A topic of one word is a name ("asked about Lee"), not "the".
			out = append(out, candidate{kind: Indirect, start: toks[from].start, end: toks[to-1].end})
		}
		i = to
	}
	return out
}

// partlyQuoted turns reported speech that quotes some of its words ("Lee
// said the plan was “dead on arrival” and would fail") into one statement,
// the whole clause, instead of the quoted words alone: the quotations of
// the i-th act of saying inside it are dropped. A clause that opens with
// the quotation stays a direct quote.
func partlyQuoted(toks []token, evs []event, i int, direct []candidate) (candidate, bool) {
	ev := &evs[i]
	from, to, ok := clause(toks, evs, i)
	if !ok {
		return candidate{}, false
	}
	start, end := toks[from].start, toks[to-1].end
	var inside []int
	for k, c := range direct {
		if c.ev == ev && c.start >= start && c.end <= end {
			inside = append(inside, k)
		}
	}
	if len(inside) == 0 {
		return candidate{}, false
	}
	words := 0
	for _, t := range toks[from:to] {
		if t.kind == wordToken && t.low != "that" {
			words++
		}
	}
	if words < 2 || toks[from].kind == quoteToken && words < 3 {
		// A clause that is the quotation with a word or two after it
		// stays a direct quote: "said “we will win” today".
		return candidate{}, false
	}
	for _, k := range inside {
		// A fragment of a word or two means little without its clause;
		// longer quoted words stay a direct quote of their own too.
		if quotedWords(toks, direct[k]) <= 2 {
			direct[k].dropped = true
		}
	}
	return candidate{kind: Indirect, start: start, end: end, ev: ev, quoted: true}, true
}

// quotedWords counts the words of a direct candidate's quotation.
func quotedWords(toks []token, c candidate) int {
	for _, t := range toks {
		if t.kind == quoteToken && t.start <= c.start && c.end <= t.end {
			return wordCount(t.text)
		}
	}
	return 0
}

// clause finds the tokens [from, to) of what the i-th act of saying reports.
func clause(toks []token, evs []event, i int) (from, to int, ok bool) {
	ev := evs[i]
	rest := ev.verbEnd
	if ev.via != nil && ev.via.to > rest && ev.via.from <= rest+1 && !ev.subjAfter {
		rest = ev.via.to
	}
	if ev.according {
		rest = ev.subj.to
		if head := ev.verb; head > 0 && toks[head-1].text == "," {
			// A closing "according to exit polls reported by the
			// networks.": the source runs to the punctuation.
			for rest < len(toks) && rest < ev.subj.to+10 && toks[rest].kind == wordToken {
				rest++
			}
		}
	}
	head := ev.verb
	if !ev.subjAfter && !ev.according {
		head = ev.subj.from
	}
	if ev.according && head > 0 && toks[head-1].kind == wordToken {
		// "Lee leads by 27 delegates according to a count by the AP, but
		// …": the clause before, without a comma.
		from := 0
		for j := head - 1; j >= 0; j-- {
			if t := toks[j]; t.kind == quoteToken || t.text == ";" || t.text == ":" || t.text == "," {
				from = j + 1
				break
			}
		}
		return trimClause(toks, from, head)
	}
	adjunct := false
	if c := adjunctComma(toks, rest); c > 0 && !ev.according && !ev.participle && head > 0 && toks[head-1].text == "," {
		// "…, the Wire said on Thursday, two days after the vote": the
		// attribution's time or place, then a phrase of its own.
		rest, adjunct = c, true
	}
	midway := rest < len(toks) && toks[rest].text == "," && !ev.according
	if ev.according && rest < len(toks) && toks[rest].text == "," && head > 0 && toks[head-1].text == "," {
		// "…, according to Lee Park, who advised the campaign": the
		// clause before is the statement, not the relative clause.
		midway = true
	}
	if !ev.participle && (trailing(toks, rest) || midway) && head > 0 && toks[head-1].text == "," {
		// The attribution closes the sentence or the clause: "…, Patel
		// said." or "…, according to the minister." or "…, the office
		// said, sending lava …".
		from = 0
		for j := head - 2; j >= 0; j-- {
			if t := toks[j]; t.kind == quoteToken || t.text == ";" || t.text == ":" {
				from = j + 1
				break
			}
		}
		if midway && !adjunct && resumesAfter(toks, from, head-1, rest+1) {
			// A parenthetical attribution: "The stadium, the mayor said,
			// would be paid for by a tax." The statement runs on past it.
			to = min(len(toks), rest+1+maxClause)
			for j := rest + 2; j < to; j++ {
				if endsClause(toks, evs, i, j) {
					to = j
					break
				}
			}
			if from, to, ok := trimClause(toks, from, to); ok {
				return from, to, true
			}
		}
		if from, to, ok := trimClause(toks, from, head-1); ok {
			return from, to, true
		}
		// Too little before it ("On Sunday, Lee said …"): the statement
		// follows the verb.
	}
	if ev.according {
		if rest >= len(toks) || toks[rest].text != "," {
			return 0, 0, false
		}
		from = rest + 1
	} else {
		from = rest
		if ev.lemma == "tell" && ev.via == nil {
			if obj, ok := parseNP(toks, from); ok && obj.to < len(toks) {
				from = obj.to // "told reporters (that) …"
			} else if from < len(toks) && isObjectPronoun(toks[from].low) {
				from++
			}
		}
		for j := from; j < len(toks) && j < from+8; j++ {
			t := toks[j]
			if t.kind == quoteToken || t.text == "." || t.text == ";" || t.text == ":" || isSpeechWord(t.low) {
				break
			}
			if t.low == "that" && j+1 < len(toks) && toks[j+1].kind != punctToken {
				if j > rest && toks[j+1].kind == wordToken && (passives[toks[j+1].low] || auxiliaries[toks[j+1].low]) {
					break // "…, cases that have led to charges": a relative clause of the statement
				}
				from = j + 1 // "said (…) that", not "to accomplish that."
				break
			}
		}
		if from < len(toks) && isDash(toks[from]) {
			// "said — on Twitter, as it happens — that …": an aside.
			for k := from + 1; k < len(toks) && k < from+12; k++ {
				if isDash(toks[k]) {
					from = k + 1
					if from < len(toks) && toks[from].low == "that" {
						from++
					}
					break
				}
			}
		}
		for from < len(toks) && toks[from].kind == punctToken && (toks[from].text == "," || toks[from].text == ":") {
			from++
		}
		if ev.sv.withVerb || (from == ev.verbEnd && from < len(toks) && verbPrepositions[toks[from].low]) {
			from = ev.verb // "denied claims that …", "warned of a risk …"
		}
	}
	if from < len(toks) && toks[from].kind == wordToken && (passives[toks[from].low] || auxiliaries[toks[from].low]) && from > 0 && toks[from-1].low == "that" {
		return 0, 0, false // "notes that were printed": a relative clause, not speech
	}
	to = min(len(toks), from+maxClause)
	for j := from + 1; j < to; j++ {
		if endsClause(toks, evs, i, j) {
			to = j
			break
		}
	}
	return trimClause(toks, from, to)
}

// resumesAfter reports whether the clause that starts at token from and
// breaks off at the comma at token comma goes on after an attribution set
// off by commas, at token after: when the words before are its subject
// and a verb follows ("The stadium, the mayor said, would …"), a
// subordinate clause or a short opening phrase ("If the rain holds off,
// she said, the harvest …"). A participle, a preposition, a date or a
// relative pronoun after the attribution belongs to the attribution
// ("…, Lee said, adding …", "…, Lee said, in a speech"), as does a new
// clause ("…, Lee said, but …").
func resumesAfter(toks []token, from, comma, after int) bool {
	if after+1 >= len(toks) || comma <= from {
		return false
	}
	t := toks[after]
	if t.kind != wordToken || strings.HasSuffix(t.low, "ing") || isSpeechWord(t.low) || prepositions[t.low] ||
		trailingOpeners[t.low] || calendarWords[t.low] || t.low == "according" || clauseBreaks[t.low] || relativePronouns[t.low] {
		return false
	}
	if auxiliaries[t.low] {
		return true
	}
	if clauseOpeners[toks[from].low] && toks[from].low != "that" {
		return true
	}
	words := 0
	for _, u := range toks[from:comma] {
		if u.kind == wordToken {
			words++
		}
		if u.kind == quoteToken {
			return false
		}
	}
	return words <= 5
}

// clauseOpeners open a subordinate clause ("if", "when", "because").
var clauseOpeners = lang.Set("claim-clause-openers")

// relativePronouns open a relative clause ("who", "which").
var relativePronouns = lang.Set("whosaid-relative-pronouns")

// datelineWords reports whether tokens are a dateline's: capitals, and an
// agency in parentheses.
func datelineWords(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if t.kind == wordToken && strings.ToUpper(t.text) != t.text || t.kind == quoteToken {
			return false
		}
	}
	return true
}

// maxClause bounds the tokens of a reported clause: a unit that runs on
// without a full stop for longer is not one sentence of reported speech.
const maxClause = 120

// maxSpeakerReach bounds how many tokens before its verb a speaker's
// phrase may start (the longest scans of subjectBefore reach 40 tokens back
// and a phrase adds its own length).
const maxSpeakerReach = 80

// asideAt reports whether the dash at token j opens an aside closed by
// another dash within a dozen tokens, with the clause going on after it.
func asideAt(toks []token, j int) bool {
	k := j + 1
	for k < len(toks) && toks[k].text == "-" {
		k++ // "--"
	}
	for ; k < len(toks) && k < j+16; k++ {
		if t := toks[k]; t.text == "–" || t.text == "—" || t.text == "-" && toks[k-1].end < t.start {
			for k+1 < len(toks) && toks[k+1].text == "-" {
				k++
			}
			return k+1 < len(toks) && toks[k+1].kind == wordToken
		}
		if toks[k].text == ";" || toks[k].kind == quoteToken {
			return false
		}
	}
	return false
}

// closesAside reports whether the dash at token j closes an aside opened
// by a dash in the dozen tokens before it.
func closesAside(toks []token, j int) bool {
	for k := j - 1; k > 0 && k > j-16; k-- {
		t := toks[k]
		if t.text == ";" || t.kind == quoteToken {
			return false
		}
		if t.text == "–" || t.text == "—" || t.text == "-" && toks[k-1].end < t.start {
			return asideAt(toks, k)
		}
	}
	return false
}

// isDash reports a dash that sets off an aside.
func isDash(t token) bool { return t.text == "—" || t.text == "–" }

// endsClause reports whether token j ends the clause reported by the i-th
// act of saying: a semicolon, a dash, another speaker's attribution, a
// participle of saying (", claiming …") or "according to".
func endsClause(toks []token, evs []event, i, j int) bool {
	t := toks[j]
	switch {
	case t.text == ";":
		return true
	case t.text == "–" || t.text == "—" || (t.text == "-" && j > 0 && toks[j-1].end < t.start):
		// A dash ends the clause unless it opens an aside that another
		// dash closes: "said the plan — drawn up in May — would fail".
		return !asideAt(toks, j) && !closesAside(toks, j)
	case t.text == "," && j+1 < len(toks) && toks[j+1].low == "according":
		return true
	case t.text == "," && evs[i].relative:
		return true
	}
	// Every position checked below lies at or before an event's verb, and
	// within a speaker phrase's reach of it; events are in order.
	start := i + 1 + sort.Search(len(evs)-i-1, func(n int) bool { return evs[i+1+n].verb >= j })
	for k := start; k < len(evs); k++ {
		ev := evs[k]
		if ev.verb > j+maxSpeakerReach {
			break
		}
		if ev.verb == j && !ev.subjAfter && ev.subj.from < evs[i].verb {
			return true // the clause sits in the next speaker's phrase: "Lee, who calls it a sham, said"
		}
		first := ev.subj.from
		if ev.subjAfter || ev.participle || ev.according {
			first = ev.verb
		}
		if ev.participle && !ev.coord && ev.opener > 0 && toks[ev.opener].text != "," && toks[ev.opener].kind != quoteToken {
			if j == ev.opener {
				return true // "…, while also suggesting that …"
			}
			continue
		}
		if ev.coord {
			o := ev.verb - 1
			for o > j && (adverbs[toks[o].low] || mannerAdverb(toks[o])) {
				o--
			}
			if j == o {
				return true // "said the deal was done and (has) warned …"
			}
			continue
		}
		if ev.which >= 0 {
			first = ev.which
		}
		if first != j || j == 0 {
			continue
		}
		switch prev := toks[j-1]; {
		case ev.participle || ev.subjAfter || ev.according:
			return prev.text == "," || prev.kind == quoteToken && quoteEndsWithComma(prev.text)
		case prev.text == "," || prev.low == "but" || prev.low == "and" || prev.low == "while" || prev.low == "whereas" || prev.low == "although":
			return true
		}
	}
	return false
}

// trimClause drops connecting words and punctuation at the clause's end
// and rejects clauses too short to be a statement.
func trimClause(toks []token, from, to int) (int, int, bool) {
	// A dateline is not part of what was said: "LONDON — The talks …".
	for k := from; k < to && k < from+6; k++ {
		if t := toks[k]; t.text == "—" || t.text == "–" {
			if all := datelineWords(toks[from:k]); all {
				from = k + 1
			}
			break
		}
	}
	for to > from {
		t := toks[to-1]
		if (t.kind == punctToken && strings.Contains(".,;:!?–—-\"'", t.text)) || t.low == "but" || t.low == "and" || t.low == "while" || t.low == "whereas" || t.low == "although" {
			to--
			continue
		}
		break
	}
	words := 0
	for j := from; j < to; j++ {
		if toks[j].kind == wordToken {
			words++
		}
	}
	if words == 2 && to-from == 2 && pronouns[toks[from].low] && auxiliaries[toks[from+1].low] {
		return from, to, true // "Lee said he would."
	}
	return from, to, words >= 3
}

// trailing reports whether the attribution ending at token j closes its
// sentence: only punctuation follows, or a short phrase of where or when
// ("…, the union said in a statement.").
func trailing(toks []token, j int) bool {
	if j < len(toks) && toks[j].kind == wordToken && !trailingOpeners[toks[j].low] && !calendarWords[toks[j].low] {
		return false
	}
	words := 0
	for ; j < len(toks); j++ {
		switch t := toks[j]; {
		case t.kind == quoteToken || t.low == "that" || t.text == ",":
			return false
		case t.kind == wordToken:
			words++
		}
	}
	return words <= 7
}

// adjunctComma returns the index of the comma that closes a phrase of time
// or place opening at token j after a verb of saying ("said on Thursday,"),
// or -1.
func adjunctComma(toks []token, j int) int {
	if j >= len(toks) || toks[j].kind != wordToken || !trailingOpeners[toks[j].low] && !calendarWords[toks[j].low] {
		return -1
	}
	for k := j + 1; k < len(toks) && k <= j+5; k++ {
		switch t := toks[k]; {
		case t.text == ",":
			if k+1 < len(toks) && toks[k+1].low == "that" {
				return -1 // "said on Monday, that …"
			}
			return k
		case t.kind != wordToken || t.low == "that" || isSpeechWord(t.low):
			return -1
		}
	}
	return -1
}

// auxiliaries are the toolkit's auxiliary verbs.
var auxiliaries = lang.Set("auxiliaries")

var trailingOpeners = lang.Set("whosaid-trailing-openers")

// verbPrepositions after a verb of saying belong with it: "warned of",
// "spoke about", "called for".
var verbPrepositions = lang.Set("whosaid-verb-prepositions")

// beforeOthersQuotation ends a clause before a quotation that is not this
// act of saying's, at the clause break that leads to it: "said the deal was
// done, but the workers were furious: “…”".
func beforeOthersQuotation(toks []token, from, to int, direct []candidate, ev *event) int {
	for j := from; j < to; j++ {
		if toks[j].kind != quoteToken {
			continue
		}
		statement, ours := false, false
		for _, c := range direct {
			if c.start >= toks[j].start && c.end <= toks[j].end {
				statement, ours = true, c.ev == ev
			}
		}
		if !statement {
			continue // a scare quote belongs to the clause
		}
		if ours {
			return to
		}
		for k := j - 1; k > from; k-- {
			if clauseBreak(toks, k) {
				return k
			}
		}
		return j
	}
	return to
}

// coversQuotation reports whether the clause holds a quotation attributed to
// the same act of saying; the direct statement already stands for it.
func coversQuotation(toks []token, from, to int, direct []candidate, ev *event) bool {
	for _, c := range direct {
		if c.ev == ev && c.start >= toks[from].start && c.end <= toks[to-1].end {
			return true
		}
	}
	return false
}

func isObjectPronoun(w string) bool {
	return w == "him" || w == "her" || w == "them" || w == "us" || w == "me" || w == "reporters" || w == "journalists"
}
