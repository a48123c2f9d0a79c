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
	// focus are the stems of the thing asked for ("the top speed of …",
	// "which news agency …"). When the sources name none of them, they do not
	// answer the question, however much else matches.
	focus []string
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
	idf := vocab.Weight
	seen := make(map[string]bool)
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
	q.kind, q.focus = kindAndFocus(toks)
	q.speaker = speakerOf(toks)
	if sp, topic, ok := opinionOf(toks); ok {
		q.opinion, q.speaker, q.topic = true, sp, topic
	}
	if q.kind == askYesNo {
		q.verb = mainVerb(toks)
	}
	q.summary, q.latest = summaryKind(toks)
	q.actor = actorOf(toks)
	// What the question asks for matters most in the sentence that answers.
	for i, t := range q.terms {
		for _, f := range q.focus {
			if t.Stem == f {
				q.terms[i].weight *= focusWeight
			}
		}
	}
	return q
}

// focusWeight multiplies the weight of the question's focus words.
const focusWeight = 2

func kindAndFocus(toks []token) (questionKind, []string) {
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
			return askYesNo, nil
		}
		return askOther, nil
	}
	rest := toks[wh+1:]
	switch toks[wh].Word {
	case "when":
		return askWhen, nil
	case "why":
		return askWhy, nil
	case "where":
		return askWhere, nil
	case "who", "whom", "whose":
		return askWho, nil
	case "how":
		if len(rest) > 0 && rest[0].Word == "long" {
			return askHowLong, nil // a duration: "for many years", "since 2016"
		}
		if len(rest) > 0 && (rest[0].Word == "many" || rest[0].Word == "much") {
			rest = rest[1:]
			// "How much did the lab cost?": the amount is of the verb.
			if len(rest) > 0 && auxiliaries[rest[0].Word] {
				return askHowMany, lastContentWord(rest)
			}
			return askHowMany, focusWords(rest)
		}
		return askOther, nil
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
				return askOther, nil
			}
		}
		if len(rest) > 0 && auxiliaries[rest[0].Word] {
			return askOther, nil
		}
		return askOther, focusWords(rest)
	}
	return askOther, nil
}

// lastContentWord returns the stem of the last content word of toks.
func lastContentWord(toks []token) []string {
	for i := len(toks) - 1; i >= 0; i-- {
		if !lang.IsStopword(toks[i].Word) && !auxiliaries[toks[i].Word] {
			return []string{toks[i].Stem}
		}
	}
	return nil
}

// focusWords takes up to two content words that open toks.
func focusWords(toks []token) []string {
	var out []string
	for _, t := range toks {
		if lang.IsStopword(t.Word) || auxiliaries[t.Word] || len(out) == 2 {
			break
		}
		if !genericFocus[t.Word] {
			out = append(out, t.Stem)
		}
	}
	return out
}

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
		if !lang.Set("opinion-verbs").Has(t.Word) || !attributed(speaker, toks[max(0, i-maxSpeakerWords):i+1], lang.Set("opinion-verbs").Has) {
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
		if !verb(t.Word) {
			continue
		}
		for j := max(0, i-maxSpeakerWords); j < i; j++ {
			for _, s := range speaker {
				if lang.StemsMatch(s, toks[j].Stem) {
					return true
				}
			}
		}
	}
	return false
}

// dateCues are words that date a sentence, for questions that ask when.
var dateCues = lang.Set("date-words")

// durationCues are words that say how long, for questions that ask it.
var durationCues = lang.Set("duration-words")

// quantityCues are words that give an amount, for questions that ask how many.
var quantityCues = lang.Set("quantity-words")

// hasCue reports whether a sentence carries what the question looks for: a
// date, a named person, a number, a direct quote.
func hasCue(q Question, sentence string, toks []token) bool {
	if q.speech && strings.ContainsAny(sentence, "“\"") {
		return true
	}
	lq := strings.ToLower(q.text)
	for _, t := range toks {
		switch q.kind {
		case askWhen:
			if dateCues[t.Word] || (lang.IsNumber(t.Word) && len(t.Word) == 4) {
				return true
			}
		case askHowMany:
			if quantityCues[t.Word] || lang.IsNumber(t.Word) && !isYear(t.Word) {
				return true
			}
		case askHowLong:
			if durationCues[t.Word] {
				return true
			}
		case askWho:
			if t.Upper && !strings.Contains(lq, t.Word) {
				return true
			}
		}
	}
	return q.kind == askWhere && placeSpan(q, sentence, toks).ok()
}
