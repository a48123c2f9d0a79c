package timeline

import (
	"regexp"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// Directions of a date phrase relative to publication, read from tense.
const (
	past    = -1
	unknown = 0
	future  = 1
)

var (
	// futureMarker finds words that put what a clause tells after its time
	// of writing (the list date-future-markers: modals and "going to", plans
	// and schedules such as "is scheduled to", "payable", "expires", and
	// present-tense verbs of schedules, "the talks resume Monday") and "to
	// be" with a participle ("to be completed around Nov. 1"), and the
	// modals "may" and "might", matched in lower case only so that the
	// month May is none (a list is matched in any case). The present
	// progressive is no such marker: "voters are praising Thursday's
	// speech" looks back as often as "is meeting them Friday" looks ahead.
	futureMarker = regexp.MustCompile(`(?i)\b(?:would\s+(?:not\s+)?have|(?-i:may|might)(?:\s+(?:not\s+)?have)?|` + anyApostrophe(alt(list("date-future-markers"))) + `|to be \w+ed)\b|\w['’]ll\b`)

	// infinitive is a "to", "not" or an auxiliary (internal/lang's list)
	// before a bare verb, which makes the verb no present tense of its own
	// ("failed to meet demand", "may not meet the deadline").
	infinitive = regexp.MustCompile(`(?i)\b(?:to|not|` + alt(list("auxiliaries")) + `)\s+$`)
	bareVerb   = regexp.MustCompile(`(?i)^(?:begin|meet|resume|expire)$`)
	pastMarker = regexp.MustCompile(`(?i)\b(?:would have|` + alt(list("date-past-verbs")) + `|\w{2,}ed)\b`)

	// presentPassive ends in a present form of "be" before a participle.
	presentPassive = regexp.MustCompile(`(?i)\b(?:is|are|am)\s+(?:(?:not|also|now|still|being)\s+)?$`)

	// toWord is "to" and the lower-case word after it.
	toWord = regexp.MustCompile(`\bto\s+([a-z]+)\b`)

	// presentMarker finds the present forms of "be" and "have".
	presentMarker = regexp.MustCompile(`(?i)\b(?:is|are|am|has|have)\b`)

	// pastPerfect looks back from a past time: "had been scheduled to
	// expire Friday" is a plan that lay in the past.
	pastPerfect = regexp.MustCompile(`(?i)\bhad\s+(?:(?:not|already|previously|originally|also)\s+)*(?:been\s+)?\w+`)

	// clauseBreak separates the clauses whose verbs govern a date phrase;
	// a sentence end inside a quotation (`Friday. ``This …`) is one too.
	clauseBreak = regexp.MustCompile(`,\s|[;:()“”"–—]|` + "``|''" + `|(?:[a-z]{3}|\d)[.!?]\s+[A-Z“"'` + "`" + `]|\s(?:that|which|who|when|but|while|because|although|whereas|if|unless)\s`)

	// subjectPronoun opens a reported clause without "that" ("made clear
	// Monday they have no plans to …"), which the pronoun starts.
	subjectPronoun = regexp.MustCompile(`\s(?:he|she|it|they|we)\s`)

	// adjacentPast is a past-tense verb right before a date phrase, or
	// before the preposition that opens it: "said Friday", "announced on
	// Tuesday", "died in February", "the year ended March 31"; it governs the
	// phrase whatever the rest of the clause says ("said Friday it would
	// investigate", "asked in May if he would run").
	adjacentPast = regexp.MustCompile(`(?i)\b(?:` + alt(list("date-reporting-past")) + `|(?P<ed>[a-z]{2,}ed))(?:\s+` + alt(list("date-prepositions")) + `)?\s*$`)

	// placeTime is a preposition of the time or place where something was
	// done ("moved on Sunday"), which a participle of scheduling does not
	// take ("scheduled for", "postponed until").
	placeTime = regexp.MustCompile(`(?i)^\s+(?:on|at|during)\s+$`)

	// passiveBefore ends in a form of "be" that makes the participle after
	// it a passive, whose tense is the auxiliary's: "to be published in
	// early November" lies ahead, "was published in May" behind.
	passiveBefore = regexp.MustCompile(`(?i)\b(?:be|been|being|is|are|am)\s+(?:(?:not|also|now|still|already|first|officially|formally)\s+)?$`)

	// planned are the participles in "-ed" that put the date after them in
	// the future: "scheduled Monday", "postponed to May".
	planned = lang.Set("date-planned")
)

// tense tells whether the phrase at s[start:end] refers to the future or the
// past of the sentence's time of writing. A past-tense verb right before the
// phrase or its preposition governs it ("said Friday it would …", "died in
// February"), unless it is a participle of scheduling ("scheduled Tuesday")
// or a passive ("to be published in May"). Otherwise the verbs of the
// phrase's own clause decide ("said on Monday that it expects …": "on
// Monday" is past): a future marker wins over past ones ("said the team
// would begin … in September" is future) unless the clause is in the past
// perfect ("had been due to expire Friday"), which leaves it open, as a
// clause in the present tense does, and as a present reported after the
// past verb does ("said it is calling for a vote on Dec. 7"). A condition
// in the present ("if they lose in the fall") looks ahead. A clause without
// verbs ("In early October, Russia launched …") takes the marker of the
// sentence nearest to the phrase on its side of any quotation mark, a
// present one leaving the direction open.
func tense(s string, start, end int) int {
	cs, ce := clauseAround(s, start, end)
	if loc := adjacentPast.FindStringSubmatchIndex(s[cs:start]); loc != nil && !passiveBefore.MatchString(s[cs:cs+loc[0]]) {
		// "the vote, scheduled Tuesday", "a rally slated for Wednesday"; but
		// "talks moved on Sunday to Beijing" is no schedule.
		if loc[2] >= 0 && planned[strings.ToLower(s[cs+loc[2]:cs+loc[3]])] && !placeTime.MatchString(s[cs+loc[3]:start]) {
			if asBefore.MatchString(s[cs : cs+loc[2]]) {
				// "began as planned Saturday", "will open as scheduled
				// Monday": a comparison with the plan, whose date the
				// main clause's tense places.
				return mainTense(s[cs:ce])
			}
			return future
		}
		if timeClause(s, cs+loc[0]) {
			// "would buy as soon as trading opened Monday": the past of a
			// time clause under a future in the past looks ahead.
			return future
		}
		return past
	}
	if pastAfter(s[end:]) {
		// "President Bush on Tuesday said the country will …": the verb
		// right after the phrase is the one it dates.
		return past
	}
	outside := func(loc []int) bool { return loc[1] <= start || loc[0] >= end }
	hasAny := func(re *regexp.Regexp, from, to int) bool {
		for _, loc := range re.FindAllStringIndex(s[from:to], -1) {
			loc[0], loc[1] = loc[0]+from, loc[1]+from
			if re == futureMarker && (bareVerb.MatchString(s[loc[0]:loc[1]]) && infinitive.MatchString(s[from:loc[0]]) || toNoun(s, loc)) {
				continue
			}
			if re == pastMarker && presentPassive.MatchString(s[from:loc[0]]) && strings.HasSuffix(strings.ToLower(s[loc[0]:loc[1]]), "ed") {
				continue // "is based on": a present passive
			}
			if re == pastMarker && adjectiveEd(s, loc) {
				continue
			}
			if outside(loc) {
				return true
			}
		}
		return false
	}
	if hasAny(futureMarker, cs, ce) && !counterfactual(s[cs:ce]) {
		if hasAny(pastPerfect, cs, ce) {
			// A plan overtaken by events ("had been set to expire Nov. 6")
			// may lie on either side of publication.
			return unknown
		}
		return future
	}
	pastIn := hasAny(pastMarker, cs, ce)
	if !pastIn && conditional.MatchString(s[:cs]) {
		// "if they lose in the fall": a condition in the present looks
		// ahead.
		return future
	}
	if pastIn {
		if presentAfterPast(s[cs:start]) {
			// "said it is calling for a redemption on Dec. 7": the
			// reported clause's own present, not the reporting verb.
			return unknown
		}
		if infinitiveIn(s[cs:start]) {
			// The date belongs to an infinitive ("challenged him to debate
			// in Brooklyn on April 14"), which looks ahead of the past verb.
			return unknown
		}
		return past
	}
	if hasAny(presentMarker, cs, ce) {
		// A present-tense clause ("is on track to clinch it on June 7")
		// says nothing of direction: the nearest occurrence it is.
		return unknown
	}
	// The nearest present form of "be" or "have" counts too, for no
	// direction: in "is on track to clinch it after contests in five
	// states on June 7" the list's last clause is the present one's.
	best, dir := len(s)+1, unknown
	for _, m := range []struct {
		re  *regexp.Regexp
		dir int
	}{{futureMarker, future}, {pastMarker, past}, {presentMarker, unknown}} {
		for _, loc := range m.re.FindAllStringIndex(s, -1) {
			if !outside(loc) || (m.dir == future && counterfactual(s[loc[0]:loc[1]])) {
				continue
			}
			if m.dir == past && (adjectiveEd(s, loc) || presentPassive.MatchString(s[:loc[0]]) && strings.HasSuffix(strings.ToLower(s[loc[0]:loc[1]]), "ed")) {
				continue // "271 pledged delegates", "are concerned"
			}
			if m.dir == future && (bareVerb.MatchString(s[loc[0]:loc[1]]) && infinitive.MatchString(s[:loc[0]]) || toNoun(s, loc)) {
				continue // "offering in August to meet them", "agreed to a call"
			}
			var d int
			var between string
			if loc[0] >= end {
				d, between = loc[0]-end, s[end:loc[0]]
			} else {
				d, between = start-loc[1], s[loc[1]:start]
			}
			if quoteMark.MatchString(between) {
				continue // a quotation's verbs do not reach outside it, nor the reverse
			}
			if d < best {
				best, dir = d, m.dir
			}
		}
	}
	return dir
}

// followingPast starts with a verb in the past right after a date phrase,
// perhaps after an adverb: "on Tuesday said", "Monday formally
// announced". Group 1 is the verb, in lower case only (a capital after a
// weekday starts a name).
var followingPast = regexp.MustCompile(`^\s+(?:(?:also|again|formally|officially|publicly|quietly|abruptly|finally|then)\s+)?(` + alt(list("date-reporting-past")) + `|` + alt(list("date-past-verbs")) + `|[a-z]{2,}ed)\b`)

// notPastVerbs are the words of date-past-verbs that are no verbs of their
// own ("ago", "last", "earlier") or only help one ("been").
var notPastVerbs = map[string]bool{"ago": true, "last": true, "earlier": true, "been": true}

// pastAfter reports whether the text after a date phrase starts with the
// past verb it dates.
func pastAfter(after string) bool {
	m := followingPast.FindStringSubmatch(after)
	return m != nil && !notPastVerbs[m[1]]
}

// asBefore ends in the "as" of a comparison with a plan: "as planned", "as
// previously scheduled".
var asBefore = regexp.MustCompile(`(?i)\bas\s+(?:(?:previously|originally|initially|first|earlier)\s+)?$`)

// modal finds the markers of the future that a comparison with a plan
// cannot supply itself: "will", "would", "'ll", "going to".
var modal = regexp.MustCompile(`(?i)\b(?:will|would|shall|won['’]t|wouldn['’]t|going\s+to)\b|\w['’]ll\b`)

// mainTense is the direction of a clause read from its modals and the
// present forms of "be" and "have" alone: a future with a modal, no
// direction in the present, otherwise the past of narration ("Mr. Bush let
// the offensive begin as planned Saturday").
func mainTense(clause string) int {
	switch {
	case modal.MatchString(clause) && !counterfactual(clause):
		return future
	case presentMarker.MatchString(clause):
		return unknown
	}
	return past
}

// timeOpener ends in a conjunction of time and the few words of a subject
// after it, before the verb: "as soon as trading", "once the board", "when
// it".
var timeOpener = regexp.MustCompile(`(?i)\b(?:as\s+soon\s+as|once|when|until|till|after|before)\s+(?:[\w'’-]+\s+){1,3}$`)

// timeClause reports whether the past verb at s[verb:] opens a clause of
// time after a future in the past ("said it would buy as soon as trading
// opened Monday", "were likely to sell once the market opened Friday"):
// English puts such a clause in the past though it looks ahead of the
// speaking. The future must come before the conjunction and after any
// quotation mark.
func timeClause(s string, verb int) bool {
	loc := timeOpener.FindStringIndex(s[:verb])
	if loc == nil {
		return false
	}
	before := s[:loc[0]]
	if q := quoteMark.FindAllStringIndex(before, -1); len(q) > 0 {
		before = before[q[len(q)-1][1]:]
	}
	for _, m := range futureMarker.FindAllStringIndex(before, -1) {
		w := strings.ToLower(before[m[0]:m[1]])
		if !bareVerb.MatchString(w) && !counterfactual(w) && !toNoun(before, m) {
			return true
		}
	}
	return false
}

// wordBefore is the last word of a text and the spaces after it.
var wordBefore = regexp.MustCompile(`([A-Za-z0-9][A-Za-z0-9,.]*)\s+$`)

// adjectiveEd reports whether the "-ed" form at s[loc[0]:loc[1]] follows a
// determiner, a number or a preposition other than "to", which makes it an
// adjective, no past verb: "the planned rally", "271 pledged delegates".
func adjectiveEd(s string, loc []int) bool {
	if !strings.HasSuffix(strings.ToLower(s[loc[0]:loc[1]]), "ed") {
		return false
	}
	m := wordBefore.FindStringSubmatch(s[:loc[0]])
	if m == nil {
		return false
	}
	w := strings.ToLower(m[1])
	return determiners[w] || isDigit(w[0]) || w != "to" && prepositions[w]
}

// prepositions are the one-word prepositions of date-prepositions, after
// which an "-ed" form is an adjective: "the combination of pledged
// delegates".
var prepositions = lang.Set("date-prepositions")

// determinerAfter starts a noun phrase: the determiner after "to".
var determinerAfter = regexp.MustCompile(`^\s+([A-Za-z]+)\b`)

// toNoun reports whether the future marker at s[loc[0]:loc[1]] ends in a
// "to" that opens a noun phrase, not an infinitive: "agreed to a phone
// call on Wednesday", "due to the storm" look nowhere ahead.
func toNoun(s string, loc []int) bool {
	if !strings.HasSuffix(strings.ToLower(s[loc[0]:loc[1]]), " to") {
		return false
	}
	m := determinerAfter.FindStringSubmatch(s[loc[1]:])
	return m != nil && determiners[strings.ToLower(m[1])]
}

// determiners are internal/lang's determiners.
var determiners = lang.Set("determiners")

// quoteMark is a quotation mark, which bounds the clauses a date phrase may
// borrow its tense from.
var quoteMark = regexp.MustCompile(`[“”"]|` + "``|''")

// conditional opens a clause of condition: "if", "unless".
var conditional = regexp.MustCompile(`(?i)\b(?:if|unless)\s+$`)

// presentIs finds the present forms of "be" (not "has", whose perfect
// looks back: "said it has sold the unit in March").
var presentIs = regexp.MustCompile(`(?i)\b(?:is|are|am)\b`)

// presentAfterPast reports whether the text before a date phrase puts a
// present form of "be" after its last past verb, if any: the date belongs
// to a clause in the present ("said it is calling for a vote on Dec. 7"),
// whatever past forms follow ("of its preferred stock").
func presentAfterPast(before string) bool {
	last := 0
	if locs := pastMarker.FindAllStringIndex(before, -1); len(locs) > 0 {
		last = locs[len(locs)-1][1]
	}
	return presentIs.MatchString(before[last:])
}

// anyApostrophe lets the apostrophes of a pattern match the typographic one
// too: "won’t" as "won't".
func anyApostrophe(pattern string) string {
	return strings.ReplaceAll(pattern, "'", "['’]")
}

// counterfactual reports whether a clause's only future markers are "would
// have" or "may have", which look back: "a shutdown that would have begun
// on Friday", "the letter may have arrived Monday".
func counterfactual(clause string) bool {
	for _, m := range futureMarker.FindAllString(clause, -1) {
		if !haveAfterWould.MatchString(m) {
			return false
		}
	}
	return true
}

var haveAfterWould = regexp.MustCompile(`(?i)^(?:would|may|might)\s+(?:not\s+)?have$`)

// andPast joins a second predicate in the past to the first ("launched ads
// on Tuesday and announced it would …"): the second's verbs do not govern
// the first's date. Group 1 is the verb.
var andPast = regexp.MustCompile(`(?i)\s(?:and|but)\s+(` + alt(list("date-past-verbs")) + `|[a-z]{2,}ed)\b`)

// clauseAround returns the bounds of the clause holding s[start:end].
func clauseAround(s string, start, end int) (int, int) {
	cs, ce := 0, len(s)
	breaks := clauseBreak.FindAllStringIndex(s, -1)
	for _, loc := range andPast.FindAllStringSubmatchIndex(s, -1) {
		breaks = append(breaks, []int{loc[0], loc[2]})
	}
	for _, loc := range subjectPronoun.FindAllStringIndex(s, -1) {
		breaks = append(breaks, []int{loc[0], loc[0] + 1})
	}
	for _, loc := range breaks {
		// A sentence end matched with the letters before it and the capital
		// after it: the break is the punctuation alone.
		for loc[0] < loc[1] && isAlnum(s[loc[0]]) {
			loc[0]++
		}
		if isAlnum(s[loc[1]-1]) {
			loc[1]--
		}
		if loc[1] <= start && loc[1] > cs {
			cs = loc[1]
		}
		if loc[0] >= end && loc[0] < ce {
			ce = loc[0]
		}
	}
	return cs, ce
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// infinitiveIn reports whether s holds an infinitive: "to" and a word that
// is no stopword ("to debate", not "to the border", "to him" or "to
// Paris").
func infinitiveIn(s string) bool {
	for _, m := range toWord.FindAllStringSubmatch(s, -1) {
		if !lang.IsStopword(m[1]) {
			return true
		}
	}
	return false
}
