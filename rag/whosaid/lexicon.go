package whosaid

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// The word lists below are generic English news vocabulary: speech verbs,
// role and organisation nouns, titles and honorifics. None names a person or
// an organisation of a particular article.

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

// speechPhraseVerbs and speechNouns make phrases that act as one verb of
// saying: "gave assurances that", "issued a warning that", "made clear".
var (
	speechPhraseVerbs = set("gave", "give", "gives", "giving", "issued", "issue", "issues", "made", "make", "makes", "offered", "expressed", "voiced")
	speechNouns       = set("assurance", "assurances", "warning", "warnings", "guarantee", "guarantees", "promise", "pledge", "statement", "clear", "hope", "confidence", "concern", "reassurance", "reassurances")
)

// scareMarkers before a quotation mark it as a name or a term, not speech.
var scareMarkers = set("so-called", "dubbed", "termed", "labelled", "labeled", "branded", "nicknamed", "titled", "entitled", "word", "term", "phrase", "known")

// determiners open a descriptive noun phrase.
var determiners = lang.Set("determiners")

// adverbs may stand between a subject and its verb ("Tehran also denied").
var adverbs = set("also", "both", "long", "all", "each", "since", "has", "have", "had", "later", "earlier", "previously", "again", "repeatedly", "publicly", "recently", "already", "then", "separately", "further", "once", "often", "reportedly", "allegedly", "subsequently", "initially", "first", "last", "will", "would", "could", "may", "might", "did", "does", "do", "firmly", "strongly", "flatly", "categorically", "angrily", "quickly", "immediately", "however", "himself", "herself", "itself")

// negations in the verb group mean the speaker did not say it.
var negations = set("not", "never", "n't", "didn't", "hasn't", "haven't", "hadn't", "won't", "wouldn't", "doesn't", "don't", "isn't", "wasn't", "can't", "couldn't", "declined", "refused")

// passives before a past participle ("it was reported") hide the speaker.
var passives = set("was", "were", "is", "are", "be", "been", "being")

// functionWords never belong to a noun phrase.
var functionWords = set("the", "a", "an", "and", "or", "but", "that", "which", "who", "whom", "whose", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "about", "into", "after", "before", "over", "under", "than", "also", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "should", "may", "might", "must", "can", "not", "no", "it", "he", "she", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this", "these", "those", "there", "here", "when", "where", "while", "if", "then", "so", "very", "however", "all", "some", "any", "more", "most", "such", "only", "just", "even", "still", "already", "later", "earlier", "previously", "again", "today", "yesterday", "tomorrow", "according", "because", "since", "until", "though", "although", "whether", "what", "how", "why", "did", "does", "do", "said", "says", "told", "him", "them", "us", "me", "my", "your", "out", "up", "down", "off", "now", "last", "next", "yet", "both", "each", "every", "many", "much", "few", "several", "other", "own", "same", "via", "per", "amid", "during", "without", "within", "against", "between", "among", "through", "across", "despite", "toward", "towards", "upon", "like", "unlike", "near")

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
var titleWords = set(
	"minister", "president", "vice", "prime", "secretary", "deputy", "chief", "executive", "director", "general",
	"senator", "sen", "governor", "gov", "mayor", "ambassador", "envoy", "judge", "justice", "professor", "chancellor",
	"king", "queen", "prince", "princess", "pope", "bishop", "archbishop", "rev", "reverend", "captain", "capt", "colonel", "col",
	"lieutenant", "lt", "sergeant", "sgt", "commander", "admiral", "gen", "maj", "major", "spokesperson", "spokesman", "spokeswoman",
	"officer", "inspector", "superintendent", "detective", "coach", "ceo", "cfo", "chairman", "chairwoman", "chair",
	"speaker", "representative", "rep", "congressman", "congresswoman", "councillor", "councilor", "councilman", "councilwoman",
	"attorney", "premier", "sheikh", "emir", "ayatollah", "sultan", "chairperson", "head", "leader", "founder", "dean",
	"provost", "rector", "principal", "treasurer", "commissioner", "mp", "mep", "assemblyman", "assemblywoman", "marshal",
	"editor", "correspondent", "coordinator", "adviser", "advisor", "undersecretary", "consul", "sheriff", "pastor", "rabbi", "imam",
)

// roleSynonyms widen a role noun used as an anaphor: "the diplomat" is the
// person whose role mentions a minister of foreign affairs or an ambassador.
var roleSynonyms = map[string][]string{
	"diplomat":     {"diplomat", "ambassador", "envoy", "foreign minister", "foreign secretary", "secretary of state", "consul", "foreign affairs"},
	"minister":     {"minister"},
	"official":     {"official", "minister", "secretary", "spokes", "director", "commissioner", "officer", "head", "chief"},
	"lawmaker":     {"lawmaker", "senator", "representative", "congress", "mp", "legislator", "councillor"},
	"legislator":   {"lawmaker", "senator", "representative", "congress", "mp", "legislator"},
	"executive":    {"executive", "ceo", "chief", "president", "director"},
	"ceo":          {"ceo", "chief executive"},
	"scientist":    {"scientist", "researcher", "professor"},
	"researcher":   {"researcher", "scientist", "professor"},
	"academic":     {"professor", "lecturer", "researcher"},
	"spokesman":    {"spokes"},
	"spokeswoman":  {"spokes"},
	"spokesperson": {"spokes"},
	"politician":   {"minister", "senator", "mayor", "governor", "president", "mp", "lawmaker", "councillor", "premier"},
	"leader":       {"leader", "president", "prime minister", "premier", "chancellor", "head", "chief"},
	"officer":      {"officer", "police", "sergeant", "inspector", "detective", "constable"},
}

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
var mediaNouns = set("newspaper", "paper", "agency", "broadcaster", "channel", "magazine", "outlet", "website", "network", "daily", "tabloid", "radio", "television", "tv", "station", "programme", "program", "podcast", "show", "press")

// orgWords are capitalised words that make a name an organisation or a
// place rather than a person.
var orgWords = set(
	"university", "college", "school", "institute", "ministry", "department", "agency", "office", "council", "committee",
	"commission", "government", "party", "company", "corporation", "corp", "inc", "ltd", "llc", "plc", "group", "bank",
	"association", "union", "federation", "foundation", "organisation", "organization", "court", "police", "army", "navy",
	"force", "forces", "house", "parliament", "congress", "senate", "assembly", "times", "post", "news", "press", "journal",
	"guardian", "telegraph", "herald", "tribune", "gazette", "service", "authority", "board", "bureau", "centre", "center",
	"hospital", "club", "network", "television", "radio", "tv", "media", "nations", "republic", "kingdom", "states",
	"embassy", "administration", "fund", "trust", "society", "council's", "city", "county", "state", "region", "airlines",
	"airways", "motors", "industries", "systems", "technologies", "labs", "laboratory", "lab", "museum", "library",
	"council", "agency's", "reuters", "programme", "program", "initiative", "coalition", "alliance", "movement", "front",
	"brigade", "command", "cabinet", "kremlin", "pentagon", "commission's", "daily", "weekly", "broadcasting", "channel",
	"international", "associated", "project", "charity", "church", "mosque", "temple", "team", "fc", "united",
	"energy", "holdings", "partners", "capital", "pharmaceuticals", "foods", "resources", "oil", "gas", "power",
	"electric", "steel", "mining", "telecom", "communications", "solutions", "software", "insurance", "investments",
	"ventures", "logistics", "shipping", "enterprises", "bancorp", "airport", "railways", "rail", "media", "studios",
)

// corporateWords in a name mark a business.
var corporateWords = set("energy", "group", "inc", "corp", "corporation", "ltd", "llc", "plc", "company", "co", "holdings",
	"partners", "capital", "bank", "airlines", "airways", "motors", "industries", "systems", "technologies", "labs",
	"pharmaceuticals", "foods", "resources", "oil", "gas", "power", "electric", "steel", "mining", "telecom",
	"communications", "solutions", "software", "insurance", "investments", "ventures", "logistics", "shipping",
	"enterprises", "media", "studios", "network", "brands", "retail", "stores", "automotive", "aerospace", "chemicals")

// companyNouns used as anaphors ("the company said") stand for the
// organisation last named with a proper name.
var companyNouns = set("company", "firm", "group", "business", "carrier", "airline", "bank", "retailer", "manufacturer",
	"maker", "insurer", "lender", "operator", "developer", "broadcaster", "publisher", "startup", "conglomerate", "giant")

// calendarWords are capitalised but never speakers.
var calendarWords = set("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// nameParticles may appear in lower case inside a name ("Ursula von der Leyen").
var nameParticles = set("de", "del", "della", "der", "den", "van", "von", "bin", "bint", "al", "el", "da", "dos", "du", "le", "la", "ibn", "ter", "di")

// notPeople are common nouns ending like professions ("-er", "-or") that
// name no one.
var notPeople = set("number", "corner", "summer", "winter", "center", "letter", "matter", "member's", "border", "quarter",
	"chapter", "disaster", "minister's", "monitor", "sector", "factor", "floor", "error", "mirror", "terror", "horror",
	"corridor", "tractor", "reactor", "meteor", "doctor's", "shelter", "barrier", "murder", "danger", "theater", "theatre",
	"register", "computer", "chamber", "partner's", "cluster", "filter", "further", "another", "whether", "together",
	"rather", "neither", "either", "however", "manner", "dinner", "weather", "water", "paper", "power", "order", "offer",
	"answer", "remainder", "thunder", "cancer", "harbour", "harbor", "labour", "labor", "honour", "honor", "favour",
	"favor", "colour", "color", "behaviour", "behavior", "vigour", "rigour", "endeavour", "neighbour", "tumour", "rumour",
	"rumor", "humour", "humor", "flavour", "flavor", "vapour", "vapor", "armour", "armor", "parlour", "september",
	"october", "november", "december", "super", "proper", "upper", "lower", "better", "bitter", "longer", "larger",
	"greater", "bigger", "smaller", "higher", "earlier", "later", "former", "latter", "other", "under", "over", "after",
	"never", "ever", "clever", "sober", "tender", "slender", "timber", "lumber", "rubber", "copper", "silver", "pepper",
	"oyster", "lobster", "butter", "hammer", "ladder", "powder", "shoulder", "finger", "ginger", "anger", "hunger",
	"tiger", "poster", "banner", "trailer", "container", "cylinder", "calendar", "elevator", "ventilator", "indicator",
	"generator", "radiator", "motor", "razor", "mayor's", "actor's", "error's", "vector", "ancestor", "juror",
	"christian", "median", "guardian", "civilian's", "comedian's", "jurist", "list", "mist", "fist", "twist", "wrist",
	"exist", "assist", "insist", "resist", "persist", "consist", "desist", "enlist", "subsist", "career", "pioneer's")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

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
