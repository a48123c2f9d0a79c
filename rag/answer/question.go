package answer

import (
	"slices"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// questionKind is what a question asks for, as its first words tell.
type questionKind int

const (
	askOther questionKind = iota
	askWhen
	askWho
	askHowMany
	askYesNo
	askWhy
	askWhere
	askHowLong
	askAge
)

// Question is a user's question, analysed for answering: what kind of
// answer it wants, its content words weighted by rarity, what it asks for.
type Question struct {
	text  string
	kind  questionKind
	terms []qterm
	// speech is set when the question asks what someone said, admitted,
	// denied…: direct quotes are then the strongest evidence.
	speech bool
	// whatSaid is set for "What did X say (about Y)?": a what question
	// with a verb of saying, "say" included (a stopword, which speech
	// skips). The words said are then the answer.
	whatSaid bool
	// focus are the stems of the thing asked for ("the top speed of …",
	// "which news agency …"). When the sources name none of them, they do not
	// answer the question, however much else matches.
	focus []string
	// verbFocus is set when focus is the question's verb ("how much did the
	// lab cost"): it must be said, but it does not name the topic.
	verbFocus bool
	// speaker are the stems of whoever the question says spoke ("what does
	// Ukraine say …", "what did the minister claim"): a sentence attributing
	// speech to them answers it better than one quoting someone else.
	speaker []string
	// opinion is set for a question asking someone's view ("what does X
	// think of Y", "how does X feel about Y"): only a sentence in which X
	// (the speaker) says or thinks something about topic (Y's head word)
	// answers it.
	opinion bool
	topic   string
	// actor are the stems of X in "what did X do …": only a sentence in
	// which X acts (X is followed by its verb) answers it.
	actor []string
	// summary is set for a question asking for the gist of the story
	// ("tl;dr", "what is this story about?"), latest for its newest news.
	summary, latest bool
	// verb is the stem of a yes/no question's main verb ("did Iran admit
	// …"), the word a source must say for the answer to be a plain yes.
	verb string
	// name is set for "what is the name of X": only a sentence naming
	// someone beside the question's words answers it.
	name bool
	// which is set for "which X …": the answer must tell which X, by a name
	// or a qualifier beside X that the question does not hold.
	which bool
	// aged is the stem of whom "how old is X" asks the age of (the head of
	// X: "wife" of "Calloway's wife"): only an age given in a sentence naming
	// them answers it, not another person's beside them.
	aged string
	// agedNow is set when "how old" asks the age today ("how old is X"):
	// an age X was once ("when X was 3 years old") does not answer it.
	agedNow bool
	// modifiers maps the stem of a noun the question qualifies ("plan" of
	// "Singh's transport plan") to its modifier's ("transport").
	modifiers map[string]string
}

// qterm is a content word of the question, weighted by its rarity.
type qterm struct {
	Stem   string
	weight float64
}

// The word classes of English the analysis reads a question by.
var (
	auxiliaries = lang.Set("auxiliaries")
	copulas     = lang.Set("copulas")
	determiners = lang.Set("determiners")
)

// genericFocus are nouns that name a kind of answer rather than a topic
// ("what was the reason for …"); they never decide an abstention.
var genericFocus = lang.Set("answer-kinds")

// Vocabulary is what question analysis needs of the corpus.
type Vocabulary interface {
	// Weight weighs a word stem by its rarity in the corpus and reports
	// whether the corpus uses it at all.
	Weight(stem string) (float64, bool)
	// Nearest returns the corpus's stem one typing slip away from stem.
	Nearest(stem string) (string, bool)
}

// Analyze parses a question, its words weighed by their rarity in the
// corpus; a name the corpus never uses but one typing slip away from one it
// does ("McConell") is read as that name (only capitalised words past the
// first: "speed" is not a slip for "spend").
func Analyze(text string, vocab Vocabulary) Question {
	q := Question{text: text}
	toks := tokenize(text)
	for i, t := range toks {
		if _, known := vocab.Weight(t.Stem); !known && t.Upper && i > 0 && !lang.IsStopword(t.Word) {
			if s, ok := vocab.Nearest(t.Stem); ok {
				toks[i].Stem = s
			}
		}
	}
	full := toks
	toks = dropFutureMarkers(toks)
	idf := vocab.Weight
	seen := make(map[string]bool)
	if k, _, _ := kindAndFocus(toks); k == askWhere || k == askWhen {
		for _, i := range eventWords(toks) {
			seen[toks[i].Stem] = true // "where will the talks take place": no topic
		}
	}
	var novel []int
	known, knownWeight := 0, 0.0
	for i, t := range toks {
		if lang.IsStopword(t.Word) || seen[t.Stem] {
			continue
		}
		if i > 0 && toks[i-1].Word == "how" && lang.Set("how-adjectives").Has(t.Word) {
			continue // "how long", "how old": the kind of answer, not a topic
		}
		seen[t.Stem] = true
		if asksSpeech(t.Word) {
			q.speech = true
		}
		w, ok := idf(t.Stem)
		if ok {
			known++
			knownWeight += w
		} else {
			novel = append(novel, len(q.terms))
		}
		q.terms = append(q.terms, qterm{Stem: t.Stem, weight: w})
	}
	// A word the corpus never uses may be a paraphrase ("remarks" for
	// "saying"), so it weighs as much as an average word of the question,
	// not as the rarest: the focus check, not the weights, is what catches a
	// question about something the sources never mention.
	avg := 1.0
	if known > 0 {
		avg = knownWeight / float64(known)
	}
	for _, i := range novel {
		q.terms[i].weight = avg
	}
	// A future marker the corpus uses still counts a little: a source may
	// repeat it ("the ferry was supposed to sail at noon").
	for _, t := range full {
		if w, known := idf(t.Stem); known && !seen[t.Stem] && !lang.IsStopword(t.Word) && !slices.ContainsFunc(toks, func(k token) bool { return k.Start == t.Start }) {
			seen[t.Stem] = true
			q.terms = append(q.terms, qterm{Stem: t.Stem, weight: futureWeight * w})
		}
	}
	var nounFocus bool
	q.kind, q.focus, nounFocus = kindAndFocus(toks)
	q.name = q.kind == askWho && slices.ContainsFunc(toks, func(t token) bool { return t.Word == "name" || t.Word == "names" })
	q.whatSaid = q.kind == askOther && len(toks) > 0 && toks[0].Word == "what" &&
		slices.ContainsFunc(toks, func(t token) bool { return asksSpeech(t.Word) })
	q.verbFocus = !nounFocus
	q.modifiers = modifiersOf(toks)
	for head, mod := range q.modifiers {
		if _, known := vocab.Weight(mod); !known {
			delete(q.modifiers, head) // a slip ("cannibas laws") contrasts nothing
		}
	}
	q.speaker = speakerOf(toks)
	if sp, topic, ok := opinionOf(toks); ok {
		q.opinion, q.speaker, q.topic = true, sp, topic
	}
	if q.kind == askYesNo {
		q.verb = mainVerb(toks)
	}
	q.summary, q.latest = summaryKind(toks)
	if q.kind == askAge {
		q.aged = agedOf(toks)
		q.agedNow = slices.ContainsFunc(toks, func(t token) bool { return t.Word == "is" || t.Word == "are" })
	}
	if i := slices.IndexFunc(toks, func(t token) bool { return t.Word == "which" }); i >= 0 && i+1 < len(toks) && nounFocus && len(q.focus) > 0 {
		q.which = content(toks[i+1])
	}
	q.actor = actorOf(toks)
	// What the question asks for (the head of its focus phrase) matters
	// most in the sentence that answers.
	if len(q.focus) > 0 && nounFocus {
		head := q.focus[len(q.focus)-1]
		for i, t := range q.terms {
			if t.Stem == head {
				q.terms[i].weight *= focusWeight
			}
		}
	}
	return q
}

// agedOf returns the stem of the head of the noun phrase after "how old
// is/was (the)" ("How old is the mayor's son?" → son), or "".
func agedOf(toks []token) string {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Word != "how" || toks[i+1].Word != "old" {
			continue
		}
		rest := toks[i+2:]
		for len(rest) > 0 && (auxiliaries[rest[0].Word] || determiners[rest[0].Word]) {
			rest = rest[1:]
		}
		if f := focusWords(rest); len(f) > 0 {
			return f[len(f)-1]
		}
		return ""
	}
	return ""
}

// futureWeight is the share of its weight a future marker keeps as a term
// of the question.
const futureWeight = 0.5

// dropFutureMarkers removes a future marker before a verb ("supposed to",
// "gonna": see future-markers.txt): "when is the wind supposed to ease"
// asks "when will the wind ease" (the marker stays a term of little weight:
// see Analyze). "Supposed to the north" keeps it.
func dropFutureMarkers(toks []token) []token {
	drop := make([]bool, len(toks))
	for _, p := range lang.Phrases("future-markers") {
		words := strings.Fields(p)
		for i := 0; i+len(words) < len(toks); i++ {
			match := true
			for j, w := range words {
				match = match && toks[i+j].Word == w
			}
			next := toks[i+len(words)]
			if match && !next.Upper && !determiners[next.Word] {
				for j := range words {
					drop[i+j] = true
				}
			}
		}
	}
	out := make([]token, 0, len(toks))
	for i, t := range toks {
		if !drop[i] {
			out = append(out, t)
		}
	}
	return out
}

// eventWords returns the indexes of the tokens of toks that are part of an
// event phrase ("take place", "happen").
func eventWords(toks []token) []int {
	var out []int
	for _, p := range lang.Phrases("event-phrases") {
		words := strings.Fields(p)
		for i := 0; i+len(words) <= len(toks); i++ {
			match := true
			for j, w := range words {
				if toks[i+j].Word != w {
					match = false
					break
				}
			}
			if match {
				for j := range words {
					out = append(out, i+j)
				}
			}
		}
	}
	return out
}

// focusWeight multiplies the weight of the question's focus words.
const focusWeight = 2

// kindAndFocus returns a question's kind, its focus and whether the focus
// is a noun phrase (a verb focus, "how much did X cost", names what must be
// said but not the topic, so it weighs as any word).
func kindAndFocus(toks []token) (questionKind, []string, bool) {
	wh := -1
	for i, t := range toks {
		switch t.Word {
		case "what", "which", "who", "whom", "whose", "when", "where", "why", "how":
			wh = i
		}
		if wh >= 0 {
			break
		}
	}
	if wh < 0 {
		if len(toks) > 0 && auxiliaries[toks[0].Word] {
			return askYesNo, nil, true
		}
		return askOther, nil, true
	}
	rest := toks[wh+1:]
	switch toks[wh].Word {
	case "when":
		return askWhen, nil, true
	case "why":
		return askWhy, nil, true
	case "where":
		return askWhere, nil, true
	case "who", "whom", "whose":
		// "who will X appoint": the verb must be said (not "who is X"), when
		// the question opens the message (not one quoted after context).
		if wh == 0 && len(rest) > 1 && auxiliaries[rest[0].Word] && !copulas[rest[0].Word] {
			if v, ok := clauseVerbToken(rest[1:]); ok && !asksSpeech(v.Word) {
				return askWho, []string{v.Stem}, false
			}
		}
		// "who is the mayor of Port Alder": the role is what a source must
		// name beside the person.
		if len(rest) > 1 && copulas[rest[0].Word] {
			role := rest[1:]
			for len(role) > 0 && determiners[role[0].Word] {
				role = role[1:]
			}
			if len(role) > 0 && len(role) < len(rest)-1 {
				if _, ok := lang.RoleNoun(role[0].Word); ok {
					return askWho, focusWords(role), true
				}
			}
		}
		return askWho, nil, true
	case "how":
		if len(rest) > 0 && rest[0].Word == "old" {
			return askAge, nil, true // "41", "a 67-year-old", "aged 30"
		}
		if len(rest) > 0 && rest[0].Word == "long" {
			return askHowLong, nil, true // a duration: "for many years", "since 2016"
		}
		if len(rest) > 0 && (rest[0].Word == "many" || rest[0].Word == "much") {
			rest = rest[1:]
			if len(rest) > 1 && measureNouns[rest[0].Word] && auxiliaries[rest[1].Word] {
				rest = rest[1:] // "how much money did X raise": as "how much did X raise"
			}
			// "How much did the lab cost?": the amount is of the verb.
			if len(rest) > 0 && auxiliaries[rest[0].Word] {
				return askHowMany, clauseVerb(rest[1:]), false
			}
			return askHowMany, focusWords(rest), true
		}
		return askOther, nil, true
	case "what", "which":
		// "what is the X of …" (or "what will be the X") asks for X; "what
		// did X do" asks nothing of X.
		copula := len(rest) > 0 && copulas[rest[0].Word]
		if len(rest) > 1 && auxiliaries[rest[0].Word] && rest[1].Word == "be" {
			rest, copula = rest[1:], true
		}
		if copula {
			rest = rest[1:]
			for len(rest) > 0 && determiners[rest[0].Word] {
				rest = rest[1:]
			}
			if len(rest) == 0 || lang.IsStopword(rest[0].Word) {
				return askOther, nil, true
			}
			if asksName(rest) {
				// "what was the name of the man killed …" asks who.
				return askWho, focusWords(rest), true
			}
		}
		if len(rest) > 0 && auxiliaries[rest[0].Word] {
			// "what did the court decide": the verb must be said.
			if v, ok := clauseVerbToken(rest[1:]); ok && wh == 0 && !copulas[rest[0].Word] && !asksSpeech(v.Word) && !lang.Set("opinion-verbs").Has(v.Word) {
				return askOther, []string{v.Stem}, false
			}
			return askOther, nil, true
		}
		// "what was the top wind speed": the head names a measure, so the
		// question wants a number about the words before it; a measure
		// alone ("the salary of X") is still what must be named.
		focus := focusTokens(rest)
		if len(focus) > 0 && measureNouns[focus[len(focus)-1].Word] {
			// "the top wind speed" is about wind; "the weekly salary" only
			// about a salary, which must then be named.
			measured := slices.DeleteFunc(slices.Clone(focus[:len(focus)-1]), func(t token) bool { return measureQualifiers[t.Word] })
			focus = focus[len(focus)-1:]
			if len(measured) > 0 {
				focus = measured
			}
			return askHowMany, stems(focus), true
		}
		return askOther, stems(focus), true
	}
	return askOther, nil, true
}

// modifiersOf returns the question's qualified nouns: each lower-case
// content word after another ("transport plan", "first strike"), mapped to
// the one before it. Names, numbers and auxiliaries qualify nothing.
func modifiersOf(toks []token) map[string]string {
	m := make(map[string]string)
	for i := 1; i < len(toks); i++ {
		a, b := toks[i-1], toks[i]
		if content(a) && content(b) && b.Start-a.End() == 1 {
			m[b.Stem] = a.Stem
		}
	}
	return m
}

// content reports whether t is a lower-case content word: not a name, a
// number, a stopword or an auxiliary.
func content(t token) bool {
	return !t.Upper && !lang.IsNumber(t.Word) && !lang.IsStopword(t.Word) && !auxiliaries[t.Word] && !determiners[t.Word]
}

// asksName reports whether the words after "what is the" ask for a name:
// "name of …", "names of …".
func asksName(rest []token) bool {
	return len(rest) > 1 && (rest[0].Word == "name" || rest[0].Word == "names") && rest[1].Word == "of"
}

// clauseVerb returns, for the words after a question's auxiliary ("the
// city spend enforcing the curfew", "Singh's campaign raise"), the stem of
// its verb: the last word of the first run of content words (a possessive
// "'s" inside it), which a gerund, a preposition or the end closes.
func clauseVerb(toks []token) []string {
	if v, ok := clauseVerbToken(toks); ok {
		return []string{v.Stem}
	}
	return nil
}

// clauseVerbToken is clauseVerb's word.
func clauseVerbToken(toks []token) (token, bool) {
	var last *token
	for i := range toks {
		t := &toks[i]
		if t.Word == "s" && last != nil {
			continue
		}
		if lang.IsStopword(t.Word) || auxiliaries[t.Word] || determiners[t.Word] {
			if last != nil && auxiliaries[t.Word] {
				return token{}, false // "what did X do": the verb is "do"
			}
			if last != nil {
				break
			}
			continue
		}
		if last != nil && strings.HasSuffix(t.Word, "ing") && t.Stem != t.Word {
			break
		}
		last = t
	}
	if last == nil {
		return token{}, false
	}
	return *last, true
}

// focusWords returns the noun phrase that opens toks (up to maxFocus words,
// its head last): a possessor is not part of it ("Ferreira's weekly salary"
// is "weekly salary"), nor a kind-of-answer word ("the kind of sandwich" is
// "sandwich"; "the reason" alone is nothing).
func focusWords(toks []token) []string { return stems(focusTokens(toks)) }

// focusTokens is focusWords before stemming.
func focusTokens(toks []token) []token {
	var run []token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Word == "s" && i > 0 && len(run) > 0 {
			run = run[:0] // a possessive: what follows is owned by the run
			continue
		}
		if lang.IsStopword(t.Word) || auxiliaries[t.Word] {
			if t.Word == "of" && len(run) > 0 && !slices.ContainsFunc(run, func(r token) bool { return !genericFocus[r.Word] }) {
				run = run[:0] // "the kind of X": X is asked for
				for i+1 < len(toks) && determiners[toks[i+1].Word] {
					i++ // "the name of the man"
				}
				continue
			}
			break
		}
		if len(run) > 0 && strings.HasSuffix(t.Word, "ed") && t.Stem != t.Word {
			break // a past verb ends the phrase: "which agency reported …"
		}
		run = append(run, t)
	}
	var out []token
	for _, t := range run {
		if !genericFocus[t.Word] {
			out = append(out, t)
		}
	}
	if len(out) > maxFocus {
		out = out[len(out)-maxFocus:]
	}
	return out
}

// stems returns the stems of toks.
func stems(toks []token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Stem)
	}
	return out
}

// maxFocus is how many words of a noun phrase name what a question asks for.
const maxFocus = 3

// measureNouns name a quantity: see kindAndFocus.
var measureNouns = lang.Set("measure-nouns")

// measureQualifiers say which value of a measure is asked for ("top",
// "weekly"), not what is measured.
var measureQualifiers = lang.Set("measure-qualifiers")

// asksSpeech reports whether a question's word is a verb of saying ("what did
// X admit", "how did Y respond"): direct quotes then answer best. The "-s"
// form of a verb that is mostly a noun ("remarks", "reports") is read as the
// noun.
func asksSpeech(w string) bool {
	v, ok := lang.SpeechVerb(w)
	if !ok {
		return false
	}
	return !v.NounLike || !strings.HasSuffix(w, "s")
}

// speakerOf returns the stems of the content words between an auxiliary and
// a verb of saying ("does Ukraine say", "did the ministry deny"), or nil.
func speakerOf(toks []token) []string {
	for i, t := range toks {
		if _, ok := lang.SpeechVerb(t.Word); !ok || i == 0 {
			continue
		}
		var out []string
		for j := i - 1; j >= 0 && !auxiliaries[toks[j].Word]; j-- {
			if !lang.IsStopword(toks[j].Word) && !determiners[toks[j].Word] {
				out = append(out, toks[j].Stem)
			}
			if i-j > maxSpeakerWords {
				return nil
			}
		}
		return out
	}
	return nil
}

// opinionOf finds "what does X think of/about Y" and "how does X feel
// about Y" in a question: the stems of X and the stem of Y's head (the last
// content word of Y before a date word or the end of its phrase).
func opinionOf(toks []token) (speaker []string, topic string, ok bool) {
	if len(toks) == 0 || (toks[0].Word != "what" && toks[0].Word != "how") {
		return nil, "", false
	}
	for i, t := range toks {
		if !thinking[t.Word] || i == 0 {
			continue
		}
		for j := i - 1; j >= 0 && !auxiliaries[toks[j].Word] && i-j <= maxSpeakerWords; j-- {
			if !lang.IsStopword(toks[j].Word) && !determiners[toks[j].Word] {
				speaker = append(speaker, toks[j].Stem)
			}
		}
		started := false
		for _, o := range toks[i+1:] {
			content := !lang.IsStopword(o.Word) && !determiners[o.Word] && !dateCues[o.Word]
			if o.Word == "s" {
				continue // a possessive: "Schumer's political views"
			}
			if !content && started {
				break
			}
			if content {
				started, topic = true, o.Stem
			}
		}
		return speaker, topic, len(speaker) > 0 && topic != ""
	}
	return nil, "", false
}

// actorOf returns the stems of X in "what did/does/will X do …", or nil.
func actorOf(toks []token) []string {
	if len(toks) < 4 || toks[0].Word != "what" || !auxiliaries[toks[1].Word] {
		return nil
	}
	var out []string
	for _, t := range toks[2:] {
		switch {
		case t.Word == "do" || t.Word == "does" || t.Word == "did":
			return out
		case !lang.IsStopword(t.Word) && !determiners[t.Word]:
			out = append(out, t.Stem)
		}
		if len(out) > maxSpeakerWords {
			return nil
		}
	}
	return nil
}

// acts reports whether one of the actor stems is followed in the sentence
// by its verb: an auxiliary, or a lower-case content word ("Congress
// passed", "the council has voted"), not a preposition ("pressed Congress
// to act" is an act of others).
func acts(actor []string, toks []token) bool {
	for i := 0; i+1 < len(toks); i++ {
		if !slices.ContainsFunc(actor, func(a string) bool { return lang.StemsMatch(a, toks[i].Stem) }) {
			continue
		}
		next := toks[i+1]
		if auxiliaries[next.Word] || (!next.Upper && !lang.IsStopword(next.Word) && !determiners[next.Word]) {
			return true
		}
	}
	return false
}

// thinking are the verbs that make a question ask for someone's view.
var thinking = lang.Set("thought-verbs")

// mainVerb is the stem of the first content word after the subject of a
// yes/no question: "Did Iran admit sending missiles?" → "admit". The subject
// is the capitalised or content words after the opening auxiliary, up to
// the first lower-case content word.
func mainVerb(toks []token) string {
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if t.Upper || lang.IsStopword(t.Word) || determiners[t.Word] || auxiliaries[t.Word] {
			continue
		}
		// "Will the city appeal …": a word after a determiner opens the
		// subject; the verb ends its run of words.
		if determiners[toks[i-1].Word] {
			if v, ok := clauseVerbToken(toks[i:]); ok && v.Stem != t.Stem {
				return v.Stem
			}
		}
		return t.Stem
	}
	return ""
}

// maxSpeakerWords bounds the words of a speaker's name or description in a
// question ("the Ukrainian foreign ministry").
const maxSpeakerWords = 4

// attributesTo reports whether a sentence has a verb of saying (or of
// thinking) with one of the speaker stems among the few words before it
// ("the Ukrainian government claims").
func attributesTo(speaker []string, toks []token) bool {
	return attributed(speaker, toks, func(w string) bool {
		_, ok := lang.SpeechVerb(w)
		return ok
	})
}

// givesViewOf reports whether a sentence has one of the speaker stems among
// the few words before a verb that reports a view, and the topic among the
// few words after it ("Trump called the deal …", "the mayor praised the
// plan"), as a question asking for that speaker's view of the topic needs.
func givesViewOf(speaker []string, topic string, toks []token) bool {
	for i, t := range toks {
		if !lang.Set("opinion-verbs").Has(t.Word) || !speakerBefore(speaker, toks, i) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+maxTopicDistance; j++ {
			if lang.StemsMatch(topic, toks[j].Stem) {
				return true
			}
		}
	}
	return false
}

// maxTopicDistance bounds how far after the verb a view's topic may come:
// "Trump called the deal a disgrace" is about the deal; "Trump says that a
// planned meeting with the North's leader will proceed" is not a view of
// the leader.
const maxTopicDistance = 6

// attributed reports whether a sentence has a verb verb accepts with one of
// the speaker stems among the few words before it.
func attributed(speaker []string, toks []token, verb func(string) bool) bool {
	for i, t := range toks {
		if verb(t.Word) && speakerBefore(speaker, toks, i) {
			return true
		}
	}
	return false
}

// speakerBefore reports whether one of the speaker stems is among the few
// words before toks[i], or before an appositive set off by commas that ends
// right before it ("Henrik Lund, a scientist at the institute who was not
// involved, said").
func speakerBefore(speaker []string, toks []token, i int) bool {
	named := func(from, to int) bool {
		for j := max(0, from); j < to; j++ {
			for _, s := range speaker {
				if lang.StemsMatch(s, toks[j].Stem) {
					return true
				}
			}
		}
		return false
	}
	if named(i-maxSpeakerWords, i) {
		return true
	}
	if i < 2 || !commaBetween(toks[i-1], toks[i]) {
		return false
	}
	for k := i - 1; k > 0 && k >= i-maxAppositiveWords; k-- {
		if commaBetween(toks[k-1], toks[k]) {
			return named(k-maxSpeakerWords, k)
		}
	}
	return false
}

// maxAppositiveWords bounds the words of an appositive between a speaker and
// their verb.
const maxAppositiveWords = 16

// commaBetween reports whether two adjacent words are parted as by ", ":
// two bytes (a comma, semicolon or colon and a space), which neither a space
// alone nor a quotation mark leaves.
func commaBetween(a, b token) bool { return b.Start-a.End() == 2 }

// dateCues are words that date a sentence, for questions that ask when.
var dateCues = lang.Set("date-words")

// durationCues are words that say how long, for questions that ask it.
var durationCues = lang.Set("duration-words")

// quantityCues are words that give an amount, for questions that ask how many.
var quantityCues = lang.Set("quantity-words")

// monthNames are the month names and their abbreviations.
var monthNames = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range lang.Entries("date-months") {
		for _, w := range e {
			m[strings.TrimSuffix(w, ".")] = true
		}
	}
	return m
}()

// amountWord returns whether a token of toks gives an amount, for questions
// that ask how many or how much: a quantity word, or a number that is
// neither a year, nor the day of a date ("3 March", "March 3"), which dates
// rather than counts, nor a length of time (a number before a duration
// word: "six weeks", "a two-day walkout") when the question q does not ask
// for that unit ("how many weeks …" does; "how many ferries … on the first
// day" counts ferries, not days).
func amountWord(q Question, toks []token) func(token) bool {
	asked := map[string]bool{}
	if len(q.focus) > 0 && !q.verbFocus {
		asked[q.focus[len(q.focus)-1]] = true
	} else {
		for _, t := range tokenize(q.text) {
			asked[t.Stem] = true
		}
	}
	skip := map[int]bool{}
	for i, t := range toks {
		if !lang.IsNumber(t.Word) && !quantityCues[t.Word] {
			continue
		}
		if len(t.Word) <= 2 && lang.IsNumber(t.Word) && (i > 0 && monthNames[toks[i-1].Word] || i+1 < len(toks) && monthNames[toks[i+1].Word]) {
			skip[t.Start] = true
		}
		if i+1 < len(toks) && durationCues[toks[i+1].Word] && !asked[toks[i+1].Stem] {
			skip[t.Start] = true
		}
		if isAge(toks, i) && !asked[lang.Stem("age")] && !asked["old"] {
			skip[t.Start] = true // "the men, aged between 24 and 58": no count
		}
	}
	return func(t token) bool {
		return !skip[t.Start] && (quantityCues[t.Word] || lang.IsNumber(t.Word) && !isYear(t.Word))
	}
}

// isAge reports whether the number toks[i] gives someone's age: "aged 30",
// "aged between 24 and 58", "a 67-year-old", "Singh, 41, said".
func isAge(toks []token, i int) bool {
	word := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Word
	}
	aged := func(w string) bool { return w == "aged" || w == "age" }
	switch {
	case aged(word(i - 1)),
		word(i-1) == "between" && aged(word(i-2)),
		word(i-1) == "and" && word(i-3) == "between" && aged(word(i-4)),
		strings.HasPrefix(word(i+1), "year") && word(i+2) == "old":
		return true
	}
	return i > 0 && i+1 < len(toks) && toks[i-1].Upper && commaBetween(toks[i-1], toks[i]) && commaBetween(toks[i], toks[i+1])
}

// hasCue reports whether a sentence carries what the question looks for: a
// date, a named person, a number, a direct quote.
func hasCue(q Question, sentence string, toks []token) bool {
	if q.speech && strings.ContainsAny(sentence, "“\"") {
		return true
	}
	lq := strings.ToLower(q.text)
	var amount func(token) bool
	if q.kind == askHowMany {
		amount = amountWord(q, toks)
	}
	for i, t := range toks {
		switch q.kind {
		case askWhen:
			if dateCues[t.Word] || (lang.IsNumber(t.Word) && len(t.Word) == 4) {
				return true
			}
		case askHowMany:
			if amount(t) {
				return true
			}
		case askHowLong:
			if durationCues[t.Word] {
				return true
			}
		case askWho:
			// A name the question lacks: a capital that is not only the
			// sentence's first letter, nor a day's or month's.
			named := t.Upper && (i > 0 || len(toks) > 1 && toks[1].Upper)
			if named && !dateCues[t.Word] && !strings.Contains(lq, t.Word) {
				return true
			}
		}
	}
	if q.kind == askAge {
		return ageSpan(sentence, toks).ok()
	}
	return q.kind == askWhere && placeSpan(q, sentence, toks).ok()
}
