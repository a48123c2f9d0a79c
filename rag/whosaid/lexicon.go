package whosaid

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// The word lists of the analysis are data files of internal/lang: the
// toolkit's shared lists (speech verbs, role, organisation and document
// nouns, honorifics, determiners, pronouns, auxiliaries) and the whosaid-*
// lists only this package reads, each naming its source. They are generic
// English news vocabulary: none names a person or an organisation of a
// particular article.

// speechVerb describes one surface form of a verb of saying.
type speechVerb struct {
	lemma string
	// withVerb is set for verbs whose statement reads wrongly without the
	// verb itself ("denied claims that …", "proposed severing ties …").
	withVerb bool
	// quoteOnly verbs attribute quotations ("“No,” she replied") but do not
	// introduce reported speech.
	quoteOnly bool
	// topic verbs are verbs of saying only with what they are about
	// ("spoke of", "referring to").
	topic bool
}

// speechVerbs maps every surface form of a verb of saying to its entry:
// the toolkit's speech verbs (internal/lang) and the topic verbs of
// whosaid-topic-verbs.txt.
var speechVerbs = func() map[string]speechVerb {
	out := map[string]speechVerb{}
	for w, v := range lang.SpeechVerbs() {
		out[w] = speechVerb{lemma: v.Lemma, withVerb: v.WithVerb, quoteOnly: v.QuoteOnly}
	}
	for _, e := range lang.Entries("whosaid-topic-verbs") {
		for _, w := range e {
			if _, ok := out[w]; !ok {
				out[w] = speechVerb{lemma: e[0], withVerb: true, topic: true}
			}
		}
	}
	return out
}()

// scareMarkers before a quotation mark it as a name or a term, not speech.
var scareMarkers = lang.Set("whosaid-scare-markers")

// determiners open a descriptive noun phrase.
var determiners = lang.Set("determiners")

// adverbs may stand between a subject and its verb ("Tehran also denied").
var adverbs = lang.Set("whosaid-adverbs")

// negations in the verb group mean the speaker did not say it.
var negations = lang.Set("whosaid-negations")

// passives before a past participle ("it was reported") hide the speaker.
var passives = lang.Set("whosaid-passives")

// functionWords never belong to a noun phrase.
var functionWords = lang.Set("whosaid-function-words")

// pronouns that can stand for a speaker.
var pronouns = lang.Set("pronouns")

// honorific reports whether w (lower case, no dot) is a courtesy title and
// the gender it gives evidence of ('m', 'f' or 0); honorifics are neither
// name nor role.
func honorific(w string) (gender byte, ok bool) {
	g, ok := lang.Honorific(w)
	return byte(g), ok
}

// titleWords are capitalised words of a role that precede a name
// ("Foreign Minister", "Chief Executive", "Senator").
var titleWords = lang.Set("whosaid-title-words")

// roleSynonyms widen a role noun used as an anaphor: "the diplomat" is the
// person whose role mentions a minister of foreign affairs or an ambassador.
var roleSynonyms = func() map[string][]string {
	out := map[string][]string{}
	for _, line := range lang.Phrases("whosaid-role-synonyms") {
		key, syns, ok := strings.Cut(line, ":")
		if !ok {
			panic("whosaid: whosaid-role-synonyms: want ROLE: SYNONYM, ...: " + line)
		}
		for _, syn := range strings.Split(syns, ",") {
			out[key] = append(out[key], strings.TrimSpace(syn))
		}
	}
	return out
}()

// orgNouns are heads of noun phrases naming organisations, bodies and
// outlets ("the city's planning department", "the campus newspaper") and
// documents that speak for their authors ("the statement said"): the
// toolkit's org-nouns and document-nouns.
var orgNouns = func() map[string]bool {
	out := map[string]bool{}
	for _, list := range []string{"org-nouns", "document-nouns"} {
		for w := range lang.Set(list) {
			out[w] = true
		}
	}
	return out
}()

// mediaNouns are heads of noun phrases naming news outlets; telling one of
// them something makes it the channel of a statement.
var mediaNouns = lang.Set("whosaid-media-nouns")

// orgWords are capitalised words that make a name an organisation or a
// place rather than a person.
var orgWords = lang.Set("whosaid-org-words")

// corporateWords in a name mark a business.
var corporateWords = lang.Set("whosaid-corporate-words")

// companyNouns used as anaphors ("the company said") stand for the
// organisation last named with a proper name.
var companyNouns = lang.Set("whosaid-company-nouns")

// calendarWords are capitalised but never speakers.
var calendarWords = lang.Set("whosaid-calendar-words")

// nameParticles may appear in lower case inside a name ("Ursula von der Leyen").
var nameParticles = lang.Set("whosaid-name-particles")

// notPeople are common nouns ending like professions ("-er", "-or") that
// name no one.
var notPeople = lang.Set("whosaid-not-people")

// roleNoun reports whether w (lower case) is a noun for a person by role,
// singular or plural, and its gender evidence.
func roleNoun(w string) (gender byte, ok bool) {
	if g, ok := knownRoleNoun(w); ok {
		return g, true
	}
	// Professions by their ending: "hydrologist", "physician",
	// "headteacher".
	sing := strings.TrimSuffix(w, "s")
	if orgNouns[w] || orgNouns[sing] || mediaNouns[sing] {
		return 0, false
	}
	for _, suffix := range []string{"ologist", "ician", "ographer", "ist", "eer"} {
		if strings.HasSuffix(sing, suffix) && len(sing) >= len(suffix)+3 && !functionWords[w] {
			return 0, true
		}
	}
	if (strings.HasSuffix(sing, "er") || strings.HasSuffix(sing, "or")) && len(sing) >= 6 && !functionWords[w] && !adverbs[w] && !notPeople[sing] {
		return 0, true
	}
	return 0, false
}

// knownRoleNoun looks w up in the toolkit's role nouns, singular or
// plural.
func knownRoleNoun(w string) (gender byte, ok bool) {
	g, ok := lang.RoleNoun(w)
	return byte(g), ok
}

// roleNounExact reports whether w is a role noun as written, not the plural
// of one ("official", not "officials").
func roleNounExact(w string) bool {
	if _, ok := lang.RoleNoun(w); !ok {
		return false
	}
	for _, p := range [][2]string{{"women", "woman"}, {"men", "man"}, {"s", ""}} {
		if base, cut := strings.CutSuffix(w, p[0]); cut {
			if _, ok := lang.RoleNoun(base + p[1]); ok && base+p[1] != w {
				return false
			}
		}
	}
	return true
}
