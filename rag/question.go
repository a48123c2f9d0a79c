package rag

import "strings"

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

// question is a user's question, analysed for answering.
type question struct {
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
}

// qterm is a content word of the question, weighted by its rarity.
type qterm struct {
	stem   string
	weight float64
}

var auxiliaries = setOf(`is are was were do does did has have had can could will would should may might`)

var copulas = setOf(`is are was were`)

var determiners = setOf(`the a an this that these those its their his her`)

// genericFocus are nouns that name a kind of answer rather than a topic
// ("what was the reason for …"); they never decide an abstention.
var genericFocus = setOf(`name names reason reasons purpose role kind type number amount date time day year way
status result outcome point issue story article thing things details detail situation response reaction
people person`)

// analyze parses a question; idf weighs its words by their rarity in the
// corpus and reports whether the corpus uses the word at all.
func analyze(text string, idf func(string) (float64, bool)) question {
	q := question{text: text}
	toks := tokenize(text)
	seen := make(map[string]bool)
	var novel []int
	known, knownWeight := 0, 0.0
	for _, t := range toks {
		if stopwords[t.word] || seen[t.stem] {
			continue
		}
		seen[t.stem] = true
		if speechVerbs[t.stem] {
			q.speech = true
		}
		w, ok := idf(t.stem)
		if ok {
			known++
			knownWeight += w
		} else {
			novel = append(novel, len(q.terms))
		}
		q.terms = append(q.terms, qterm{stem: t.stem, weight: w})
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
	// What the question asks for matters most in the sentence that answers.
	for i, t := range q.terms {
		for _, f := range q.focus {
			if t.stem == f {
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
		switch t.word {
		case "what", "which", "who", "whom", "whose", "when", "where", "why", "how":
			wh = i
		}
		if wh >= 0 {
			break
		}
	}
	if wh < 0 {
		if len(toks) > 0 && auxiliaries[toks[0].word] {
			return askYesNo, nil
		}
		return askOther, nil
	}
	rest := toks[wh+1:]
	switch toks[wh].word {
	case "when":
		return askWhen, nil
	case "why":
		return askWhy, nil
	case "who", "whom", "whose":
		return askWho, nil
	case "how":
		if len(rest) > 0 && (rest[0].word == "many" || rest[0].word == "much") {
			rest = rest[1:]
			// "How much did the lab cost?": the amount is of the verb.
			if len(rest) > 0 && auxiliaries[rest[0].word] {
				return askHowMany, lastContentWord(rest)
			}
			return askHowMany, focusWords(rest)
		}
		return askOther, nil
	case "what", "which":
		// "what is the X of …" asks for X; "what did X do" asks nothing of X.
		if len(rest) > 0 && copulas[rest[0].word] {
			rest = rest[1:]
			for len(rest) > 0 && determiners[rest[0].word] {
				rest = rest[1:]
			}
			if len(rest) == 0 || stopwords[rest[0].word] {
				return askOther, nil
			}
		}
		if len(rest) > 0 && auxiliaries[rest[0].word] {
			return askOther, nil
		}
		return askOther, focusWords(rest)
	}
	return askOther, nil
}

// lastContentWord returns the stem of the last content word of toks.
func lastContentWord(toks []token) []string {
	for i := len(toks) - 1; i >= 0; i-- {
		if !stopwords[toks[i].word] && !auxiliaries[toks[i].word] {
			return []string{toks[i].stem}
		}
	}
	return nil
}

// focusWords takes up to two content words that open toks.
func focusWords(toks []token) []string {
	var out []string
	for _, t := range toks {
		if stopwords[t.word] || auxiliaries[t.word] || len(out) == 2 {
			break
		}
		if !genericFocus[t.word] {
			out = append(out, t.stem)
		}
	}
	return out
}

// speechVerbs are the stems of verbs that ask about what someone said.
var speechVerbs = stemSet(`admit acknowledge say claim deny denied confirm propose warn insist explain accuse
announce argue promise threaten respond react comment concede reject insist tell told`)

func stemSet(words string) map[string]bool {
	m := make(map[string]bool)
	for w := range setOf(words) {
		m[stem(w)] = true
	}
	return m
}

// dateCues are words that date a sentence, for questions that ask when.
var dateCues = setOf(`january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow ago week weeks month months
year years early mid late last next since before after earlier later spring summer autumn fall winter`)

// quantityCues are words that give an amount, for questions that ask how many.
var quantityCues = setOf(`one two three four five six seven eight nine ten eleven twelve dozen dozens hundred
hundreds thousand thousands million millions billion few several many number small large half`)

// hasCue reports whether a sentence carries what the question looks for: a
// date, a named person, a number, a direct quote.
func hasCue(q question, sentence string, toks []token) bool {
	if q.speech && strings.ContainsAny(sentence, "“\"") {
		return true
	}
	lq := strings.ToLower(q.text)
	for _, t := range toks {
		switch q.kind {
		case askWhen:
			if dateCues[t.word] || (isNumber(t.word) && len(t.word) == 4) {
				return true
			}
		case askHowMany:
			if quantityCues[t.word] || isNumber(t.word) {
				return true
			}
		case askWho:
			if t.upper && !strings.Contains(lq, t.word) {
				return true
			}
		}
	}
	return false
}
