package answer

import (
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

// Analyze parses a question; idf weighs its words (stems) by their rarity in
// the corpus and reports whether the corpus uses the word at all.
func Analyze(text string, idf func(stem string) (float64, bool)) Question {
	q := Question{text: text}
	toks := tokenize(text)
	seen := make(map[string]bool)
	var novel []int
	known, knownWeight := 0, 0.0
	for _, t := range toks {
		if lang.IsStopword(t.Word) || seen[t.Stem] {
			continue
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
	case "who", "whom", "whose":
		return askWho, nil
	case "how":
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
		// "what is the X of …" asks for X; "what did X do" asks nothing of X.
		if len(rest) > 0 && copulas[rest[0].Word] {
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

// maxSpeakerWords bounds the words of a speaker's name or description in a
// question ("the Ukrainian foreign ministry").
const maxSpeakerWords = 4

// attributesTo reports whether a sentence has a verb of saying with one of
// the speaker stems among the few words before it ("the Ukrainian government
// claims").
func attributesTo(speaker []string, toks []token) bool {
	for i, t := range toks {
		if _, ok := lang.SpeechVerb(t.Word); !ok {
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
			if quantityCues[t.Word] || lang.IsNumber(t.Word) {
				return true
			}
		case askWho:
			if t.Upper && !strings.Contains(lq, t.Word) {
				return true
			}
		}
	}
	return false
}
