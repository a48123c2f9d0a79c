package whosaid

import (
	"sort"
	"strings"

	"github.com/newsbot/storybot/corpus"
)

// openingMarks are the spaces and marks that may open a quotation: what
// lies between a unit's start and a quotation that opens it.
const openingMarks = " “\"‘'`«„‹"

// unit is a stretch of text analysed at once: a sentence, or consecutive
// sentences joined by a quotation that runs across them.
type unit struct {
	start, end int
	para       int // paragraph index
}

// Extract finds the attributed statements of a document, in document order:
// direct quotations and reported speech, each with its speaker resolved
// (across pronouns, surnames and role nouns) and its channel.
func Extract(d *corpus.Document) []Statement {
	x := &extraction{d: d, quotes: findQuotations(d.Text), starts: map[int]bool{}, runsOn: map[int]bool{}, lastDirect: -1, lastUnit: -1, introUnit: -1}
	for _, s := range d.Sentences {
		x.starts[s.Start] = true
	}
	x.units = units(d, x.quotes)
	for ui := range x.units {
		x.extractUnit(ui)
	}
	return x.out
}

// extraction is the state of Extract as it reads a document.
type extraction struct {
	d      *corpus.Document
	quotes []quotation
	starts map[int]bool // sentence starts
	units  []unit
	reg    registry
	out    []Statement
	// runsOn holds the indexes in out of unattributed quotations left open
	// at the end of their paragraph.
	runsOn     map[int]bool
	lastDirect int    // index in out of the last direct statement
	lastUnit   int    // index of the unit that produced it
	lastEv     *event // the act of saying it was attributed by, if any
	// lastReported is set when that statement is reported speech, which a
	// quotation continues only from the sentence just before.
	lastReported bool
	// introduced holds the speaker of a unit that ends with a colon ("Lee
	// went on:"), whose quotation opens the next paragraph; introUnit is
	// that unit, or -1.
	introduced Statement
	introUnit  int
}

func (x *extraction) extractUnit(ui int) {
	u, text := x.units[ui], x.d.Text
	toks := tokenize(text, u.start, u.end, x.quotes, x.starts)
	markHeadline(toks)
	evs := findEvents(toks)
	direct := attributeQuotations(text, toks, evs, x.quotes)
	reported := reportedSpeech(toks, evs, direct)
	var cands []candidate
	for _, c := range direct {
		if !c.dropped {
			cands = append(cands, c)
		}
	}
	cands = append(cands, reported...)
	cands = append(cands, questionFrames(toks, evs)...)
	cands = append(cands, nounCues(toks)...)
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].start < cands[j].start })

	// Names teach the registry in reading order, interleaved with the
	// speakers to resolve, so that a mention resolves only to what came
	// before it.
	names := scanNames(toks)
	resolved := map[int][2]string{}
	resolve := func(m mention) (speaker, role string) {
		if r, ok := resolved[m.from]; ok {
			return r[0], r[1]
		}
		for len(names) > 0 && names[0].from < m.from {
			x.reg.at(ui, names[0].from)
			x.reg.learn(names[0])
			names = names[1:]
		}
		x.reg.at(ui, m.from)
		speaker, role = x.reg.resolve(m)
		resolved[m.from] = [2]string{speaker, role}
		return speaker, role
	}
	for _, c := range cands {
		st := Statement{Kind: c.kind, Quote: text[c.start:c.end], Sentence: text[u.start:u.end],
			Doc: x.d.ID, Title: x.d.Title, Start: c.start, End: c.end, Speaker: Unattributed}
		switch {
		case c.ev != nil:
			st.Speaker, st.Role = resolve(c.ev.subj)
			if c.ev.via != nil {
				st.Via, _ = resolve(*c.ev.via)
			}
		case c.follows && x.introUnit >= 0 && x.introUnit == ui-1 && strings.Trim(text[u.start:c.start], openingMarks) == "":
			// "Lee went on: ¶ “…”": the colon introduced this quotation.
			st.Speaker, st.Role, st.Via = x.introduced.Speaker, x.introduced.Role, x.introduced.Via
		case c.follows && x.lastDirect >= 0 && continues(x.d, x.units, x.lastUnit, ui, c.start) &&
			(!x.lastReported || x.lastUnit == ui-1 && x.units[x.lastUnit].para == x.units[ui].para):
			// A quotation with no attribution of its own goes on from the
			// last speaker: a quotation's, or reported speech's in the
			// sentence just before ("Lee said the plan had failed. “We
			// tried everything.”").
			prev := x.out[x.lastDirect]
			st.Speaker, st.Role, st.Via = prev.Speaker, prev.Role, prev.Via
		}
		if c.short && c.ev == nil && st.Speaker == Unattributed {
			continue // "“Chaos.”" on its own says nothing of who spoke
		}
		if c.kind == Indirect && c.ev != nil && !c.ev.noun && st.Speaker != Unattributed && x.within(u, st) {
			continue // "said it would ask …": the same speaker's clause holds it
		}
		if c.ev != nil && c.ev.noun && (st.Speaker == Unattributed || x.within(u, st)) {
			// "their call for …": a noun of saying needs its speaker;
			// "she repeated her call for …" already says it.
			continue
		}
		n := len(x.out)
		if x.joins(ui, c, st) {
			// "“X,” he said. “Y”": one quotation split by its attribution
			// is one statement.
			prev := &x.out[n-1]
			prev.End = c.end
			prev.Quote = text[prev.Start:prev.End]
			prev.Sentence = text[x.units[x.lastUnit].start:u.end]
			x.lastUnit = ui
			continue
		}
		if c.kind == Direct && st.Speaker != Unattributed && n > 0 && x.runsOn[n-1] && continues(x.d, x.units, x.lastUnit, ui, c.start) {
			// The quotation before ran on into this one: same speaker.
			prev := &x.out[n-1]
			prev.Speaker, prev.Role, prev.Via = st.Speaker, st.Role, st.Via
		}
		if st.Speaker == Unattributed && c.runsOn {
			x.runsOn[n] = true
		}
		x.out = append(x.out, st)
		if c.kind == Direct || c.quoted {
			x.lastDirect, x.lastUnit, x.lastReported, x.lastEv = n, ui, false, c.ev
		} else if c.ev != nil && st.Speaker != Unattributed && !c.ev.according && !c.ev.noun {
			x.lastDirect, x.lastUnit, x.lastReported, x.lastEv = n, ui, true, c.ev
		}
	}
	for _, m := range names {
		x.reg.at(ui, m.from)
		x.reg.learn(m)
	}
	x.introUnit = -1
	if n := len(toks); n > 1 && toks[n-1].text == ":" {
		// The last act of saying before the colon introduces the next
		// paragraph's quotation.
		for i := len(evs) - 1; i >= 0; i-- {
			if ev := evs[i]; !ev.negated && !ev.according && ev.verbEnd >= n-3 {
				var intro Statement
				intro.Speaker, intro.Role = resolve(ev.subj)
				if ev.via != nil {
					intro.Via, _ = resolve(*ev.via)
				}
				if intro.Speaker != Unattributed {
					x.introduced, x.introUnit = intro, ui
				}
				break
			}
		}
	}
}

// within reports whether a statement of unit u by the same speaker
// already holds statement st.
func (x *extraction) within(u unit, st Statement) bool {
	for k := len(x.out) - 1; k >= 0 && x.out[k].Start >= u.start; k-- {
		if p := x.out[k]; p.Speaker == st.Speaker && p.Start <= st.Start && st.End <= p.End {
			return true
		}
	}
	return false
}

// joins reports whether the direct statement st, from candidate c of unit
// ui, goes on with the statement just before it: the same speaker's
// quotation, split by its attribution ("“X,” he said, “Y”") or continued
// by the next sentence of the paragraph that opens with a quotation and
// attributes it to no one new ("“X,” he said. “Y.”").
func (x *extraction) joins(ui int, c candidate, st Statement) bool {
	n := len(x.out)
	if c.kind != Direct || st.Speaker == Unattributed || n == 0 || x.lastDirect != n-1 || x.lastReported {
		return false
	}
	prev := x.out[n-1]
	if prev.Kind != Direct || prev.Speaker != st.Speaker || x.runsOn[n-1] {
		return false
	}
	text := x.d.Text
	if c.follows && x.lastUnit == ui-1 {
		if x.units[x.lastUnit].para != x.units[ui].para {
			return false
		}
		return strings.Trim(text[x.units[ui].start:c.start], openingMarks) == ""
	}
	if x.lastUnit != ui || !c.follows && (c.ev == nil || c.ev != x.lastEv) {
		return false
	}
	// Only the attribution lies between the two quotations, perhaps with
	// a relative clause about the speaker.
	between := text[prev.End:c.start]
	return !strings.ContainsAny(between, ";") && wordCount(between) <= 14
}

// continues reports whether an unattributed quotation at byte offset start
// in unit ui carries on the quotation of unit prev: in the same unit or the
// next one of the same paragraph, or at the opening of the next paragraph.
func continues(d *corpus.Document, us []unit, prev, ui, start int) bool {
	switch {
	case prev == ui:
		return true
	case prev != ui-1:
		return false
	case us[prev].para == us[ui].para:
		return true
	}
	return us[ui].para == us[prev].para+1 && strings.Trim(d.Text[us[ui].start:start], openingMarks) == ""
}

// units groups a document's sentences into units: sentences a quotation
// runs across are joined.
func units(d *corpus.Document, quotes []quotation) []unit {
	var out []unit
	para, prevEnd := 0, 0
	for _, s := range d.Sentences {
		para += strings.Count(d.Text[prevEnd:s.Start], "\n")
		prevEnd = s.Start
		if n := len(out); n > 0 && out[n-1].para == para && (crosses(quotes, out[n-1].end, s.Start) || attributesQuoteBefore(d.Text, quotes, out[n-1].end, s)) {
			out[n-1].end = s.End
			continue
		}
		out = append(out, unit{start: s.Start, end: s.End, para: para})
	}
	return out
}

// attributesQuoteBefore reports whether sentence s is the attribution of
// the quotation that ends the sentence before it, which a sentence
// splitter separates after a question or an exclamation: "“Is it over?”
// Patel asked." A verb of saying within the first words of s tells.
func attributesQuoteBefore(text string, quotes []quotation, prevEnd int, s corpus.Span) bool {
	last := -1
	for i, q := range quotes {
		if q.close <= prevEnd {
			last = i
		}
	}
	if last < 0 || strings.TrimSpace(text[quotes[last].close:prevEnd]) != "" {
		return false
	}
	if q := quotes[last]; q.in1 <= q.in0 || !strings.ContainsAny(text[q.in1-1:q.in1], "?!") {
		return false // "…” He also said" starts a sentence of its own
	}
	words := strings.Fields(text[s.Start:s.End])
	for i, w := range words {
		if i == 6 {
			break
		}
		w = strings.Trim(foldWord(w), ".,;:!?")
		if _, ok := speechVerbs[w]; ok {
			return true
		}
	}
	return false
}

// crosses reports whether a quotation opens before end and closes after
// next, joining the sentences on either side.
func crosses(quotes []quotation, end, next int) bool {
	for _, q := range quotes {
		if q.open < end && q.close > next {
			return true
		}
	}
	return false
}

// inCredit reports whether token i is part of a picture credit, names
// joined by slashes ("Jo Lee/AFP/Getty Images"): credited photographers
// do not speak and pronouns do not stand for them.
func inCredit(toks []token, i int) bool {
	for j := i; j < len(toks) && j < i+5; j++ {
		if toks[j].text == "/" {
			return true
		}
		if toks[j].kind != wordToken && toks[j].text != "." {
			break
		}
	}
	for j := i - 1; j >= 0 && j > i-5; j-- {
		if toks[j].text == "/" {
			return true
		}
		if toks[j].kind != wordToken && toks[j].text != "." {
			break
		}
	}
	return false
}

// scanNames returns the names mentioned in a unit, in order, with the
// organisations described fully enough to be named by their description
// ("Sudova's foreign ministry", later "the ministry").
func scanNames(toks []token) []mention {
	var out []mention
	for i := 0; i < len(toks); {
		if toks[i].kind == wordToken && !inCredit(toks, i) {
			m, ok := parseNP(toks, i)
			if ok && m.kind == descMention && m.org && m.phrase != m.head {
				m = mention{kind: nameMention, from: m.from, to: m.to, name: m.phrase, org: true}
			}
			if ok && m.kind == nameMention {
				out = append(out, m)
				i = m.to
				continue
			}
		}
		i++
	}
	return out
}
