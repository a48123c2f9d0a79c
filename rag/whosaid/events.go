package whosaid

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// event is one act of saying in a unit of text: a verb of saying (or
// "according to") with its speaker and, when there is one, its channel.
type event struct {
	verb, verbEnd int // token indexes of the verb phrase [verb, verbEnd)
	lemma         string
	sv            speechVerb
	subj          mention // the speaker as written
	subjAfter     bool    // the speaker follows the verb ("said Dr. Hannah Cole")
	via           *mention
	negated       bool // "had not immediately replied"
	participle    bool // ", claiming that …": the speaker is the previous subject
	coord         bool // "… and said": a second verb of the previous subject
	relative      bool // "…, who says …,": the clause ends at its comma
	opener        int  // participle: the token that opens it (", saying", "while noting", "by arguing")
	according     bool // "according to X"
	which         int  // index of "which" in "which Moscow denies", or -1
	used          bool // attributes a quotation
	noun          bool // a noun of saying with its possessor ("her call for")
}

// findEvents finds the acts of saying in a unit's tokens, in order.
func findEvents(toks []token) []event {
	var evs []event
	skip := map[int]bool{}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if (t.kind != wordToken && t.text != ":") || skip[i] {
			continue
		}
		if t.low == "according" && i+1 < len(toks) && toks[i+1].low == "to" {
			m, ok := parseNP(toks, i+2)
			if !ok {
				m, ok = sourcePhrase(toks, i+2) // "according to polls at the time"
			}
			if (i == 0 || toks[i-1].kind == punctToken) && (!ok || m.to >= len(toks) || toks[m.to].text != ",") {
				// "According to F.A.A. records, …": the source runs to
				// the comma.
				for c := i + 2; c < len(toks) && c < i+16; c++ {
					if toks[c].kind == quoteToken {
						break
					}
					if toks[c].text == "," {
						if c > i+2 {
							j, det := i+2, ""
							if determiners[toks[j].low] && c > j+1 {
								j, det = j+1, toks[j].low
							}
							d := describe(mention{from: i + 2, to: c}, toks, j, c, det, j)
							d.org, d.gender = true, 0
							m, ok = d, true
						}
						break
					}
				}
			}
			if ok {
				evs = append(evs, event{verb: i, verbEnd: i + 2, lemma: "according", subj: m, according: true, which: -1})
			}
			continue
		}
		if t.kind == punctToken && t.text == ":" {
			if ev, ok := colonAttribution(toks, i); ok {
				evs = append(evs, ev)
			}
			continue
		}
		ev, ok := verbAt(toks, i)
		if !ok {
			continue
		}
		if i > 0 && (determiners[toks[i-1].low] || toks[i-1].isPossessive()) {
			continue // a noun: "the claims", "his remarks"
		}
		subj, found, negated, passive := subjectBefore(toks, i)
		if found && subj.kind == nameMention && subj.single && subj.from == 0 && toks[0].first && subj.to == i && strings.HasSuffix(t.low, "ing") && !subj.evidence {
			// "Additional reporting by …": a capitalised first word before
			// a participle is an adjective, not a speaker.
			continue
		}
		ev.negated = negated
		participleAfterComma := strings.HasSuffix(t.low, "ing") && i > 0 && toks[i-1].text == ","
		if (ev.lemma == "cite" || ev.lemma == "quote") && !participleAfterComma {
			// "IRNA cites X as saying", "X was quoted by Y as saying".
			if passive && found {
				// "X was quoted (by Y) as saying", "X was cited as saying".
				ev.subj = subj
				if ev.verbEnd < len(toks) && toks[ev.verbEnd].low == "by" {
					if via, ok := parseNP(toks, ev.verbEnd+1); ok {
						ev.via, ev.verbEnd = &via, via.to
					}
				}
			} else if obj, ok := parseNP(toks, ev.verbEnd); ok && obj.kind != pronounMention && found {
				s := subj
				ev.via, ev.subj, ev.verbEnd = &s, obj, obj.to
			} else {
				continue
			}
			if ev.verbEnd+1 < len(toks) && toks[ev.verbEnd].low == "as" && isSpeechWord(toks[ev.verbEnd+1].low) {
				skip[ev.verbEnd+1] = true
				ev.verbEnd += 2
			}
			evs = append(evs, ev)
			continue
		}
		if passive {
			continue // "it was reported that": no speaker
		}
		switch {
		case strings.HasSuffix(t.low, "ing") && participleOpener(toks, i) >= 0:
			ev.opener = participleOpener(toks, i)
			prev := lastSpeaker(evs)
			if prev == nil {
				// "A cycling group welcomed the decision, calling it …",
				// "And even Obama tried to help, noting …": the subject
				// of the sentence.
				m, ok := leadSubject(toks)
				if !ok || m.to >= i {
					continue
				}
				prev = &m
			}
			ev.subj, ev.participle = *prev, true
		case coordinatedVerb(toks, i, evs) && (!found || subj.to < i-1):
			// A second verb of the same speaker: "praised the plan and
			// said", "denounced the deal, and warned".
			prev := lastSpeaker(evs)
			if prev == nil {
				// The subject that opens the clause: "In an interview,
				// Lee doubled down and said".
				if m, ok := clauseSubject(toks, i-1); ok {
					prev = &m
				}
			}
			if prev == nil && i >= 3 {
				// The subject of the first verb: "Ms. Lee smiled and said".
				if m, ok := longestEndingAt(toks, i-3, false); ok && m.kind != descMention || ok && clauseStart(toks, m.from) {
					prev = &m
				}
			}
			if prev == nil {
				m, ok := parseNP(toks, 0)
				if !ok || m.to >= i {
					continue
				}
				prev = &m
			}
			ev.subj, ev.participle, ev.coord = *prev, true, true
		case found:
			ev.subj = coordinated(toks, subj)
			ev.which = relativeStart(toks, subj.from)
		case relativeSubject(toks, i) != nil:
			// "leaders who say the law is unfair", "Cruz, who says …".
			ev.subj, ev.relative = *relativeSubject(toks, i), true
		case i > 0 && (toks[i-1].kind == quoteToken || toks[i-1].text == ","):
			// Inversion after a quotation or a clause: "…,” said the president.
			obj, ok := parseNP(toks, ev.verbEnd)
			if !ok && ev.verbEnd+1 < len(toks) && plainWord(toks[ev.verbEnd]) {
				// An adjective before a title: "said former Sen. Jo Hart".
				if o, ok2 := parseNP(toks, ev.verbEnd+1); ok2 && o.kind == nameMention {
					o.from = ev.verbEnd
					o.role = strings.TrimSpace(toks[ev.verbEnd].text + " " + o.role)
					obj, ok = o, true
				}
			}
			if ok && obj.to < len(toks) && (toks[obj.to].low == "who" || toks[obj.to].low == "whose" || obj.kind == nameMention && !obj.org && !obj.single) {
				ok = true // "said Lee Park, a lawyer who …", "said coach Lee Park before turning to …"
			} else if !ok || (obj.to < len(toks) && toks[obj.to].kind != punctToken && !isSpeechWord(toks[obj.to].low) && !trailingOpeners[toks[obj.to].low] && !calendarWords[toks[obj.to].low]) {
				// A description the grammar cannot read, up to the
				// punctuation: "said one Trump confidant."
				if obj, ok = sourcePhrase(toks, ev.verbEnd); !ok || obj.to-obj.from > 8 || !describesSource(toks[obj.from:obj.to]) {
					continue
				}
				obj.org = false
				obj = nameInDescription(toks, obj)
			}
			ev.subj, ev.subjAfter, ev.verbEnd = obj, true, obj.to
		default:
			continue
		}
		if ev.lemma == "tell" || ev.lemma == "say" || ev.lemma == "write" {
			ev.via = channelAfter(toks, ev)
		}
		evs = append(evs, ev)
	}
	return viaAccording(toks, evs)
}

// viaAccording turns a closing "according to X" into the channel of the
// statement it follows: "Haddad added that …, according to the Herald".
func viaAccording(toks []token, evs []event) []event {
	for i := len(evs) - 1; i > 0; i-- {
		ev := evs[i]
		if !ev.according || !trailing(toks, ev.subj.to) || ev.verb == 0 || toks[ev.verb-1].text != "," {
			continue
		}
		prev := &evs[i-1]
		if prev.according || prev.via != nil {
			continue
		}
		via := ev.subj
		prev.via = &via
		evs = append(evs[:i], evs[i+1:]...)
	}
	return evs
}

// coordinatedVerb reports whether the verb of saying at token i is a
// second verb of the subject before: after "and" or "but", across
// auxiliaries and adverbs ("and has called for"), or after a comma in a
// series of verbs once a speaker has spoken in the unit.
func coordinatedVerb(toks []token, i int, evs []event) bool {
	o := i - 1
	for o > 0 && (adverbs[toks[o].low] || mannerAdverb(toks[o])) {
		o--
	}
	if o < 1 {
		return false
	}
	switch {
	case toks[o].low == "and" || toks[o].low == "but":
		return true
	case toks[o].text == "," && o == i-1:
		return !strings.HasSuffix(toks[i].low, "ing") && lastSpeaker(evs) != nil
	}
	return false
}

// leadSubject reads the noun phrase that opens a unit, after a
// conjunction or an adverb or two ("And even Obama tried …").
func leadSubject(toks []token) (mention, bool) {
	if len(toks) > 0 && functionWords[toks[0].low] && !determiners[toks[0].low] {
		// An introductory phrase: "For months, Obama has …".
		for c := 1; c < len(toks) && c < 10; c++ {
			if toks[c].kind == quoteToken {
				break
			}
			if toks[c].text == "," {
				if m, ok := parseNP(toks, c+1); ok && m.kind != pronounMention {
					return m, true
				}
				break
			}
		}
	}
	d := datelineEnd(toks)
	for j := d; j < len(toks) && j < d+3; j++ {
		if m, ok := parseNP(toks, j); ok {
			return m, true
		}
		if t := toks[j]; t.kind != wordToken || !(functionWords[t.low] || adverbs[t.low]) {
			break
		}
	}
	return mention{}, false
}

// placeAfterPlace reports whether the one-word name m follows a comma
// after a place introduced by a preposition: the state or country of "in
// Austin, Texas," is a place, not a speaker.
func placeAfterPlace(toks []token, m mention) bool {
	if !m.single || m.from < 3 || toks[m.from-1].text != "," {
		return false
	}
	k := m.from - 2
	for k > 0 && k > m.from-5 && toks[k].isCap() {
		if placePrepositions[toks[k-1].low] {
			return true
		}
		k--
	}
	return false
}

// placePrepositions introduce a place ("in", "at", "near").
var placePrepositions = lang.Set("place-prepositions")

// datelineEnd returns the index of the first token after a dateline that
// opens a unit ("PARIS, Aug 31 (Reuters) -", "LONDON —"): a place in
// capitals, up to a dash within a dozen tokens; or 0.
func datelineEnd(toks []token) int {
	if len(toks) == 0 || toks[0].kind != wordToken || len(toks[0].text) < 2 || strings.ToUpper(toks[0].text) != toks[0].text {
		return 0
	}
	for k := 1; k < len(toks) && k < 12; k++ {
		if isDash(toks[k]) || toks[k].text == "-" {
			return k + 1
		}
		if toks[k].kind == quoteToken || toks[k].text == "." && k+1 < len(toks) && toks[k+1].first {
			break
		}
	}
	return 0
}

// participleOpener returns the index of the token that opens a participle
// of saying at token v, across adverbs: a comma (", saying"), or "while",
// "by", "after", "before", "when" ("while also suggesting", "by arguing");
// or -1.
func participleOpener(toks []token, v int) int {
	o := v - 1
	for o > 0 && (adverbs[toks[o].low] || mannerAdverb(toks[o])) {
		o--
	}
	if o <= 0 {
		return -1
	}
	switch toks[o].low {
	case ",", "while", "by", "after", "before", "when":
		return o
	}
	if toks[o].kind == quoteToken && quoteEndsWithComma(toks[o].text) && o == v-1 {
		return o // "“…,” referring to …"
	}
	return -1
}

// relativeSubject returns the speaker of a verb of saying in a relative
// clause, the noun phrase before "who" ("business leaders who say", "Lee
// Park, who also said"), or nil.
func relativeSubject(toks []token, v int) *mention {
	w := v - 1
	for w > 0 && (adverbs[toks[w].low] || mannerAdverb(toks[w])) {
		w--
	}
	if w < 1 || toks[w].low != "who" {
		return nil
	}
	e := w - 1
	if toks[e].text == "," {
		e--
	}
	m, ok := longestEndingAt(toks, e, false)
	if !ok || m.kind == pronounMention {
		return nil
	}
	m = widenSubject(toks, m)
	return &m
}

// relativeStart returns where a relative clause of saying starts when the
// speaker at token s opens one ("which Moscow denies", "a claim Norland
// rejects"), or -1.
func relativeStart(toks []token, s int) int {
	if s == 0 {
		return -1
	}
	switch w := toks[s-1].low; {
	case w == "which" && !(s > 1 && toks[s-2].kind == wordToken && functionWords[toks[s-2].low]):
		// "which Moscow denies"; not "in which he said …", whose clause
		// is the statement.
		return s - 1
	case claimNouns[w] && s > 1 && determiners[toks[s-2].low]:
		return s - 2
	}
	return -1
}

var claimNouns = lang.Set("whosaid-claim-nouns")

// verbAt reads a verb of saying, or a phrase acting as one ("gave
// assurances"), at token i.
func verbAt(toks []token, i int) (event, bool) {
	t := toks[i]
	if startsUpper(t.text) && !(t.headline && i > 0) {
		return event{}, false // verbs are not capitalised; "State", "Said"
	}
	if sv, ok := speechVerbs[t.low]; ok {
		if i+1 < len(toks) && toks[i+1].low == "by" && strings.HasSuffix(t.low, "ed") && sv.lemma != "quote" && sv.lemma != "cite" {
			return event{}, false // "polls reported by CNN": a passive participle
		}
		if sv.lemma == "add" && i+1 < len(toks) && (hasDigit(toks[i+1].text) || toks[i+1].text == "$") {
			return event{}, false // "had added 0.5 per cent": a figure, not speech
		}
		if sv.quoteOnly && i+1 < len(toks) && toks[i+1].low == "to" {
			return event{}, false // "continuing to insist": the verb after speaks
		}
		if sv.lemma == "ask" && i+1 < len(toks) && toks[i+1].low == "not" {
			return event{}, false // "asked not to be named"
		}
		if sv.topic && !(i+1 < len(toks) && (topicPrepositions[toks[i+1].low] || sv.lemma == "refer" && toks[i+1].low == "to")) {
			return event{}, false // "spoke to reporters", "talked for an hour"
		}
		inverted := i > 0 && (toks[i-1].kind == quoteToken || toks[i-1].text == ",")
		if sv.lemma == "write" && !inverted && i+1 < len(toks) && toks[i+1].kind == wordToken && !writeOpeners[toks[i+1].low] {
			return event{}, false // "wrote a bill", not "wrote that …"
		}
		if sv.lemma == "call" && !callsFor(toks, i) {
			sv.quoteOnly = true
		}
		return event{verb: i, verbEnd: i + 1, lemma: sv.lemma, sv: sv, which: -1}, true
	}
	if i+1 < len(toks) {
		if pv, ok := particleVerbs[t.low]; ok && toks[i+1].low == pv.particle {
			// "pointed out that", "spoke out against".
			sv := speechVerb{lemma: pv.lemma}
			return event{verb: i, verbEnd: i + 2, lemma: pv.lemma, sv: sv, which: -1}, true
		}
	}
	if (t.low == "put" || t.low == "puts") && i+1 < len(toks) && toks[i+1].low == "it" {
		return event{verb: i, verbEnd: i + 2, lemma: "put", which: -1}, true // "as Lee put it, …"
	}
	if v, ok := lang.SpeechLemma(t.low); ok && v.NounLike && i > 0 && auxiliaries[toks[i-1].low] {
		// The bare form after an auxiliary is the verb: "did note that",
		// "will report".
		sv := speechVerb{lemma: v.Lemma, withVerb: v.WithVerb, quoteOnly: v.QuoteOnly}
		return event{verb: i, verbEnd: i + 1, lemma: sv.lemma, sv: sv, which: -1}, true
	}
	// A light verb and a speech noun: "gave assurances", "issued a
	// warning", "made (it) clear".
	j := i + 1
	if j < len(toks) && toks[j].low == "it" {
		j++
	}
	noun := -1
	for k := j; k < len(toks) && k <= j+1; k++ {
		if speechNouns[toks[k].low] {
			noun = k
			break
		}
	}
	if noun < 0 {
		return event{}, false
	}
	phrase := []lang.Token{{Word: t.low}}
	for k := j; k <= noun; k++ {
		phrase = append(phrase, lang.Token{Word: toks[k].low})
	}
	if lang.IsSpeechPhrase(phrase, 0) {
		return event{verb: i, verbEnd: noun + 1, lemma: "assure", which: -1}, true
	}
	return event{}, false
}

// callsFor reports whether "call" at token i calls for or on something
// ("called for", "calls on", "called Wednesday for"): otherwise it only
// names ("called it a sham") and attributes quotations.
func callsFor(toks []token, i int) bool {
	j := i + 1
	if j < len(toks) && calendarWords[toks[j].low] {
		j++
	}
	return j < len(toks) && (toks[j].low == "for" || toks[j].low == "on" || toks[j].low == "upon")
}

// speechNouns make a phrase with a light verb that acts as a verb of
// saying ("gave assurances"): the toolkit's speech-nouns.
var speechNouns = lang.Set("speech-nouns")

// particleVerb is a verb of saying with its particle.
type particleVerb struct{ lemma, particle string }

// particleVerbs maps each form of a particle verb of saying
// (whosaid-particle-verbs.txt) to its lemma and particle.
var particleVerbs = func() map[string]particleVerb {
	out := map[string]particleVerb{}
	for _, e := range lang.Entries("whosaid-particle-verbs") {
		for _, w := range e[2:] {
			out[w] = particleVerb{lemma: e[0], particle: e[1]}
		}
	}
	return out
}()

// topicPrepositions introduce what a topic verb is about.
var topicPrepositions = lang.Set("whosaid-topic-prepositions")

// writeOpeners may follow "wrote" when it reports what was written: "wrote
// that", "wrote in a letter", "wrote on Twitter", "wrote to staff".
var writeOpeners = lang.Set("whosaid-write-openers")

// subjectBefore finds the speaker written just before the verb at token v,
// across adverbs and auxiliaries ("Tehran also denied", "had not replied")
// and the closing comma of an appositive ("Raj Patel, the lab's director,
// said").
func subjectBefore(toks []token, v int) (m mention, found, negated, passive bool) {
	e := v - 1
	infinitive := false
	for e >= 0 {
		if e >= 2 && toks[e].text == "," && adverbs[toks[e-1].low] && toks[e-2].text == "," {
			e -= 3 // "Officials at the ministry, however, insisted"
			continue
		}
		if toks[e].text == ")" {
			// A parenthesis between the speaker and the verb: "Sen.
			// Jo Hart (D-Ore.) said".
			o := e - 1
			for o >= 0 && o > e-8 && toks[o].text != "(" && toks[o].kind != quoteToken {
				o--
			}
			if o > 0 && toks[o].text == "(" {
				e = o - 1
				continue
			}
			break
		}
		if toks[e].kind != wordToken {
			break
		}
		w := toks[e].low
		if e > 0 && (calendarWords[w] || w == "week" || w == "month" || w == "year") && (toks[e-1].low == "on" || toks[e-1].low == "last" || toks[e-1].low == "this" || toks[e-1].low == "in") {
			e -= 2 // "The Kremlin on Monday rejected"
			continue
		}
		if w == "to" && e > 1 && (plainWord(toks[e-1]) || isSpeechWord(toks[e-1].low) && !startsUpper(toks[e-1].text)) && !isHeadNoun(toks[e-1].low) {
			// "continue to warn", "tried to argue": the subject of the
			// verb before, whose auxiliary is not this verb's passive
			// ("is continuing to insist").
			infinitive = true
			e -= 2
			if e > 0 && toks[e].low == "on" && plainWord(toks[e-1]) {
				e-- // "went on to say"
			}
			continue
		}
		if !adverbs[w] && !negations[w] && !passives[w] && !mannerAdverb(toks[e]) && !(w == "since" && e > 0 && auxiliaries[toks[e-1].low]) {
			break
		}
		negated = negated || negations[w]
		// "is touting" is progressive, "was asked" passive.
		passive = passive || (passives[w] && !strings.HasSuffix(toks[v].low, "ing") && !infinitive)
		e--
	}
	apposed := false
	if e >= 0 && toks[e].text == "," {
		e--
		apposed = true
	} else if e >= 0 && toks[e].kind == quoteToken && quoteEndsWithComma(toks[e].text) {
		// The appositive's comma inside a scare quote: "Hale, who
		// calls the plan a “scam,” said".
		apposed = true
	}
	m, found = longestEndingAt(toks, e, apposed)
	if found && m.apposed && !apposed && m.from > 0 && toks[m.from-1].kind == wordToken {
		// "…, worked as a geologist for the company, the BBC
		// reported": the speaker is the phrase after the comma, not an
		// appositive that starts inside the clause before.
		for c := e; c > m.from; c-- {
			if toks[c].text == "," {
				if l, ok := parseNP(toks, c+1); ok && l.to == e+1 {
					m = l
				}
				break
			}
		}
	}
	if found {
		m = widenSubject(toks, m)
	}
	if !found && apposed {
		// A name set off by commas after a description the lexicon does
		// not know: "Her predecessor, John Carver, had warned".
		if c, ok := longestEndingAt(toks, e, false); ok && c.kind == nameMention && c.from > 0 && toks[c.from-1].text == "," && !partyDesignation(toks[c.from]) && !placeAfterPlace(toks, c) {
			return c, true, negated, passive
		}
	}
	if !found && apposed {
		// A parenthetical between commas: "Janet Yellen, speaking in
		// Ohio, said"; "Donald Trump, who has criticised Powell, wrote".
		for c := e; c > 0 && c > e-15; c-- {
			if toks[c].kind == quoteToken {
				break
			}
			if toks[c].text == "," && parenthetical(toks[c+1]) {
				m, found = longestEndingAt(toks, c-1, false)
				break
			}
		}
	}
	participle := strings.HasSuffix(toks[v].low, "ing")
	if found && apposed && !participle && (m.org || m.kind == descMention || !clauseStart(toks, m.from) || m.from > 0 && toks[m.from-1].text == ",") {
		// A chain of appositives: the speaker opens it, not a place or a
		// company inside it ("Lee Park, chief executive of Acme, a
		// software company, said"; "Ann Roy, who lives in Leeds,
		// England, said").
		if l, ok := leftmostSpeaker(toks, e); ok && l.from < m.from {
			m = l
		}
	}
	if found && apposed && !participle && m.kind == nameMention && (m.org && m.single || m.apposed && m.from > 0 && toks[m.from-1].kind == wordToken || placeAfterPlace(toks, m)) {
		// A place set off by commas ("…, in Bangor, Maine, endorsed")
		// is not the speaker when a person opens the chain.
		if l, ok := leftmostSpeaker(toks, e); ok && l.from < m.from {
			m = l
		}
	}
	if !found && apposed && !participle {
		// A speaker, then anything set off by commas: a description the
		// lexicon cannot read ("Lee Park, director of the Center for
		// Rural Health at the state university,"), a party and state
		// ("Jo Hart, D-Ore.,"), a clause.
		if c, ok := beforeAppositive(toks, e); ok {
			m, found = c, true
		}
	}
	if !found && !apposed && !participle {
		// A relative clause between speaker and verb: "a White House
		// official who spoke anonymously said".
		for c := e; c > 0 && c > e-24; c-- {
			if toks[c].kind != wordToken {
				break
			}
			if toks[c].low == "who" {
				if c == e {
					break // the verb of the relative clause itself
				}
				if r, ok := longestEndingAt(toks, c-1, false); ok && r.kind != pronounMention && clauseStart(toks, r.from) {
					m, found = widenSubject(toks, r), true
				}
				break
			}
		}
	}
	if !found && !apposed && !participle && e >= 0 && toks[e].kind == wordToken {
		// A subject with a modifier the grammar cannot read: "people
		// familiar with her thinking say", "a court document filed
		// Thursday says".
		if c, ok := clauseSubject(toks, e+1); ok && c.to < e+1 && e+1-c.to <= 6 && (c.kind == nameMention || isHeadNoun(c.head)) && !speechWordIn(toks[c.to:e+1]) && postmodifier(toks[c.to:e+1]) {
			if c.kind == descMention {
				// The description with its modifier.
				start := c.from
				if determiners[toks[start].low] {
					start++
				}
				c.phrase = spanText(toks, start, e+1)
				c.role, c.to = c.phrase, e+1
			}
			m, found = c, true
		}
	}
	if !apposed && !participle && e >= 0 && (!found || (m.kind == descMention && !clauseStart(toks, m.from))) {
		// A description whose start the lexicon could not read: "The
		// Liberal presidential nominee", not "presidential nominee".
		if d, ok := plainDescription(toks, e); ok && (!found || d.from < m.from) {
			m, found = d, true
		}
	}
	return m, found, negated, passive
}

// widenSubject takes in what the noun-phrase grammar left before a
// speaker: a role it could not read ("Algerian foreign affairs ministry
// spokesman Benali Abdelaziz") or a coordinated adjective ("current and
// former officials").
func widenSubject(toks []token, m mention) mention {
	from := m.from
	switch {
	case m.kind == nameMention && !m.evidence && from >= 2 && placePrepositions[toks[from-1].low] && pluralNoun(toks[from-2].low) && (plainWord(toks[from-2]) || toks[from-2].first) && clauseStart(toks, from-2):
		// "Shopkeepers on Kelp Street complained": the people the clause
		// opens with spoke, not the street they are on.
		m.kind, m.phrase, m.name, m.org = descMention, spanText(toks, from-2, m.to), "", false
		m.role = m.phrase
		from -= 2
	case m.kind == descMention && from >= 2 && (toks[from-1].low == "and" || toks[from-1].low == "or") && plainWord(toks[from-2]):
		from -= 2
		m.phrase = spanText(toks, from, m.to)
		m.role = m.phrase
	case m.kind != pronounMention && from >= 1 && (plainWord(toks[from-1]) || toks[from-1].isCap() && !toks[from-1].first) && !toks[from-1].isPossessive():
		s := from - 1
		for s > 0 && from-s < 6 && (plainWord(toks[s-1]) || toks[s-1].isCap() && !toks[s-1].first) {
			s--
		}
		if s > 0 && !(toks[s-1].kind == punctToken || toks[s-1].kind == quoteToken || determiners[toks[s-1].low]) {
			return m
		}
		if m.kind == descMention {
			m.phrase = spanText(toks, s, m.to)
			m.role = m.phrase
		} else if m.role == "" {
			m.role = spanText(toks, s, from)
		} else {
			m.role = spanText(toks, s, from) + " " + m.role
		}
		from = s
		if s > 0 && determiners[toks[s-1].low] {
			from--
		}
	default:
		return m
	}
	m.from = from
	return m
}

// pluralNoun reports whether w reads as a plural noun: "residents",
// "fishermen", "people".
func pluralNoun(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "men") || w == "people"
}

// plainWord reports a lower-case content word: not a function word, a
// determiner, an adverb or a verb of saying.
func plainWord(t token) bool {
	return t.kind == wordToken && !startsUpper(t.text) && !functionWords[t.low] && !determiners[t.low] && !adverbs[t.low] && !isSpeechWord(t.low) && !hasDigit(t.text)
}

// beforeAppositive finds the speaker before the comma that opens the
// stretch ending at token e: the noun phrase that ends right before it and
// starts a clause.
func beforeAppositive(toks []token, e int) (mention, bool) {
	for c := e; c > 0 && c > e-25; c-- {
		t := toks[c]
		if t.kind == quoteToken && wordCount(t.text) > 3 {
			return mention{}, false
		}
		if t.text == ";" || t.text == ":" {
			return mention{}, false
		}
		if t.text != "," {
			continue
		}
		m, ok := longestEndingAt(toks, c-1, false)
		if !ok || m.kind == pronounMention || !clauseStart(toks, m.from) {
			return mention{}, false
		}
		return m, true
	}
	return mention{}, false
}

// postmodifier reports whether words after a noun can modify it, as in
// "officials familiar with the talks" or "a document filed Thursday": they
// open with a preposition, an adjective or a participle, and hold no
// infinitive or relative pronoun ("the senator to apologize", "groups
// who").
func postmodifier(toks []token) bool {
	if len(toks) == 0 || toks[0].kind != wordToken {
		return false
	}
	for _, t := range toks {
		if t.low == "who" || t.low == "which" || t.low == "that" || t.kind != wordToken {
			return false
		}
	}
	w := toks[0].low
	if w == "to" && len(toks) > 1 && plainWord(toks[1]) {
		return false // an infinitive: "the senator to apologize"
	}
	return prepositions[w] || w == "in" || w == "on" || w == "close" || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "iar")
}

// speechWordIn reports whether a verb of saying is among the tokens.
func speechWordIn(toks []token) bool {
	for _, t := range toks {
		if t.kind == wordToken && isSpeechWord(t.low) {
			return true
		}
	}
	return false
}

// clauseSubject reads the noun phrase that opens the clause ending before
// token v: after the last comma, semicolon or colon, or at the unit's
// start, within a dozen words and no quotation.
func clauseSubject(toks []token, v int) (mention, bool) {
	s := v - 1
	for s > 0 && v-s < 14 {
		t := toks[s-1]
		if t.kind == quoteToken {
			return mention{}, false
		}
		if t.text == "," || t.text == ";" || t.text == ":" || t.text == "—" || t.text == "–" {
			break
		}
		s--
	}
	if s > 0 && v-s >= 14 {
		return mention{}, false
	}
	m, ok := parseNP(toks, s)
	if !ok || m.to > v {
		return mention{}, false
	}
	return m, true
}

// leftmostSpeaker finds, among the noun phrases that end before a comma in
// the stretch ending at token e, the leftmost person's name that starts a
// clause.
func leftmostSpeaker(toks []token, e int) (mention, bool) {
	var best mention
	found := false
	for c := e; c > 0 && c > e-40; c-- {
		t := toks[c]
		if t.text == ";" || t.text == ":" || (t.kind == quoteToken && wordCount(t.text) > 3) {
			break
		}
		if t.text != "," {
			continue
		}
		m, ok := longestEndingAt(toks, c-1, false)
		if ok && m.kind == nameMention && !m.org && clauseStart(toks, m.from) {
			best, found = m, true
		}
	}
	return best, found
}

// clauseStart reports whether a noun phrase at token i can be the subject
// of a clause: it opens the unit or follows punctuation or a conjunction.
func clauseStart(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	return p.kind == punctToken || p.kind == quoteToken || p.low == "and" || p.low == "but" || p.low == "as" || p.low == "while" || p.low == "so" || p.low == "then"
}

// plainDescription reads a description the lexicon does not know, ending at
// token e and opened by a determiner or a possessive: "The Democratic
// presidential nominee", "Trump's campaign manager".
func plainDescription(toks []token, e int) (mention, bool) {
	if toks[e].kind != wordToken || toks[e].isCap() || !isHeadNoun(toks[e].low) {
		return mention{}, false
	}
	for s := e - 1; s >= 0 && s >= e-5; s-- {
		t := toks[s]
		if t.kind != wordToken || isSpeechWord(t.low) {
			return mention{}, false
		}
		if determiners[t.low] || t.isPossessive() {
			if !clauseStart(toks, s) || (t.isPossessive() && s > 0 && toks[s-1].kind == wordToken && !clauseStart(toks, s)) {
				return mention{}, false
			}
			m := mention{from: s, to: e + 1}
			return describe(m, toks, s+1, e+1, t.low, s+1), true
		}
		if functionWords[t.low] {
			return mention{}, false
		}
	}
	return mention{}, false
}

// colonAttribution reads a speaker's name before a colon at the start of a
// unit, as headlines and blog digests write: "McCaul: If elected, …", "More
// from Lee Park: “…”", "Dr. Ada Voss: “…”". Labels ("Update:", "WATCH:")
// are not speakers; a single word before a colon introduces only a
// quotation, or a clause when it is a person's name.
func colonAttribution(toks []token, i int) (event, bool) {
	if i == 0 || i+1 >= len(toks) {
		return event{}, false
	}
	m, ok := longestEndingAt(toks, i-1, false)
	if !ok || m.kind == pronounMention || m.kind == descMention && !m.definite {
		return event{}, false
	}
	m = coordinated(toks, m)
	start := m.from
	switch {
	case start == 0:
	case start >= 1 && toks[start-1].low == "from":
		start--
		if start >= 1 && toks[start-1].low == "more" {
			start--
		}
	}
	if start > 0 && !(toks[start-1].kind == punctToken && strings.Contains("-–—|", toks[start-1].text)) {
		return event{}, false
	}
	if sectionLabels[strings.ToLower(spanText(toks, m.from, m.to))] {
		return event{}, false
	}
	quoted := toks[i+1].kind == quoteToken
	if !quoted && m.kind == nameMention && m.single && !startsUpper(toks[i+1].text) {
		return event{}, false
	}
	ev := event{verb: i, verbEnd: i + 1, lemma: ":", subj: m, which: -1}
	ev.sv.lemma = ":"
	return ev, true
}

// sectionLabels are the labels of whosaid-section-labels.txt, one or more
// words each.
var sectionLabels = func() map[string]bool {
	out := map[string]bool{}
	for _, p := range lang.Phrases("whosaid-section-labels") {
		out[p] = true
	}
	return out
}()

// nameInDescription finds a person's name that ends a description the
// grammar could not read, the words before it being the role: "Chinese
// foreign ministry spokeswoman Li Wen".
func nameInDescription(toks []token, d mention) mention {
	for p := d.from + 1; p < d.to; p++ {
		if n, ok := parseCore(toks, p); ok && n.kind == nameMention && !n.org && n.to == d.to && !n.single {
			start := d.from
			if determiners[toks[start].low] {
				start++
			}
			n.role = strings.TrimSpace(spanText(toks, start, p) + " " + n.role)
			n.from = d.from
			return n
		}
	}
	return d
}

// describesSource reports whether words read as a description of a source
// ("one Trump confidant", "a senior aide"), not a clause ("they will vote
// for Trump"): opened by a determiner or a capitalised word, no pronoun,
// no auxiliary.
func describesSource(toks []token) bool {
	if len(toks) == 0 || !(determiners[toks[0].low] || toks[0].isCap()) {
		return false
	}
	for _, t := range toks {
		if pronouns[t.low] || auxiliaries[t.low] || passives[t.low] {
			return false
		}
	}
	return true
}

// sourcePhrase reads the source of "according to" that the noun-phrase
// grammar cannot: the words up to the next punctuation, at most eight
// ("according to polls at the time").
func sourcePhrase(toks []token, i int) (mention, bool) {
	j := i
	for j < len(toks) && j-i < 8 && toks[j].kind == wordToken && !(j > i && (toks[j].low == "that" || toks[j].low == "which" || isSpeechWord(toks[j].low))) {
		j++
	}
	if j == i || (j < len(toks) && toks[j].kind == wordToken && j-i < 8) {
		return mention{}, false
	}
	m := mention{kind: descMention, from: i, to: j}
	det := ""
	if determiners[toks[i].low] {
		det = toks[i].low
	}
	from := i
	if det != "" {
		from++
	}
	if from == j {
		return mention{}, false
	}
	d := describe(m, toks, from, j, det, from)
	d.org, d.gender = true, 0
	return d, true
}

// mannerAdverb reports a lower-case -ly adverb between a subject and its
// verb ("Trump angrily denied").
func mannerAdverb(t token) bool {
	w := t.low
	if t.kind != wordToken || len(w) < 7 || !strings.HasSuffix(w, "ly") || startsUpper(t.text) {
		return false // "rally", "family", "ally" are nouns
	}
	for _, noun := range []string{"mbly", "poly", "maly", "fly"} {
		if strings.HasSuffix(w, noun) {
			return false // "assembly", "monopoly", "anomaly", "butterfly"
		}
	}
	return true
}

// quoteEndsWithComma reports whether a quotation's closing mark follows a
// comma: “scam,”.
func quoteEndsWithComma(q string) bool {
	q = strings.TrimRight(q, "”\"'’")
	return strings.HasSuffix(q, ",")
}

// longestEndingAt returns the longest noun phrase that ends at token e.
func longestEndingAt(toks []token, e int, apposed bool) (m mention, found bool) {
	for s := e; s >= 0 && s >= e-14; s-- {
		if toks[s].kind == quoteToken {
			break
		}
		if c, ok := parseNP(toks, s); ok && c.to == e+1 && (!apposed || c.apposed) {
			m, found = c, true
		} else if !apposed && toks[s].kind == wordToken {
			// The phrase without the appositive that follows it: "Rudolph
			// W. Giuliani" before ", the former mayor …".
			if c, ok := parseCore(toks, s); ok && c.to == e+1 {
				m, found = c, true
			}
		}
	}
	return m, found
}

// parenthetical reports whether a word opens a parenthetical clause.
func parenthetical(t token) bool {
	w := t.low
	return t.kind == wordToken && (w == "who" || w == "whose" || w == "which" || w == "in" || w == "on" || w == "at" || w == "during" || w == "after" || hasDigit(w) || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed"))
}

// channelAfter finds the outlet told or written to: "told Reuters", "told
// the campus newspaper", "wrote on Twitter".
func channelAfter(toks []token, ev event) *mention {
	j := ev.verbEnd
	if ev.lemma != "tell" {
		if j+1 >= len(toks) || (toks[j].low != "on" && toks[j].low != "to") {
			return nil
		}
		j++
	}
	obj, ok := parseNP(toks, j)
	if !ok {
		return nil
	}
	switch {
	case obj.kind == nameMention && obj.org && (obj.single || hasMediaWord(obj.name)):
		return &obj
	case obj.kind == descMention && (mediaNouns[obj.head] || strings.HasSuffix(obj.head, "paper")):
		return &obj
	}
	return nil
}

func lastSpeaker(evs []event) *mention {
	for i := len(evs) - 1; i >= 0; i-- {
		if !evs[i].according {
			return &evs[i].subj
		}
	}
	return nil
}

// hasMediaWord reports whether a name is a news outlet's ("Capitol Times").
func hasMediaWord(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if mediaWords[w] {
			return true
		}
	}
	return false
}

var mediaWords = lang.Set("whosaid-media-words")

// coordinated joins a subject to another before it with "and": "The EU
// and the UK said" is said by both.
func coordinated(toks []token, m mention) mention {
	if m.from < 2 || toks[m.from-1].low != "and" || m.kind == pronounMention {
		return m
	}
	o, ok := longestEndingAt(toks, m.from-2, false)
	if !ok || o.kind == pronounMention || (o.kind == descMention && !o.org) || (m.kind == descMention && !m.org) {
		return m
	}
	return mention{kind: nameMention, from: o.from, to: m.to, name: mentionText(o) + " and " + mentionText(m), org: true}
}

func mentionText(m mention) string {
	if m.kind == descMention {
		return m.phrase
	}
	return m.name
}
