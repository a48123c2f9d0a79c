package answer

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsbot/storybot/internal/lang"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/index"
)

// Tuning of the extractive answerer.
const (
	// minCoverage is the share of the question's weighted words that the
	// chosen sentences must contain for the answer to count as found.
	minCoverage = 0.5
	// maxSentences and maxAnswerBytes keep an answer short.
	maxSentences   = 3
	maxAnswerBytes = 700
	// companionRatio is how close a further sentence's score must come to
	// the best one's to join the answer.
	companionRatio = 0.5
	// cueBonus is added to a sentence that carries what the question kind
	// looks for (a date for "when", a number for "how many"): a tie-breaker
	// among sentences that match the question's words alike, never enough
	// to lift one that matches a third fewer of them.
	cueBonus = 0.15
	// speakerBonus is added to a sentence that attributes speech to the
	// speaker the question names ("what does Ukraine say …" and "the
	// Ukrainian government claims …"): what someone else said in the same
	// words answers a different question, so this outweighs a third of the
	// question's words.
	speakerBonus = 0.5
	// hitWeight is the share of its chunk's retrieval score a sentence
	// inherits: sentences of the best-retrieved passage win ties.
	hitWeight = 0.25
	// synonymCredit is the credit for a question word matched in a sentence
	// through a synonym. It is higher than retrieval's synonym weight
	// (index's synonymWeight, 0.5): retrieval must rank a chunk using the
	// question's own words first, while a sentence already retrieved that
	// says "acknowledged" for "admit" answers nearly as well as one that
	// repeats the word.
	synonymCredit = 0.7
)

// candidate is a sentence of a retrieved chunk, scored against a question.
type candidate struct {
	doc       *corpus.Document
	sentence  int
	toks      []token
	hit       float64 // score of the chunk it was retrieved in
	cue       bool    // carries what the question kind looks for
	spoken    bool    // attributes speech to the question's speaker
	inherited bool    // shares its antecedent's match
	coverage  float64 // share of the question's weighted words it holds
	score     float64
	matched   map[string]float64 // question stem → credit
}

// Abstention is the answer text when the sources do not answer a question.
const Abstention = "The sources don't say. Nothing in the indexed articles answers this question, so I won't guess."

// Aids are what the story analyses know that the extractive answerer uses;
// either may be nil.
type Aids struct {
	// Speaker returns who said the sentence at [start, end) of doc, by
	// name, when the sentence names them only by a pronoun or a role.
	Speaker func(doc string, start, end int) (name string, ok bool)
	// Date returns the date phrase of the sentence at [start, end) of doc
	// (verbatim) and, when it is relative, its resolved date in words.
	Date func(doc string, start, end int) (phrase, resolved string, ok bool)
}

// Extract answers q extractively from the passages (best first): see extract.
func Extract(q Question, passages []index.Passage, aids Aids) Answer {
	if q.summary {
		return markUnused(summarize(q, passages))
	}
	cands := candidates(q, passages)
	if t, ok := bestTitle(q, cands, titles(q, passages)); ok {
		return markUnused(titleAnswer(q, t))
	}
	return markUnused(extract(q, cands, aids))
}

// markUnused ends an answer's text with the numbers of the sources it cites
// but its lead does not mark ("See also [1], [3]."), so that
// every source listed under the answer is one the answer points to, and a
// reader sees which ones back the lead and which give context.
func markUnused(a Answer) Answer {
	if a.Abstained || len(a.Citations) == 0 {
		return a
	}
	var unused []string
	for _, c := range a.Citations {
		m := "[" + strconv.Itoa(c.N) + "]"
		if !strings.Contains(a.Text, m) {
			unused = append(unused, m)
		}
	}
	if len(unused) > 0 {
		a.Text += "\n" + alsoCited + strings.Join(unused, ", ") + "."
	}
	return a
}

// alsoCited opens the line of an answer listing the sources its lead does
// not quote.
const alsoCited = "See also "

// extract composes an answer from the sentences of the retrieved chunks: it
// picks the sentences that best cover the question's words (weighted by
// rarity, synonyms at a discount, with a bonus for what the question kind
// looks for), leads with the best one and cites each. It abstains when the
// chosen sentences cover too little of the question or none of what the
// question asks for.
func extract(q Question, cands []candidate, aids Aids) Answer {
	ans := Answer{Question: q.text, Mode: ModeExtractive, Citations: []Citation{}}
	if !answers(q, cands) {
		ans.Abstained = true
		ans.Text = Abstention
		return ans
	}
	chosen := choose(q, cands)
	ordered := readingOrder(chosen)
	for i, c := range ordered {
		s := c.doc.Sentences[c.sentence]
		ans.Citations = append(ans.Citations, Citation{
			N: i + 1, Doc: c.doc.ID, Title: c.doc.Title, Published: c.doc.PublishedDate(), URL: c.doc.URL,
			Quote: c.doc.Text[s.Start:s.End], Start: s.Start, End: s.End,
		})
	}
	num := func(c candidate) string { return strconv.Itoa(position(ordered, c) + 1) }
	if other, ok := disagreeing(q, chosen); ok {
		ans.Text = differ(q, chosen[0], other, num, aids)
		return ans
	}
	// "It was too early to estimate the cost": when the sentence that best
	// matches the question says it is not known, say so, and what it says.
	if best := cands[0]; saysUnknown(best) && position(ordered, best) >= 0 {
		c := ans.Citations[position(ordered, best)]
		c.N = 1
		ans.Abstained, ans.Citations = true, []Citation{c}
		ans.Text = unknownLead + best.doc.Sentence(best.sentence) + " [1]"
		return ans
	}
	ans.Text = lead(q, chosen[0], num(chosen[0]), aids)
	if q.kind == askWho && !strings.Contains(ans.Text, "**") {
		ans.Text = namedBefore(q, chosen, num) + ans.Text
	}
	// A yes or no rests on what the sources say on both sides: the second
	// best sentence leads too.
	if q.kind == askYesNo && len(chosen) > 1 {
		second := q
		second.kind = askOther
		ans.Text += " " + lead(second, chosen[1], num(chosen[1]), aids)
	}
	return ans
}

// unknownLead opens an answer whose best source says the thing asked is not
// known.
const unknownLead = "The sources don't say. What they say: "

// saysUnknown reports whether a sentence says that something is not known
// or was not disclosed (an unknown-cues phrase, on word boundaries).
func saysUnknown(c candidate) bool {
	words := make([]string, len(c.toks))
	for i, t := range c.toks {
		words[i] = t.Word
	}
	s := " " + strings.Join(words, " ") + " "
	for _, p := range lang.Phrases("unknown-cues") {
		if strings.Contains(s, " "+p+" ") {
			return true
		}
	}
	return false
}

// choose picks the sentences an answer cites, the lead first: the best
// candidates (up to maxSentences, within companionRatio of the best's score
// and coverage, each once, within maxAnswerBytes), the sentence naming the
// lead's subject when it is a pronoun, and for where, when and how many a
// lead that has the place, date or number.
func choose(q Question, cands []candidate) []candidate {
	best := cands[0].score
	var chosen []candidate
	size := 0
	for _, c := range cands {
		if len(chosen) == maxSentences || c.score < companionRatio*best || len(c.matched) == 0 {
			break
		}
		need := companionRatio
		if typed(q) && c.cue && !chosen0Cue(chosen) {
			// The only sentence with what the question asks for (a place, a
			// number) joins on fewer of the question's words.
			need = cueCompanionRatio
		}
		if len(chosen) > 0 && c.coverage < need*chosen[0].coverage {
			continue // carried by its chunk or its cue, not by the question's words
		}
		n := c.doc.Sentences[c.sentence].Len()
		if size > 0 && size+n > maxAnswerBytes {
			continue
		}
		if slices.ContainsFunc(chosen, func(o candidate) bool { return nearDuplicate(o.toks, c.toks) }) {
			continue // the same sentence in another copy of the story: cited once
		}
		size += n
		chosen = append(chosen, c)
	}
	if ante, ok := antecedent(q, chosen[0]); ok && position(chosen, ante) < 0 {
		// The lead's subject is a pronoun or "the minister": the sentence
		// before names them, and is cited with it.
		chosen = append(chosen, ante)
	}
	if typed(q) && !chosen[0].cue {
		for i, c := range chosen {
			if c.cue {
				chosen[0], chosen[i] = chosen[i], chosen[0]
				break
			}
		}
	}
	return chosen
}

// namedBefore is the prefix naming who a who-answer's lead speaks of when
// the lead says only "they" or "the president": the name in the sentence
// before, cited ("**Joe Hagin** [2]: "), or "" when there is none.
func namedBefore(q Question, chosen []candidate, num func(candidate) string) string {
	ante, ok := antecedent(q, chosen[0])
	if !ok || position(chosen, ante) < 0 {
		return ""
	}
	sentence := ante.doc.Sentence(ante.sentence)
	s := personSpan(q, sentence, ante.toks)
	if !s.ok() {
		return ""
	}
	return "**" + sentence[ante.toks[s.from].Start:ante.toks[s.to-1].End()] + "** [" + num(ante) + "]: "
}

// personSpan is the first name of the sentence, not in the question, that a
// role or a title introduces ("deputy chief of staff Joe Hagin", "Mr
// Osei"): a person's, not a place's or a body's.
func personSpan(q Question, sentence string, toks []token) span {
	for from := 0; from < len(toks); {
		s := nameSpan(q, sentence, toks[from:])
		if !s.ok() {
			return span{}
		}
		s = span{s.from + from, s.to + from}
		for s.to-s.from > 1 && lang.Set("whosaid-title-words").Has(toks[s.from].Word) {
			s.from++ // "Staff Joe Hagin" is Joe Hagin, the chief of staff
		}
		for j := max(0, s.from-maxRoleGap); j < s.from; j++ {
			if titleWord(toks[j].Word) {
				return s
			}
		}
		from = s.to
	}
	return span{}
}

// maxRoleGap is how many words before a name its role may stand ("chief of
// staff Joe Hagin").
const maxRoleGap = 3

// position returns the index of c's sentence in list, or -1.
func position(list []candidate, c candidate) int {
	return slices.IndexFunc(list, func(o candidate) bool { return o.doc == c.doc && o.sentence == c.sentence })
}

// antecedent returns the sentence before c's when c's subject stands for
// someone named there: c opens as a continuation ("He said …", "The
// minister added …"), or a pronoun or "the <role>" comes right before the
// first of the question's words in it ("… they traveled to Singapore"); or,
// for a question asking why, when c gives no reason of its own (the
// sentence before in its paragraph, else one of the few before that tells
// of a thing c names as known: "the call").
func antecedent(q Question, c candidate) (candidate, bool) {
	if c.sentence == 0 {
		return candidate{}, false
	}
	// A reason is often told just before what it explains ("Trump ended the
	// program. Its beneficiaries could still be deported …").
	why := q.kind == askWhy && !reasonSpan(c.toks).ok() && sameParagraph(c.doc, c.sentence-1, c.sentence)
	if q.kind == askWhy && !why && !reasonSpan(c.toks).ok() {
		// "… was angry about the call": the call was told of before.
		if prev, ok := definiteMention(q, c); ok {
			return prev, true
		}
	}
	if !why && !continues(c.doc.Sentence(c.sentence)) && !pronounSubject(q, c.toks) {
		return candidate{}, false
	}
	prev := candidate{doc: c.doc, sentence: c.sentence - 1}
	prev.toks = tokenize(c.doc.Sentence(prev.sentence))
	return prev, true
}

// definiteMention returns one of the few sentences before c that names
// what c speaks of as known ("the call" after "Ilic was called for a
// foul"): the noun after "the" in c, not a word of the question, said in
// it.
func definiteMention(q Question, c candidate) (candidate, bool) {
	for i := 1; i < len(c.toks); i++ {
		t := c.toks[i]
		if c.toks[i-1].Word != "the" || !content(t) || sharesWord(q, t) || (i+1 < len(c.toks) && content(c.toks[i+1])) {
			continue
		}
		for back := 1; back <= maxMentionGap && c.sentence-back >= 0; back++ {
			prev := candidate{doc: c.doc, sentence: c.sentence - back}
			prev.toks = tokenize(c.doc.Sentence(prev.sentence))
			if slices.ContainsFunc(prev.toks, func(p token) bool { return lang.StemsMatch(p.Stem, t.Stem) }) {
				return prev, true
			}
		}
	}
	return candidate{}, false
}

// maxMentionGap is how many sentences back the first mention of a thing
// named as known may be.
const maxMentionGap = 3

// pronounSubject reports whether a pronoun (personal or possessive: "they
// traveled", "his remarks") or a determiner and a role noun ("the
// president") stand right before the first word of the sentence the
// question shares.
func pronounSubject(q Question, toks []token) bool {
	for i, t := range toks {
		if !sharesWord(q, t) {
			continue
		}
		switch {
		case i >= 1 && (lang.Set("pronouns").Has(toks[i-1].Word) || lang.Set("possessives").Has(toks[i-1].Word)):
			return true
		case i >= 2 && determiners[toks[i-2].Word] && standsForNamed(toks[i-1].Word):
			return true
		}
		return false
	}
	return false
}

// sharesWord reports whether t is one of the question's words.
func sharesWord(q Question, t token) bool {
	for _, qt := range q.terms {
		if lang.StemsMatch(qt.Stem, t.Stem) {
			return true
		}
	}
	return false
}

// cueCompanionRatio is how close a sentence carrying the question kind's
// cue must come to the best one's coverage to join it, when the best one
// lacks the cue.
const cueCompanionRatio = 0.35

// typed reports whether the question asks for a kind of answer a sentence
// visibly has or lacks: a place, a number, a date.
func typed(q Question) bool {
	return q.kind == askWhere || q.kind == askHowMany || q.kind == askWhen || q.kind == askHowLong || q.kind == askAge
}

// chosen0Cue reports whether the best chosen sentence carries the cue.
func chosen0Cue(chosen []candidate) bool { return len(chosen) > 0 && chosen[0].cue }

// disagreeing returns a chosen sentence of another document that answers
// the question with another value than the best one (another figure,
// yes against no), when it covers the question comparably.
func disagreeing(q Question, chosen []candidate) (candidate, bool) {
	v := answerValue(q, chosen[0])
	if v == "" {
		return candidate{}, false
	}
	for _, c := range chosen[1:] {
		if c.doc.ID == chosen[0].doc.ID || c.coverage < companionRatio*chosen[0].coverage {
			continue
		}
		if w := answerValue(q, c); w != "" && w != v {
			return c, true
		}
	}
	return candidate{}, false
}

// differ writes the lead of an answer on which two sources disagree: both,
// dated, the newest first.
func differ(q Question, a, b candidate, num func(candidate) string, aids Aids) string {
	if b.doc.Published.After(a.doc.Published) {
		a, b = b, a
	}
	dated := func(c candidate) string {
		d := c.doc.PublishedDate()
		if d == "" {
			d = "“" + c.doc.Title + "” (undated)"
		}
		return "**" + d + "**: " + lead(q, c, num(c), aids)
	}
	return "Sources differ. " + dated(a) + " " + dated(b)
}

// readingOrder keeps the best-first order of the chosen sentences, except
// that a sentence continuing another chosen one ("she added") follows it.
func readingOrder(chosen []candidate) []candidate {
	out := make([]candidate, 0, len(chosen))
	placed := make([]bool, len(chosen))
	var place func(i int)
	place = func(i int) {
		if placed[i] {
			return
		}
		placed[i] = true
		for j, c := range chosen {
			if c.doc == chosen[i].doc && c.sentence == chosen[i].sentence-1 && chosen[i].inherited {
				place(j) // the antecedent first
			}
		}
		out = append(out, chosen[i])
	}
	for i := range chosen {
		place(i)
	}
	return out
}

// candidates scores every sentence of the passages, best first, each once. A
// sentence that continues the one before it (it opens with a pronoun, a
// quotation or "the minister"; or, for a question asking why, it is the next
// sentence of the same paragraph) shares in what its antecedent matched,
// since it speaks of the same subject.
func candidates(q Question, passages []index.Passage) []candidate {
	type key struct {
		doc      string
		sentence int
	}
	seen := make(map[key]int)
	var out []candidate
	read := make(map[*corpus.Document][]token)
	words := func(d *corpus.Document) []token {
		toks, ok := read[d]
		if !ok {
			toks = tokenize(d.Text)
			read[d] = toks
		}
		return toks
	}
	for _, p := range passages {
		if len(p.Sentences) == 0 {
			continue
		}
		first := p.Document.SentenceAt(p.Sentences[0].Start)
		for si := first; si < first+len(p.Sentences); si++ {
			if _, ok := seen[key{p.Doc, si}]; ok {
				continue
			}
			seen[key{p.Doc, si}] = len(out)
			out = append(out, newCandidate(q, p.Document, si, p.Score, words))
		}
	}
	for i := 0; i < len(out); i++ {
		ante := out[i]
		next := ante.sentence + 1
		d := ante.doc
		if len(ante.matched) == 0 || ante.inherited || next >= len(d.Sentences) {
			continue
		}
		// News runs one sentence to a paragraph, so a continuation may
		// open a new one; a reason that does not say whose it is must
		// follow in the same paragraph.
		if !continues(d.Sentence(next)) && (q.kind != askWhy || !sameParagraph(d, ante.sentence, next)) {
			continue
		}
		k := key{d.ID, next}
		j, ok := seen[k]
		if !ok {
			j = len(out)
			seen[k] = j
			out = append(out, newCandidate(q, d, next, ante.hit, words))
		}
		out[j].inherit(q, ante)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// continuationCredit is the share of its antecedent's match a continuing
// sentence receives.
const continuationCredit = 0.8

// newCandidate scores sentence si of d against q; words returns an
// article's tokens (candidates reads each article once for all its
// sentences; nil tokenises it when needed).
func newCandidate(q Question, d *corpus.Document, si int, hit float64, words func(*corpus.Document) []token) candidate {
	text := d.Sentence(si)
	c := candidate{doc: d, sentence: si, hit: hit, toks: tokenize(text), matched: make(map[string]float64)}
	for _, t := range q.terms {
		if credit := matchCredit(t.Stem, c.toks); credit > 0 {
			c.matched[t.Stem] = credit
		}
	}
	for head, mod := range q.modifiers {
		if c.matched[head] > 0 && c.matched[mod] == 0 && otherKind(head, c.toks) && !qualifies(mod, head, articleTokens(words, d)) {
			delete(c.matched, head) // "Singh's housing plan" is not her transport plan
		}
	}
	c.cue = hasCue(q, text, c.toks)
	c.spoken = q.kind != askYesNo && len(q.speaker) > 0 && attributesTo(q.speaker, c.toks)
	c.rescore(q)
	return c
}

// otherKind reports whether every mention of the noun head in toks is
// qualified by another word than the question's ("housing plan" where the
// question asks of a "transport plan", which the sentence never names).
func otherKind(head string, toks []token) bool {
	found := false
	for i, t := range toks {
		if !lang.StemsMatch(head, t.Stem) {
			continue
		}
		if i == 0 || !content(toks[i-1]) || t.Start-toks[i-1].End() != 1 {
			return false
		}
		found = true
	}
	return found
}

// articleTokens is d's tokens from words, or tokenised now when words is
// nil.
func articleTokens(words func(*corpus.Document) []token, d *corpus.Document) []token {
	if words == nil {
		return tokenize(d.Text)
	}
	return words(d)
}

// qualifies reports whether mod qualifies head somewhere in toks: an article
// that speaks of "an electric engine" may call it "the new engine" after.
func qualifies(mod, head string, toks []token) bool {
	for i := 1; i < len(toks); i++ {
		if lang.StemsMatch(head, toks[i].Stem) && lang.StemsMatch(mod, toks[i-1].Stem) {
			return true
		}
	}
	return false
}

// inherit gives c a share of what its antecedent matched.
func (c *candidate) inherit(q Question, ante candidate) {
	for stem, credit := range ante.matched {
		if share := continuationCredit * credit; share > c.matched[stem] {
			c.matched[stem] = share
		}
	}
	c.hit = max(c.hit, ante.hit)
	c.inherited = true
	c.rescore(q)
}

// rescore computes the score from the matches, the cue and the hit.
func (c *candidate) rescore(q Question) {
	var got, total float64
	for _, t := range q.terms {
		total += t.weight
		got += c.matched[t.Stem] * t.weight
	}
	c.coverage = 0
	if total > 0 {
		c.coverage = got / total
	}
	c.score = c.coverage
	if c.cue {
		c.score += cueBonus
		if q.kind == askWhere || q.kind == askHowMany || q.kind == askHowLong {
			c.score += cueBonus // a sentence without a place or a number cannot say where or how many
		}
	}
	if c.spoken {
		c.score += speakerBonus
	}
	c.score += hitWeight * c.hit
}

// sameParagraph reports whether no line break separates two sentences.
func sameParagraph(d *corpus.Document, a, b int) bool {
	return !strings.Contains(d.Text[d.Sentences[a].End:d.Sentences[b].Start], "\n")
}

// continuers open a sentence that goes on about the previous one's subject.
var continuers = lang.Set("continuers")

// standsForNamed reports whether a noun after "the" stands for a person or
// body named before ("the minister said", "the company added").
func standsForNamed(w string) bool {
	if _, ok := lang.RoleNoun(w); ok {
		return true
	}
	return lang.Set("org-nouns").Has(w) || lang.Set("document-nouns").Has(w)
}

// continues reports whether a sentence opens as the continuation of the one
// before it.
func continues(sentence string) bool {
	if strings.HasPrefix(sentence, "“") || strings.HasPrefix(sentence, "\"") || strings.HasPrefix(sentence, "‘") {
		return true
	}
	toks := tokenize(sentence)
	if len(toks) == 0 {
		return false
	}
	if continuers[toks[0].Word] {
		return true
	}
	return len(toks) > 1 && toks[0].Word == "the" && standsForNamed(toks[1].Word)
}

// matchCredit is 1 when a sentence holds the question's stem, synonymCredit
// when it holds a synonym of it, and 0 otherwise. The light verb of a speech
// phrase ("gave assurances") matches nothing: nothing was given.
func matchCredit(stem string, toks []token) float64 {
	credit := 0.0
	for i, t := range toks {
		if lang.IsSpeechPhrase(toks, i) {
			continue
		}
		if lang.StemsMatch(stem, t.Stem) {
			return 1
		}
		if credit == 0 {
			for _, v := range lang.Variants(stem) {
				if v == t.Stem {
					credit = synonymCredit
					break
				}
			}
		}
	}
	return credit
}

// answers decides whether the best sentences answer the question: they must
// name what it asks for and cover enough of its weighted words.
func answers(q Question, cands []candidate) bool {
	return namesFocus(q, cands) && covers(q, cands) && givesOpinion(q, cands) && actsIn(q, cands) && givesAge(q, cands) && givesAmount(q, cands) && givesName(q, cands) && identifies(q, cands)
}

// identifies reports, for "which X", whether one of the best sentences
// tells which X: X is part of a name ("Harlow Prison"), or a name or a
// qualifier the question lacks stands beside it ("analyst Rachel Kim", "his
// left hand"); a date is none ("report to prison by Jan. 15"). "Seven
// years in prison" names no prison. A question of
// another kind passes.
func identifies(q Question, cands []candidate) bool {
	if !q.which {
		return true
	}
	head := q.focus[len(q.focus)-1]
	for _, c := range cands[:min(maxSentences, len(cands))] {
		for k, t := range c.toks {
			if !lang.StemsMatch(head, t.Stem) {
				continue
			}
			if k > 0 && t.Upper || qualified(q, c.toks, k) {
				return true
			}
			named := beside(c.toks, k, k+1, identifyGap, func(j int) bool {
				w := c.toks[j]
				return j > 0 && w.Upper && !sharesWord(q, w) && !monthNames[w.Word] && !dateCues[w.Word]
			})
			if named {
				return true
			}
		}
	}
	return false
}

// qualified reports whether a word the question lacks qualifies toks[k]:
// right before it ("the left hand") or as its possessor ("the children's
// hospital").
func qualified(q Question, toks []token, k int) bool {
	m := k - 1
	if m > 0 && toks[m].Word == "s" {
		m-- // "children's"
	} else if m >= 0 && toks[k].Start-toks[m].End() != 1 {
		return false
	}
	return m >= 0 && content(toks[m]) && !sharesWord(q, toks[m])
}

// identifyGap is how many words from the thing a "which" question asks of
// the name that tells which it is may stand.
const identifyGap = 3

// givesName reports, for "what is the name of X", whether one of the best
// sentences names someone beside X ("the man killed, John Reid, …"); a name
// elsewhere in the sentence is another's. A question of another kind passes.
func givesName(q Question, cands []candidate) bool {
	if !q.name {
		return true
	}
	if len(q.focus) == 0 {
		return false
	}
	head := q.focus[len(q.focus)-1]
	for _, c := range cands[:min(maxSentences, len(cands))] {
		if c.sentence < 0 {
			continue
		}
		s := nameSpan(q, c.doc.Sentence(c.sentence), c.toks)
		if !s.ok() {
			continue
		}
		// "the man injured near Carrow, Peter Hale": the phrase may stand
		// between them.
		if beside(c.toks, s.from, s.to, nameGap, func(k int) bool { return lang.StemsMatch(head, c.toks[k].Stem) }) {
			return true
		}
	}
	return false
}

// nameGap is how many words may stand between the one a name is asked of and
// the name.
const nameGap = 2 * maxFocusGap

// givesAmount reports, for how many and how much, whether one of the best
// sentences gives a number and covers enough of the question on its own: a
// figure told of something else ("only one train in five ran" for "how many
// trains were cancelled") does not answer it, however well the sentence
// beside it covers the rest. A question of another kind passes.
func givesAmount(q Question, cands []candidate) bool {
	if q.kind != askHowMany {
		return true
	}
	for _, c := range cands[:min(maxSentences, len(cands))] {
		if c.cue && c.coverage >= minCoverage {
			return true
		}
	}
	return false
}

// givesAge reports, for "how old is X", whether a sentence naming X gives
// an age ("Hale, 61, said" does not give his wife's); a question of another
// kind passes.
func givesAge(q Question, cands []candidate) bool {
	if q.kind != askAge {
		return true
	}
	for _, c := range cands {
		text := c.doc.Title // a title candidate's sentence is -1
		if c.sentence >= 0 {
			text = c.doc.Sentence(c.sentence)
		}
		named := len(c.matched) > 0 && (q.aged == "" || c.matched[q.aged] > 0)
		if named && ageSpan(text, c.toks).ok() && !(q.agedNow && pastAge(c.toks, ageSpan(text, c.toks))) {
			return true
		}
	}
	return false
}

// pastAge reports whether the age at s is one someone was ("when she was
// 3 years old", "who were aged 20"), not their age today.
func pastAge(toks []token, s span) bool {
	return s.from > 0 && (toks[s.from-1].Word == "was" || toks[s.from-1].Word == "were")
}

// ageSpan is the age a sentence gives: "67-year-old", "aged 30", "age 30",
// or a number set off by commas after a name ("Singh, 41, said").
func ageSpan(sentence string, toks []token) span {
	for i, t := range toks {
		if !lang.IsNumber(t.Word) || isYear(t.Word) {
			continue
		}
		if i+2 < len(toks) && strings.HasPrefix(toks[i+1].Word, "year") && toks[i+2].Word == "old" {
			return span{i, i + 3}
		}
		if i > 0 && (toks[i-1].Word == "aged" || toks[i-1].Word == "age") {
			return span{i - 1, i + 1}
		}
		if i > 0 && i+1 < len(toks) && toks[i-1].Upper && strings.TrimSpace(sentence[toks[i-1].End():t.Start]) == "," && strings.HasPrefix(strings.TrimSpace(sentence[t.End():toks[i+1].Start]), ",") {
			return span{i, i + 1}
		}
	}
	return span{}
}

// actsIn reports, for "what did X do", whether X acts in one of the best
// sentences; a question of another kind passes.
func actsIn(q Question, cands []candidate) bool {
	if len(q.actor) == 0 {
		return true
	}
	for _, c := range cands[:min(maxSentences, len(cands))] {
		if acts(q.actor, c.toks) {
			return true
		}
	}
	return false
}

// givesOpinion reports, for a question asking someone's view, whether one
// of the best sentences has that person saying or thinking something about
// the topic; a question of another kind passes. Sentences that name the
// person and the topic without giving the view do not answer it.
func givesOpinion(q Question, cands []candidate) bool {
	if !q.opinion {
		return true
	}
	for _, c := range cands[:min(maxSentences, len(cands))] {
		if givesViewOf(q.speaker, q.topic, c.toks) {
			return true
		}
	}
	return false
}

// namesFocus reports whether the best sentences name something the question
// asks for (its focus); a question without a focus passes. When they do not,
// the sources are about something else, and no answerer should try.
func namesFocus(q Question, cands []candidate) bool {
	if len(q.terms) == 0 || len(cands) == 0 {
		return false
	}
	if len(q.focus) == 0 {
		return true
	}
	// The head of the phrase (its last word: "flavour" of "new chocolate
	// flavour") must be named; a modifier alone is another thing.
	head := q.focus[len(q.focus)-1]
	top := cands[:min(maxSentences, len(cands))]
	if q.verbFocus {
		// A verb ("how much did X pay") is often said in another sentence
		// of the article than the figure; that article must still say it.
		docs := make(map[string]bool)
		for _, c := range top {
			docs[c.doc.ID] = true
		}
		top = nil
		for _, c := range cands {
			if docs[c.doc.ID] {
				top = append(top, c)
			}
		}
	}
	for _, c := range top {
		if c.matched[head] > 0 {
			return true
		}
	}
	return false
}

// covers reports whether the two best sentences together hold at least
// minCoverage of the question's weighted words.
func covers(q Question, cands []candidate) bool {
	var got, total float64
	top := cands[:min(2, len(cands))]
	for _, t := range q.terms {
		total += t.weight
		best := 0.0
		for _, c := range top {
			best = max(best, c.matched[t.Stem])
		}
		got += best * t.weight
	}
	return total > 0 && got/total >= minCoverage
}
