package answer

import (
	"slices"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// The lead is the answer's first line: a short verbatim piece of the best
// sentence, its answer in bold, cited; the sources then give the sentences
// whole.
const (
	// leadWords is the most words of a sentence the lead quotes; a longer
	// sentence is cut to the window that holds the answer and most of the
	// question's words. Gold answers to news questions are a few words; a
	// reader needs the clause around them, not the paragraph.
	leadWords = 30
	// wholeSentenceWords is the length up to which a sentence is quoted
	// whole: cutting three words off saves the reader nothing.
	wholeSentenceWords = 34
)

// span is a range of token indexes [from, to) of a sentence.
type span struct{ from, to int }

func (s span) ok() bool { return s.to > s.from }

// lead composes the lead from candidate c, cited as [n]: the window of its
// sentence around the answer, the answer span in bold, and a prefix when
// the answer is not in the window's words (a yes or no, a resolved date, the
// name a pronoun stands for).
func lead(q Question, c candidate, n string, aids Aids) string {
	text := c.doc.Sentence(c.sentence)
	toks := c.toks
	if q.whatSaid {
		if l, ok := saidLead(q, c, n, aids); ok {
			return l
		}
	}
	ans, prefix := answerSpan(q, c, aids)
	if prefix == "No: " && ans.ok() {
		if l, ok := denialLead(c, ans, n, aids); ok {
			return l
		}
	}
	win := window(q, c, ans)
	var b strings.Builder
	b.WriteString(prefix)
	start, end := 0, len(text)
	if win.from > 0 {
		start = toks[win.from].Start
		b.WriteString("…")
	}
	if win.to < len(toks) {
		end = toks[win.to-1].End()
	}
	frag := text[start:end]
	if ans.ok() && ans.from >= win.from && ans.to <= win.to && q.kind != askYesNo {
		a0, a1 := toks[ans.from].Start-start, toks[ans.to-1].End()-start
		frag = frag[:a0] + "**" + frag[a0:a1] + "**" + frag[a1:]
	}
	b.WriteString(frag)
	if win.to < len(toks) {
		b.WriteString("…")
	}
	b.WriteString(" [" + n + "]")
	return b.String()
}

// denialLead leads a "no" with who says it and the clause of the sentence
// that negates: "No: Hossein Amirabdollahian said “the missile part is
// completely wrong” [1]." (the clause verbatim, the speaker as the who-said
// analysis or the sentence names them). It needs the negation to stand in
// a clause of its own, within a sentence that attributes it.
func denialLead(c candidate, neg span, n string, aids Aids) (string, bool) {
	text, toks := c.doc.Sentence(c.sentence), c.toks
	breakBefore := func(i int) bool {
		return i == 0 || strings.ContainsAny(text[toks[i-1].End():toks[i].Start], clauseBreaks)
	}
	from := neg.from
	for from > 0 && !breakBefore(from) {
		from--
	}
	to := neg.to
	for to < len(toks) && !breakBefore(to) {
		to++
	}
	if from == 0 || to-from > maxDenialWords {
		return "", false // the whole sentence, or too long: quote it as is
	}
	speaker := ""
	if aids.Speaker != nil {
		s := c.doc.Sentences[c.sentence]
		speaker, _ = aids.Speaker(c.doc.ID, s.Start, s.End)
	}
	if speaker == "" {
		return "", false
	}
	clause := text[toks[from].Start:toks[to-1].End()]
	return "No: " + speaker + " said “" + clause + "” [" + n + "].", true
}

// saidLead answers "what did X say (about Y)?" with what the sentence
// quotes: "Hossein Amirabdollahian said “… the missile part is completely
// wrong” [1]". The words said are the answer, so the lead is the quotation
// (the one holding most of the question's topic words, when the sentence
// has several), verbatim between quotation marks, cut to leadWords around
// the topic when longer, after the speaker as the who-said analysis names
// them. A sentence without a quotation gets the ordinary lead.
func saidLead(q Question, c candidate, n string, aids Aids) (string, bool) {
	text, toks := c.doc.Sentence(c.sentence), c.toks
	topic := func(t token) float64 {
		if slices.ContainsFunc(q.speaker, func(s string) bool { return lang.StemsMatch(s, t.Stem) }) {
			return 0 // the speaker's name is the question's subject, not what was said
		}
		for _, qt := range q.terms {
			if lang.StemsMatch(qt.Stem, t.Stem) {
				return qt.weight
			}
		}
		return 0
	}
	best, bestScore := span{}, -1.0
	for _, r := range quotations(text) {
		var sp span
		for i, t := range toks {
			if t.Start >= r.from && t.End() <= r.to {
				if !sp.ok() {
					sp.from = i
				}
				sp.to = i + 1
			}
		}
		if !sp.ok() {
			continue
		}
		score := 0.0
		for i := sp.from; i < sp.to; i++ {
			score += topic(toks[i])
		}
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	if !best.ok() || best.to-best.from < minSaidWords {
		return "", false
	}
	win := best
	if best.to-best.from > wholeSentenceWords {
		// The window of leadWords inside the quotation with most topic
		// words; on a tie the later one, since a quotation's point tends to
		// come last ("…, the missile part is completely wrong").
		bestWin := -1.0
		for from := best.from; from+leadWords <= best.to; from++ {
			score := 0.0
			for i := from; i < from+leadWords; i++ {
				score += topic(toks[i])
			}
			if score >= bestWin {
				win, bestWin = span{from, from + leadWords}, score
			}
		}
	}
	speaker := ""
	if aids.Speaker != nil {
		s := c.doc.Sentences[c.sentence]
		speaker, _ = aids.Speaker(c.doc.ID, s.Start, s.End)
	}
	var b strings.Builder
	if speaker != "" {
		b.WriteString("**" + speaker + "** said ")
	}
	b.WriteString("“")
	if win.from > best.from {
		b.WriteString("…")
	}
	b.WriteString(text[toks[win.from].Start:toks[win.to-1].End()])
	if win.to < best.to {
		b.WriteString("…")
	}
	b.WriteString("” [" + n + "]")
	return b.String(), true
}

// minSaidWords is the shortest quotation that answers what someone said: a
// quoted word or two is a term or a title ("the so-called “deal”"), not
// their statement.
const minSaidWords = 3

// quotations returns the byte ranges of the quoted passages of a sentence,
// without their marks: curly pairs, and straight double quotes taken in
// pairs. A quotation still open at the end of the sentence runs to it (a
// quote that goes on in the next sentence).
func quotations(text string) []span {
	var out []span
	open := -1
	for i, r := range text {
		switch {
		case r == '“' && open < 0:
			open = i + len("“")
		case r == '”' && open >= 0:
			out = append(out, span{open, i})
			open = -1
		case r == '"' && open < 0:
			open = i + 1
		case r == '"' && open >= 0:
			out = append(out, span{open, i})
			open = -1
		}
	}
	if open >= 0 && open < len(text) {
		out = append(out, span{open, len(text)})
	}
	return out
}

// clauseBreaks are the marks that end a clause within a sentence.
const clauseBreaks = "-–—,;:“”\"("

// maxDenialWords is the longest clause a denial lead quotes.
const maxDenialWords = 15

// window picks the tokens the lead quotes: the whole sentence when short,
// else the leadWords-token window holding the answer span that covers the
// most question words (earlier windows winning ties).
func window(q Question, c candidate, ans span) span {
	n := len(c.toks)
	if n <= wholeSentenceWords {
		return span{0, n}
	}
	hits := make([]float64, n)
	for i, t := range c.toks {
		for _, qt := range q.terms {
			if lang.StemsMatch(qt.Stem, t.Stem) {
				hits[i] = qt.weight
			}
		}
		// A yes/no question is answered as much by a denial as by its words.
		if q.kind == askYesNo && lang.Set("negations").Has(t.Word) {
			hits[i] = max(hits[i], 1)
		}
	}
	best, bestScore := span{0, leadWords}, -1.0
	for from := 0; from+leadWords <= n; from++ {
		w := span{from, from + leadWords}
		if ans.ok() && (ans.from < w.from || ans.to > w.to) {
			continue
		}
		score := 0.0
		for i := w.from; i < w.to; i++ {
			score += hits[i]
		}
		if score > bestScore {
			best, bestScore = w, score
		}
	}
	return best
}

// answerSpan finds, in the candidate's sentence, the span that answers the
// question's kind (a name for who, a date for when, a number for how many, a
// place for where, a reason for why), and a prefix for the lead when the
// answer is not a span of it: "Yes: ", "No: ", the resolved date, the
// speaker a pronoun stands for.
func answerSpan(q Question, c candidate, aids Aids) (span, string) {
	toks := c.toks
	switch q.kind {
	case askWho:
		if s := nameSpan(q, c.doc.Sentence(c.sentence), toks); s.ok() && !pronounSubject(q, toks) {
			return s, ""
		}
		if aids.Speaker != nil && asksWhoSaid(q) {
			s := c.doc.Sentences[c.sentence]
			if name, ok := aids.Speaker(c.doc.ID, s.Start, s.End); ok && !strings.Contains(strings.ToLower(q.text), strings.ToLower(name)) {
				return span{}, "**" + name + "**: "
			}
		}
	case askWhen:
		if aids.Date != nil {
			s := c.doc.Sentences[c.sentence]
			if phrase, resolved, ok := aids.Date(c.doc.ID, s.Start, s.End); ok && datesItself(phrase) {
				sp := phraseSpan(c.doc.Sentence(c.sentence), toks, phrase)
				if resolved != "" && !strings.Contains(phrase, resolved) {
					return sp, "**" + resolved + "**: "
				}
				return sp, ""
			}
		}
		isDate := func(t token) bool { return dateCues[t.Word] || (lang.IsNumber(t.Word) && len(t.Word) == 4) }
		return extendTo(toks, firstRun(toks, isDate), isDate), ""
	case askHowMany:
		return firstRun(toks, amountWord(q, toks)), ""
	case askWhere:
		return placeSpan(q, c.doc.Sentence(c.sentence), toks), ""
	case askHowLong:
		return durationSpan(toks), ""
	case askAge:
		return ageSpan(c.doc.Sentence(c.sentence), toks), ""
	case askWhy:
		return reasonSpan(toks), ""
	case askOther:
		return focusName(q, c.doc.Sentence(c.sentence), toks), ""
	case askYesNo:
		p := polarity(q, c)
		if p == "No: " {
			return firstRun(toks, func(t token) bool { return lang.Set("negations").Has(t.Word) }), p
		}
		return span{}, p
	}
	return span{}, ""
}

// asksWhoSaid reports whether a who question asks who said something
// ("Who said …?", "Who warned …?"): the speaker of the sentence is then the
// answer, as the who-said analysis resolves it.
func asksWhoSaid(q Question) bool {
	for _, t := range lang.Tokenize(q.text) {
		if _, ok := lang.SpeechVerb(t.Word); ok {
			return true
		}
	}
	return false
}

// datesItself reports whether a date phrase has a date word or a number in
// it ("in late February", "two weeks ago"), not only the verb the timeline
// dates by the publication day ("has acknowledged").
func datesItself(phrase string) bool {
	for _, t := range lang.Tokenize(phrase) {
		if dateCues[t.Word] || lang.IsNumber(t.Word) || quantityCues[t.Word] {
			return true
		}
	}
	return false
}

// nameSpan is the run of capitalised words of the sentence, not in the
// question, that most looks like the person or body a "who" question asks
// for: a person's name (two or more words, none an organisation's noun)
// before another run, and the first of equals.
func nameSpan(q Question, sentence string, toks []token) span {
	lq := strings.ToLower(q.text)
	from := datelineEnd(sentence, toks)
	var best span
	bestRank := -1
	for i := from; i < len(toks); i++ {
		j := runEnd(q, lq, toks, i)
		if j == i {
			continue
		}
		if !slices.ContainsFunc(toks[i:j], func(t token) bool { return !titleWord(t.Word) }) {
			i = j // "Mayor" before the question's own name is no one
			continue
		}
		rank := 0
		if j-i >= 2 && !hasOrgWord(toks[i:j]) {
			rank = 1
		}
		// A name set beside the question's own words is the one it asks
		// for: "the North Korean leader Kim Jong Un" for "who is the North
		// Korean leader?", whoever else the sentence names first.
		if besideQuestion(q, toks, i, j) {
			rank += 2
		}
		if rank > bestRank {
			best, bestRank = span{i, j}, rank
		}
		i = j
	}
	return best
}

// besideQuestion reports whether a question word stands within
// maxFocusGap words before or after the name run toks[i:j].
func besideQuestion(q Question, toks []token, i, j int) bool {
	return beside(toks, i, j, maxFocusGap, func(k int) bool {
		return !lang.IsStopword(toks[k].Word) && sharesWord(q, toks[k])
	})
}

// beside reports whether a word within gap words before or after toks[i:j],
// not in it, is one that ok accepts (ok is given its index in toks).
func beside(toks []token, i, j, gap int, ok func(k int) bool) bool {
	for k := max(0, i-gap); k < min(len(toks), j+gap); k++ {
		if (k < i || k >= j) && ok(k) {
			return true
		}
	}
	return false
}

// runEnd returns the end of the run of name words (particles inside
// allowed) starting at toks[i], none of them the question's own (as typed,
// or as the corpus spells a name the question mistyped: "McConell"); i
// when toks[i] starts none. lq is the question lower-cased.
func runEnd(q Question, lq string, toks []token, i int) int {
	asked := func(t token) bool { return strings.Contains(lq, t.Word) || sharesWord(q, t) }
	if !isNameWord(toks, i) || asked(toks[i]) {
		return i
	}
	j := i + 1
	for j < len(toks) && (isNameWord(toks, j) || lang.Set("whosaid-name-particles").Has(toks[j].Word) && j+1 < len(toks) && isNameWord(toks, j+1)) && !asked(toks[j]) {
		j++
	}
	return j
}

// titleWord reports whether w is a role or a title ("mayor", "Dr"), which
// introduces a name but is none.
func titleWord(w string) bool {
	_, role := lang.RoleNoun(w)
	_, title := lang.Honorific(w)
	return role || title || lang.Set("whosaid-title-words").Has(w)
}

// hasOrgWord reports whether a run holds a noun of organisations ("White
// House", "Senate Democrats"): a body, not a person.
func hasOrgWord(toks []token) bool {
	for _, t := range toks {
		if lang.Set("org-nouns").Has(t.Word) || lang.Set("whosaid-org-words").Has(t.Word) {
			return true
		}
	}
	return false
}

// datelineEnd is the index of the first token after a news dateline (words
// in capitals and a dash: "WASHINGTON —", "WHITE HOUSE —"), 0 when the
// sentence has none.
func datelineEnd(sentence string, toks []token) int {
	for i := 0; i+1 < len(toks) && i < maxDatelineWords; i++ {
		head := sentence[toks[0].Start:toks[i].End()]
		gap := sentence[toks[i].End():toks[i+1].Start]
		if head != strings.ToUpper(head) {
			return 0
		}
		if strings.Contains(gap, "—") || strings.Contains(gap, "--") {
			return i + 1
		}
	}
	return 0
}

// maxDatelineWords bounds a dateline's words.
const maxDatelineWords = 4

// isNameWord reports whether token i is a capitalised word that may be part
// of a name: not a function word, a date word or the capital of a sentence's
// first word alone.
func isNameWord(toks []token, i int) bool {
	t := toks[i]
	if !t.Upper || lang.IsStopword(t.Word) || dateCues[t.Word] || determiners[t.Word] {
		return false
	}
	if i == 0 && t.Start <= len("“") && !(len(toks) > 1 && toks[1].Upper) {
		return false // "Officials said …": capital for the sentence, not a name
	}
	return true
}

// placeSpan is a capitalised run after a preposition of place ("in", "at",
// "to") that the question does not hold, with the places joined to it by
// "and" or "or" ("in Asia and Latin America"). "Where is X from?" asks for
// an origin: only "from" introduces it.
func placeSpan(q Question, sentence string, toks []token) span {
	lq := strings.ToLower(q.text)
	w := lang.Words(q.text)
	origin := len(w) > 2 && copulas[w[1]] && w[len(w)-1] == "from" // "Where is X from?"
	for i := 1; i < len(toks); i++ {
		prep := toks[i-1].Word
		if origin && prep != "from" || !lang.Set("place-prepositions").Has(prep) || i < datelineEnd(sentence, toks) {
			continue
		}
		j := runEnd(q, lq, toks, i)
		if j == i {
			continue
		}
		for j+1 < len(toks) && (toks[j].Word == "and" || toks[j].Word == "or") {
			k := runEnd(q, lq, toks, j+1)
			if k == j+1 {
				break
			}
			j = k
		}
		return span{i - 1, j}
	}
	return span{}
}

// reasonSpan runs from a causal connective to the end of its clause
// ("because …", "due to …", "after …").
func reasonSpan(toks []token) span {
	for i, t := range toks {
		if !lang.Set("reason-cues").Has(t.Word) {
			continue
		}
		j := i + 1
		for j < len(toks) && j-i < leadWords/2 {
			j++
		}
		return span{i, j}
	}
	return span{}
}

// durationSpan is a duration with what measures it: "for many years",
// "three weeks", "since 2016".
func durationSpan(toks []token) span {
	for i, t := range toks {
		if !durationCues[t.Word] || t.Word == "long" {
			continue
		}
		from := i
		// "for six weeks": the amount, and "for" before it, end the span;
		// a number before "for" is something else ("on 3 March 2025 for
		// six weeks").
		for from > 0 && i-from < 3 && toks[from].Word != "for" && (quantityCues[toks[from-1].Word] || lang.IsNumber(toks[from-1].Word) && !isYear(toks[from-1].Word) || toks[from-1].Word == "for") {
			from--
		}
		to := i + 1
		if (t.Word == "since" || t.Word == "until") && to < len(toks) {
			to = extendTo(toks, span{i, i + 1}, func(t token) bool { return dateCues[t.Word] || lang.IsNumber(t.Word) }).to
			if to == i+1 {
				to++
			}
		}
		return span{from, to}
	}
	return span{}
}

// extendTo stretches s to the last token keep accepts within a few words
// after it: "before the Ukraine conflict broke out in late February".
func extendTo(toks []token, s span, keep func(token) bool) span {
	if !s.ok() {
		return s
	}
	for j := s.to; j < len(toks) && j < s.to+maxDateStretch; j++ {
		if keep(toks[j]) {
			s.to = j + 1
		}
	}
	return s
}

// maxDateStretch is how many words a date phrase may run past its first
// date word.
const maxDateStretch = 8

// focusName is, for a question asking which thing ("which news agency",
// "which drone model"), the name beside the sentence's mention of what it
// asks for: "agency, IRNA", "Shahed-136 UAVs".
func focusName(q Question, sentence string, toks []token) span {
	if len(q.focus) == 0 {
		return span{}
	}
	for i := range toks {
		if !slices.ContainsFunc(q.focus, func(f string) bool { return matchCredit(f, toks[i:i+1]) > 0 }) {
			continue
		}
		lo, hi := max(0, i-maxFocusGap), min(len(toks), i+maxFocusGap+1)
		s := nameSpan(q, sentence, toks[lo:hi])
		if s.ok() {
			s = span{s.from + lo, s.to + lo}
			for s.to < len(toks) && lang.IsNumber(toks[s.to].Word) && toks[s.to].Start-toks[s.to-1].End() <= 1 {
				s.to++ // "Shahed-136"
			}
			return s
		}
	}
	return span{}
}

// maxFocusGap is how many words from the thing asked for its name may stand.
const maxFocusGap = 3

// firstRun is the first run of tokens keep accepts, with the word after it
// when the run is a number ("38 tonnes").
func firstRun(toks []token, keep func(token) bool) span {
	for i := range toks {
		if !keep(toks[i]) {
			continue
		}
		j := i + 1
		for j < len(toks) && keep(toks[j]) {
			j++
		}
		if j < len(toks) && !lang.IsStopword(toks[j].Word) && (lang.IsNumber(toks[j-1].Word) || units[toks[j].Word]) {
			j++ // "38 tonnes", "four percent"
		}
		return span{i, j}
	}
	return span{}
}

// units name the unit of a figure: see firstRun.
var units = lang.Set("units")

// phraseSpan is the tokens of the sentence that phrase (a verbatim piece of
// it) covers.
func phraseSpan(sentence string, toks []token, phrase string) span {
	at := strings.Index(sentence, phrase)
	if at < 0 || phrase == "" {
		return span{}
	}
	s := span{-1, -1}
	for i, t := range toks {
		if t.Start >= at && t.End() <= at+len(phrase) {
			if s.from < 0 {
				s.from = i
			}
			s.to = i + 1
		}
	}
	if s.from < 0 {
		return span{}
	}
	return s
}

// polarity says "No: " when the sentence denies or negates what the
// question asks (a negation within a few words after one of the question's
// words: "the missile part is completely wrong"), and "Yes: " when it says
// it in the question's own verb (or a synonym), unnegated. Otherwise the
// lead just quotes, and the reader judges.
func polarity(q Question, c candidate) string {
	for _, t := range lang.Tokenize(q.text) {
		if lang.Set("negations").Has(t.Word) {
			return "" // "Did X not …?": a yes or a no would read ambiguously
		}
	}
	if c.coverage < yesNoCoverage {
		return ""
	}
	matched := func(t token) bool {
		for _, qt := range q.terms {
			if lang.StemsMatch(qt.Stem, t.Stem) {
				return true
			}
		}
		return false
	}
	negated := false
	for i, t := range c.toks {
		if !matched(t) {
			continue
		}
		for j := i + 1; j < len(c.toks) && j <= i+negationReach; j++ {
			if lang.Set("negations").Has(c.toks[j].Word) {
				negated = true
			}
		}
	}
	if negated {
		return "No: "
	}
	if len(q.verb) > 0 && c.matched[q.verb] == 1 && saysVerb(q.verb, c.toks) {
		return "Yes: "
	}
	return ""
}

// saysVerb reports whether toks use the verb stem as a verb: not right
// after a determiner ("the appeals court" does not say anyone appealed).
func saysVerb(verb string, toks []token) bool {
	for i, t := range toks {
		if lang.StemsMatch(verb, t.Stem) && (i == 0 || !determiners[toks[i-1].Word]) {
			return true
		}
	}
	return false
}

// negationReach is how many words after a question's word a negation may
// come and still be about it ("the missile part is completely wrong").
const negationReach = 6

// yesNoCoverage is how much of a yes/no question a sentence must hold for
// the lead to say yes or no: less, and the sentence may be about something
// near the question rather than the thing asked.
const yesNoCoverage = 0.5
