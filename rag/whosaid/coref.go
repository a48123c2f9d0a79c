package whosaid

import "strings"

// entity is a person or an organisation the article has named.
type entity struct {
	name   string
	role   string
	gender byte // 'm', 'f' or 0 when unknown
	org    bool
	// weak persons are capitalised word runs with nothing to show they
	// are people; pronouns skip them until they speak.
	weak  bool
	spoke bool
	last  int // when last mentioned: pronouns and role nouns prefer recent entities
}

// registry resolves mentions to entities in document order. Later mentions
// (a surname, a pronoun, "the diplomat", "the university") resolve only to
// entities named before them, never to the nearest name regardless of
// gender or role.
type registry struct {
	ents []*entity
	// now ranks the mention being read: later sentences rank higher and,
	// within a sentence, earlier mentions (the subject) rank higher, so that
	// "Putin met Erdogan. He said" prefers the subject.
	now int
}

// at sets the position of the mention being read: token tok of unit u.
func (r *registry) at(u, tok int) {
	r.now = u*1000 + 999 - min(tok, 999)
}

func (r *registry) touch(e *entity) *entity {
	if r.now > e.last {
		e.last = r.now
	}
	return e
}

// learn records a name mention and returns its entity.
func (r *registry) learn(m mention) *entity {
	if m.single {
		if e := r.byPart(m.name); e != nil {
			return r.touch(e)
		}
	}
	for _, e := range r.ents {
		if strings.EqualFold(e.name, m.name) {
			r.update(e, m)
			return r.touch(e)
		}
	}
	// A short form of an organisation named before: "the Herald" after
	// "the Sudova Herald".
	if m.single && m.org {
		for _, e := range r.ents {
			if e.org && startsUpper(e.name) && strings.EqualFold(lastWord(e.name), m.name) {
				return r.touch(e)
			}
		}
	}
	// A full name whose surname was already used alone ("Kuleba" before
	// "Dmitry Kuleba") is the same person.
	if !m.org && !m.single {
		last := lastWord(m.name)
		for _, e := range r.ents {
			if strings.EqualFold(e.name, last) {
				e.name, e.org = m.name, false
				r.update(e, m)
				return r.touch(e)
			}
		}
	}
	e := &entity{name: m.name, role: m.role, gender: m.gender, org: m.org, weak: !m.org && !m.evidence}
	r.ents = append(r.ents, e)
	return r.touch(e)
}

func (r *registry) update(e *entity, m mention) {
	if e.role == "" && !m.org {
		e.role = m.role
	}
	if e.gender == 0 {
		e.gender = m.gender
	}
	if m.evidence {
		e.weak = false
	}
}

// byPart finds the most recent person whose surname or given name is w.
func (r *registry) byPart(w string) *entity {
	var best *entity
	for _, e := range r.ents {
		if e.org || !strings.Contains(e.name, " ") {
			continue
		}
		parts := strings.Fields(e.name)
		if (strings.EqualFold(parts[len(parts)-1], w) || strings.EqualFold(parts[0], w)) && (best == nil || e.last > best.last) {
			best = e
		}
	}
	return best
}

// resolve returns the speaker a mention stands for and the speaker's role.
// A speaker the text does not make clear is Unattributed.
func (r *registry) resolve(m mention) (speaker, role string) {
	switch m.kind {
	case pronounMention:
		e := r.pronoun(m.name)
		if e == nil {
			return Unattributed, ""
		}
		e.spoke = true
		return e.name, e.role
	case nameMention:
		e := r.learn(m)
		e.spoke, e.weak = true, false
		if e.org {
			return e.name, ""
		}
		return e.name, e.role
	case descMention:
		if m.org {
			return r.organisation(m), ""
		}
		if e := r.byRole(m); e != nil {
			e.spoke = true
			return e.name, e.role
		}
		// A source the text describes without naming ("a senior
		// official", "the deputy head of the delegation") is that
		// description: it says who spoke as far as the text does.
		if m.phrase != "" {
			return m.phrase, ""
		}
		return Unattributed, m.role
	}
	return Unattributed, ""
}

// pronoun resolves "he", "she" and "it" to the most recent compatible
// entity; the gender of a person it settles is remembered.
func (r *registry) pronoun(p string) *entity {
	var want byte
	switch p {
	case "he":
		want = 'm'
	case "she":
		want = 'f'
	case "it":
		// An organisation that has spoken, else one with a proper
		// multi-word name.
		var best, named *entity
		for _, e := range r.ents {
			if e.org && e.spoke && (best == nil || e.last > best.last) {
				best = e
			}
			if e.org && startsUpper(e.name) && strings.Contains(e.name, " ") && (named == nil || e.last > named.last) {
				named = e
			}
		}
		if best == nil {
			best = named
		}
		return best
	default:
		return nil // "they", "we": a group the text rarely names
	}
	var best *entity
	for _, e := range r.ents {
		if e.org || (e.weak && !e.spoke && !strings.Contains(e.name, " ")) || (e.gender != 0 && e.gender != want) {
			continue
		}
		if best == nil || e.last > best.last {
			best = e
		}
	}
	if best != nil {
		best.gender = want
		r.touch(best)
	}
	return best
}

// byRole resolves a definite role noun ("the diplomat", "the minister",
// "the lab's director") to the most recent person whose role fits.
func (r *registry) byRole(m mention) *entity {
	if !m.definite {
		return nil
	}
	keys, ok := roleSynonyms[m.head]
	if !ok {
		keys = []string{m.head}
	}
	// The whole description fits better than its head noun: "the foreign
	// minister" is the Foreign Minister even when a Defence Minister spoke
	// since.
	full := strings.ToLower(m.role)
	var best *entity
	bestFit := 0
	for _, e := range r.ents {
		if e.org || (e.weak && !e.spoke) || (m.gender != 0 && e.gender != 0 && e.gender != m.gender) {
			continue
		}
		role := strings.ToLower(e.role)
		fit := 0
		switch {
		case m.head == "year-old":
			fit = 1 // "the 45-year-old": whoever was just named
		case full != m.head && strings.Contains(role, full):
			fit = 2
		default:
			for _, k := range keys {
				if strings.Contains(role, k) {
					fit = 1
				}
			}
		}
		if fit > 0 && (fit > bestFit || (fit == bestFit && e.last > best.last)) {
			best, bestFit = e, fit
		}
	}
	if best != nil {
		r.touch(best)
	}
	return best
}

// organisation resolves an organisation described by a noun phrase: a bare
// "the university" is the university named before; a fuller description
// ("the city's planning department") names itself.
func (r *registry) organisation(m mention) string {
	if m.definite && m.phrase == m.head {
		var best *entity
		for _, e := range r.ents {
			if !e.org {
				continue
			}
			for _, w := range strings.Fields(strings.ToLower(e.name)) {
				if w == m.head && (best == nil || e.last > best.last) {
					best = e
				}
			}
		}
		if best == nil && companyNouns[m.head] {
			for _, e := range r.ents {
				if e.org && isCompany(e.name) && (best == nil || e.last > best.last) {
					best = e
				}
			}
		}
		if best != nil {
			best.spoke = true
			return r.touch(best).name
		}
	}
	e := r.learn(mention{kind: nameMention, name: m.phrase, org: true})
	e.spoke = true
	return e.name
}

// isCompany reports whether an organisation's name says it is a business.
func isCompany(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if corporateWords[w] {
			return true
		}
	}
	return false
}
