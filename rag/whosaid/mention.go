package whosaid

import (
	"github.com/newsbot/storybot/internal/lang"
	"strings"
	"unicode"
)

type mentionKind uint8

const (
	pronounMention mentionKind = iota + 1
	nameMention                // a person's or organisation's name, with any role
	descMention                // a description without a name ("the diplomat")
)

// mention is a noun phrase that can name a speaker: "he", "Iranian Foreign
// Minister Hossein Amirabdollahian", "the university's president, Dr.
// Hannah Cole", "the city's planning department".
type mention struct {
	kind     mentionKind
	from, to int    // token indexes [from, to)
	name     string // nameMention: the name; pronounMention: the pronoun
	role     string // role words ("Iranian Foreign Minister", "president")
	head     string // the head noun of a description, lower case
	phrase   string // descMention: the phrase without its determiner
	org      bool   // an organisation, a place or a group, not one person
	definite bool   // "the …" or a possessive: refers back to someone known
	gender   byte   // 'm', 'f' or 0
	evidence bool   // nameMention: known to be a person's name
	single   bool   // nameMention: one word ("Amirabdollahian", "Reuters")
	apposed  bool   // a name and a description side by side
}

// parseNP reads the longest noun phrase that can name a speaker starting at
// token i.
func parseNP(toks []token, i int) (mention, bool) {
	if i >= len(toks) || toks[i].kind != wordToken {
		return mention{}, false
	}
	if pronouns[toks[i].low] {
		return mention{kind: pronounMention, from: i, to: i + 1, name: toks[i].low}, true
	}
	if base, ok := contracted(toks[i].low); ok && pronouns[base] {
		return mention{kind: pronounMention, from: i, to: i + 1, name: base}, true // "he's", "she'll"
	}
	// "a statement from the ministry" speaks for the ministry.
	if j := i + 1; determiners[toks[i].low] && j+2 < len(toks) && documentNouns[toks[j].low] && (toks[j+1].low == "from" || toks[j+1].low == "by") {
		if m, ok := parseNP(toks, j+2); ok && m.kind != pronounMention {
			m.from = i
			return m, true
		}
	}
	// "the 45-year-old" is a person already named.
	if toks[i].low == "the" && i+1 < len(toks) && strings.HasSuffix(toks[i+1].low, "-year-old") {
		return mention{kind: descMention, from: i, to: i + 2, head: "year-old", role: "", definite: true}, true
	}
	m, ok := parseCore(toks, i)
	if !ok {
		return m, false
	}

	// An appositive pairs a name with a description, in either order:
	// "one organiser, Chen Wei", "Raj Patel, the lab's director".
	if j := m.to; j+1 < len(toks) && toks[j].text == "," {
		// A name after an indefinite description is not its appositive
		// when it has an article of its own: "a geologist for the
		// company, the BBC reported".
		article := func(k int) bool { return k >= 0 && (toks[k].low == "a" || toks[k].low == "an") }
		indefinite := m.kind == descMention && (article(m.from) || article(m.from-1)) && determiners[toks[j+1].low]
		// A description after a name with the verb right after it, no
		// comma between, is the subject of the reporting clause, not the
		// name's appositive: "a camp in Madrid, her coach said".
		reporting := func(o mention) bool {
			return m.kind == nameMention && o.kind == descMention && o.to < len(toks) && isSpeechWord(toks[o.to].low)
		}
		if o, ok := parseCore(toks, j+1); ok && !indefinite && (m.kind == descMention) != (o.kind == descMention) && closesPhrase(toks, o.to) && !reporting(o) {
			name, desc := m, o
			if m.kind == descMention {
				name, desc = o, m
			}
			if !desc.org {
				name.org, name.evidence = false, true
				if name.role == "" {
					name.role = desc.role
				}
				if name.gender == 0 {
					name.gender = desc.gender
				}
			} else if !name.evidence {
				name.org = true
			}
			name.from, name.to, name.apposed = m.from, o.to, true
			return name, true
		}
	}
	return m, true
}

// parseCore reads a name or a description without appositives.
func parseCore(toks []token, i int) (mention, bool) {
	j := i
	det := ""
	if determiners[toks[j].low] && !toks[j].isCap() {
		det = toks[j].low
		j++
	}
	if j+1 < len(toks) && strings.HasSuffix(toks[j].low, "-year-old") && toks[j+1].isCap() {
		j++ // "Sixteen-year-old Amara Okonjo" is Amara Okonjo
	}
	k, full := phraseEnd(toks, j)
	if k == j || toks[k-1].isPossessive() || toks[k-1].kind != wordToken {
		return mention{}, false
	}
	m := mention{from: i, to: k}
	// r starts the run of capitalised words at the end of the phrase.
	r := k
	for r > j && (toks[r-1].isCap() || toks[r-1].text == "." || (r-1 > j && (nameParticles[toks[r-1].low] || toks[r-1].low == "of"))) {
		r--
	}
	prefixRole, prefixOrg := "", false
	if r > j {
		// Lower-case words before any name: a description or a role.
		roleFrom := j
		for x := j; x < r; x++ {
			if toks[x].isPossessive() {
				roleFrom = x + 1
			}
		}
		if r == k {
			// Up to two phrases: "a professor of geophysics at the
			// University of Iceland".
			d := withPrepositionalPhrase(describe(m, toks, j, k, det, roleFrom), toks, j, roleFrom)
			return withPrepositionalPhrase(d, toks, j, roleFrom), true
		}
		// Before a name, only a role or an organisation may stand:
		// "Foreign Ministry spokesperson Maria Zakharova", not "provided
		// Moscow".
		if !isHeadNoun(toks[r-1].low) {
			return mention{}, false
		}
		if _, person := roleNoun(toks[r-1].low); !person {
			prefixOrg = true // "the state broadcaster NTV"
		} else if roleFrom < r {
			prefixRole = spanText(toks, roleFrom, r)
		}
	}
	m, ok := parseName(m, toks, j, r, k, det, prefixRole)
	if !ok || m.kind != nameMention {
		return m, ok
	}
	if isDateline(toks, m) {
		return mention{}, false // "WASHINGTON —" opens a story; it says nothing
	}
	m.org = m.org || (prefixOrg && m.role == "")
	if m.org {
		m.evidence, m.gender, m.role = false, 0, ""
	}
	// A weak capitalised word before a common noun is an adjective
	// ("the Ukrainian delegation"), not a name.
	if k < full && !m.evidence && !hasOrgWord(toks[r:k]) {
		return mention{}, false
	}
	return m, true
}

// phraseEnd finds where a noun phrase starting at token j ends: k after its
// last capitalised word or role or organisation noun, full after the last
// word read (lower-case words after k belong to the predicate).
func phraseEnd(toks []token, j int) (k, full int) {
	k = j
	for k < len(toks) && k-j < 12 {
		t := toks[k]
		if t.kind == punctToken && t.text == "." && k > j && (isHonorific(toks[k-1]) || isInitial(toks[k-1].text) || (toks[k-1].isCap() && titleAbbrev[toks[k-1].low])) {
			k++
			continue
		}
		if t.kind != wordToken || hasDigit(t.text) {
			break
		}
		if t.isCap() && k > j && weekdays[t.low] {
			break // a day after a name dates the clause: "asked Lee Wednesday if"
		}
		if t.isCap() {
			k++
			continue
		}
		inName := k > j && toks[k-1].isCap() && k+1 < len(toks) && toks[k+1].isCap()
		if inName && (nameParticles[t.low] || t.low == "of") {
			k++
			continue
		}
		if functionWords[t.low] || determiners[t.low] || adverbs[t.low] || negations[t.low] || isSpeechWord(t.low) {
			break
		}
		if strings.HasSuffix(t.low, "ed") && !isHeadNoun(t.low) {
			break // a verb in the past tense: "the ministry summoned"
		}
		if k > j && toks[k-1].isCap() && !toks[k-1].isPossessive() && !isHeadNoun(t.low) {
			break // a name ends before a lower-case word: "Putin met"
		}
		k++
	}
	full = k
	for k > j && !toks[k-1].isCap() && !isHeadNoun(toks[k-1].low) {
		k--
	}
	return k, full
}

// parseName reads the capitalised run toks[r:k] of a phrase starting at
// token j: honorifics ("Dr."), title words ("Iranian Foreign Minister"),
// then the name, which is a person's or an organisation's.
func parseName(m mention, toks []token, j, r, k int, det, role string) (mention, bool) {
	x := r
	for x < k && (isHonorific(toks[x]) || toks[x].text == ".") {
		if g, _ := honorific(toks[x].low); g != 0 {
			m.gender = g
		}
		m.evidence = true
		x++
	}
	titleEnd := -1
	for y := x; y < k-1; y++ {
		if titleWords[strings.TrimSuffix(toks[y].low, "'s")] {
			titleEnd = y
		}
	}
	if titleEnd >= 0 {
		if titleEnd+1 < k-1 && toks[titleEnd+1].text == "." {
			titleEnd++ // "Sen.", "Gov."
		}
		if role != "" {
			role += " "
		}
		role += spanText(toks, x, titleEnd+1)
		x = titleEnd + 1
	} else if x == k-1 && titleWords[toks[x].low] {
		// "the President said": a title without a name.
		return describe(m, toks, j, k, det, r), true
	}
	if x >= k {
		return mention{}, false
	}
	if a := agencyPrefix(toks, x, k); a > x && k-a >= 2 {
		x = a // "Getty Images Kevin Vickers": a credit run into the name
	}
	nameToks := toks[x:k]
	if (det == "a" || det == "an") && k-x == 1 && titleEnd < 0 && !hasOrgWord(nameToks) {
		// "a Republican", "a Briton": a description, not a name.
		d := describe(m, toks, j, k, det, x)
		d.org, d.gender = false, 0
		return d, true
	}
	m.kind = nameMention
	m.name = spanText(toks, x, k)
	m.role = role
	m.single = len(nameToks) == 1
	if m.single && calendarWords[nameToks[0].low] {
		return mention{}, false
	}
	if role != "" {
		m.evidence = true
		if g, ok := roleNoun(strings.ToLower(lastWord(role))); ok && m.gender == 0 {
			m.gender = g
		}
	}
	parts := make([]string, len(nameToks))
	for i, t := range nameToks {
		parts[i] = t.text
	}
	if g := fullNameGender(parts); g != 0 {
		m.evidence = true
		if m.gender == 0 {
			m.gender = g
		}
	}
	m.org = hasOrgWord(nameToks) || (!m.evidence && (det == "the" || m.single || isAcronym(nameToks[0].text)))
	return m, true
}

// withPrepositionalPhrase extends a description by the phrase that says
// whose it is: "the government of Norland", "a spokesperson for the
// ministry", "a hydrologist at Kestrel University".
func withPrepositionalPhrase(m mention, toks []token, j, roleFrom int) mention {
	k := m.to
	if k+1 >= len(toks) || !prepositions[toks[k].low] {
		return m
	}
	if toks[k].low == "to" && !toks[k+1].isCap() && !determiners[toks[k+1].low] && !startsUpper(toks[k+1].text) {
		return m // an infinitive: "urged the governor to apologize"
	}
	end := k + 1
	if determiners[toks[end].low] {
		end++
	}
	if end < len(toks) && strings.HasSuffix(toks[end].low, "ing") {
		return m // "the government of ignoring warnings": not whose it is
	}
	start := end
	for end < len(toks) && end-start < 6 {
		t := toks[end]
		inName := t.low == "of" && end > start && toks[end-1].isCap() && end+1 < len(toks) && toks[end+1].isCap()
		if !inName && (t.kind != wordToken || functionWords[t.low] || determiners[t.low] || isSpeechWord(t.low) || adverbs[t.low]) {
			break
		}
		end++
	}
	if end == start {
		return m
	}
	m.to = end
	m.phrase = spanText(toks, j, end)
	m.role = spanText(toks, roleFrom, end)
	return m
}

var documentNouns = lang.Set("whosaid-statement-nouns")

var prepositions = lang.Set("whosaid-of-prepositions")

// describe builds a description mention from toks[j:k] whose role words
// start at roleFrom.
func describe(m mention, toks []token, j, k int, det string, roleFrom int) mention {
	head := strings.TrimSuffix(toks[k-1].low, "'s")
	m.kind = descMention
	m.head = head
	m.phrase = spanText(toks, j, k)
	m.role = spanText(toks, roleFrom, k)
	m.definite = det == "the" || det == "its" || det == "his" || det == "her" || det == "their" || det == "this" || roleFrom > j
	exact := roleNounExact(head)
	g, role := roleNoun(head)
	plural := !exact && (strings.HasSuffix(head, "s") || strings.HasSuffix(head, "men"))
	if (role && !plural) || titleWords[head] {
		m.gender = g
	} else {
		m.org = true
	}
	return m
}

func isHeadNoun(w string) bool {
	if orgNouns[w] || orgNouns[strings.TrimSuffix(w, "s")] {
		return true
	}
	_, ok := roleNoun(w)
	return ok
}

// titleAbbrev are title words abbreviated with a full stop before a name
// ("Sen. Jo Hart", "Gov. Ann Lee").
var titleAbbrev = lang.Set("whosaid-title-abbreviations")

// weekdays end a name they follow: a name is not "Lee Wednesday".
var weekdays = lang.Set("date-weekdays")

// partyDesignation reports a party and state written after a name ("R-Ky",
// "D-Calif", "I-Vt"): not a name of its own.
func partyDesignation(t token) bool {
	w := t.text
	return len(w) > 2 && strings.ContainsRune("RDI", rune(w[0])) && w[1] == '-' && startsUpper(w[2:])
}

// isDateline reports whether a name is a dateline: capitals before a dash
// ("WASHINGTON —", "LOS ANGELES (AP) —").
func isDateline(toks []token, m mention) bool {
	if m.kind != nameMention {
		return false
	}
	for _, t := range toks[m.from:m.to] {
		if t.kind == wordToken && strings.ToUpper(t.text) != t.text {
			return false
		}
	}
	j := m.to
	if j+2 < len(toks) && toks[j].text == "(" && toks[j+2].text == ")" {
		j += 3 // "(AP)"
	}
	return j < len(toks) && (toks[j].text == "—" || toks[j].text == "–" || toks[j].text == "-")
}

// photoAgencies are the agencies of whosaid-photo-agencies.txt.
var photoAgencies = func() map[string]bool {
	out := map[string]bool{}
	for _, p := range lang.Phrases("whosaid-photo-agencies") {
		out[p] = true
	}
	return out
}()

// agencyPrefix returns where a name in toks[x:k] starts after the photo
// agency that opens it, or x.
func agencyPrefix(toks []token, x, k int) int {
	for n := 3; n >= 1; n-- {
		if x+n < k && photoAgencies[strings.ToLower(spanText(toks, x, x+n))] {
			return x + n
		}
	}
	return x
}

// contracted splits a pronoun's contracted auxiliary off: "he's" is "he".
func contracted(w string) (string, bool) {
	for _, suf := range []string{"'s", "'ll", "'d", "'ve", "'re", "'m"} {
		if base, ok := strings.CutSuffix(w, suf); ok {
			return base, true
		}
	}
	return w, false
}

func isHonorific(t token) bool {
	_, ok := honorific(t.low)
	return ok && t.kind == wordToken && startsUpper(t.text)
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// spanText returns the document text covered by toks[from:to], read back
// from the tokens.
func spanText(toks []token, from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		if i > from && toks[i].start > toks[i-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i].text)
	}
	return b.String()
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func hasOrgWord(toks []token) bool {
	for _, t := range toks {
		if orgWords[stripPossessive(t.low)] {
			return true
		}
	}
	return false
}

// closesPhrase reports whether a noun phrase can end before token j: at the
// end, at punctuation or before a verb of saying.
func closesPhrase(toks []token, j int) bool {
	if j >= len(toks) || toks[j].kind != wordToken {
		return true
	}
	w := toks[j].low
	return isSpeechWord(w) || adverbs[w] || negations[w] || passives[w] || verbAfterName(w)
}

// verbAfterName reports common verbs that follow a subject.
func verbAfterName(w string) bool {
	return w == "who" || w == "has" || w == "had" || w == "is" || w == "was"
}

// isInitial reports whether a word is an initial or dotted initials ("W",
// "J.K").
func isInitial(w string) bool {
	if len(w) > 5 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '.' {
			return false
		}
	}
	return w != ""
}
