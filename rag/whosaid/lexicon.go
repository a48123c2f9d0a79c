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
var determiners = set("the", "a", "an", "one", "another", "its", "his", "her", "their", "our", "this", "that")

// adverbs may stand between a subject and its verb ("Tehran also denied").
var adverbs = set("also", "both", "long", "all", "each", "since", "has", "have", "had", "later", "earlier", "previously", "again", "repeatedly", "publicly", "recently", "already", "then", "separately", "further", "once", "often", "reportedly", "allegedly", "subsequently", "initially", "first", "last", "will", "would", "could", "may", "might", "did", "does", "do", "firmly", "strongly", "flatly", "categorically", "angrily", "quickly", "immediately", "however", "himself", "herself", "itself")

// negations in the verb group mean the speaker did not say it.
var negations = set("not", "never", "n't", "didn't", "hasn't", "haven't", "hadn't", "won't", "wouldn't", "doesn't", "don't", "isn't", "wasn't", "can't", "couldn't", "declined", "refused")

// passives before a past participle ("it was reported") hide the speaker.
var passives = set("was", "were", "is", "are", "be", "been", "being")

// functionWords never belong to a noun phrase.
var functionWords = set("the", "a", "an", "and", "or", "but", "that", "which", "who", "whom", "whose", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "about", "into", "after", "before", "over", "under", "than", "also", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "should", "may", "might", "must", "can", "not", "no", "it", "he", "she", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this", "these", "those", "there", "here", "when", "where", "while", "if", "then", "so", "very", "however", "all", "some", "any", "more", "most", "such", "only", "just", "even", "still", "already", "later", "earlier", "previously", "again", "today", "yesterday", "tomorrow", "according", "because", "since", "until", "though", "although", "whether", "what", "how", "why", "did", "does", "do", "said", "says", "told", "him", "them", "us", "me", "my", "your", "out", "up", "down", "off", "now", "last", "next", "yet", "both", "each", "every", "many", "much", "few", "several", "other", "own", "same", "via", "per", "amid", "during", "without", "within", "against", "between", "among", "through", "across", "despite", "toward", "towards", "upon", "like", "unlike", "near")

// pronouns that can stand for a speaker.
var pronouns = set("he", "she", "it", "they", "we", "i")

// honorifics carry gender evidence; they are neither name nor role.
var honorifics = map[string]byte{
	"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "mx": 0, "dr": 0, "prof": 0, "sir": 'm', "dame": 'f', "lord": 'm', "lady": 'f',
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

// roleNouns are lower-case nouns for people by their role; gendered ones
// carry gender evidence. Plurals are handled by roleNoun.
var roleNouns = map[string]byte{
	"spokesperson": 0, "spokesman": 'm', "spokeswoman": 'f', "director": 0, "president": 0, "minister": 0, "organiser": 0,
	"organizer": 0, "official": 0, "chief": 0, "executive": 0, "head": 0, "leader": 0, "chairman": 'm', "chairwoman": 'f',
	"chair": 0, "chairperson": 0, "secretary": 0, "professor": 0, "researcher": 0, "scientist": 0, "analyst": 0, "expert": 0,
	"economist": 0, "lawyer": 0, "attorney": 0, "doctor": 0, "nurse": 0, "teacher": 0, "student": 0, "resident": 0,
	"witness": 0, "mayor": 0, "governor": 0, "senator": 0, "lawmaker": 0, "legislator": 0, "ambassador": 0, "diplomat": 0, "envoy": 0,
	"commander": 0, "general": 0, "officer": 0, "manager": 0, "founder": 0, "owner": 0, "coach": 0, "captain": 0,
	"author": 0, "activist": 0, "campaigner": 0, "protester": 0, "member": 0, "worker": 0, "employee": 0, "engineer": 0,
	"adviser": 0, "advisor": 0, "aide": 0, "prosecutor": 0, "judge": 0, "historian": 0, "editor": 0, "correspondent": 0,
	"reporter": 0, "journalist": 0, "chancellor": 0, "premier": 0, "king": 'm', "queen": 'f', "prince": 'm', "princess": 'f',
	"pope": 'm', "bishop": 0, "priest": 0, "imam": 'm', "rabbi": 0, "dean": 0, "principal": 0, "treasurer": 0, "coordinator": 0,
	"representative": 0, "negotiator": 0, "farmer": 0, "victim": 0, "survivor": 0, "mother": 'f', "father": 'm',
	"businessman": 'm', "businesswoman": 'f', "congressman": 'm', "congresswoman": 'f', "ceo": 0, "politician": 0,
	"critic": 0, "source": 0, "insider": 0, "commissioner": 0, "councillor": 0, "councilor": 0, "inspector": 0, "detective": 0,
	"sheriff": 0, "pastor": 0, "physician": 0, "surgeon": 0, "architect": 0, "designer": 0, "consultant": 0, "investor": 0,
	"mp": 0, "mep": 0, "deputy": 0, "undersecretary": 0, "consul": 0, "vice-president": 0, "player": 0,
	"striker": 0, "athlete": 0, "actor": 'm', "actress": 'f', "singer": 0, "artist": 0, "writer": 0, "novelist": 0,
	"poet": 0, "pilot": 0, "soldier": 0, "veteran": 0, "parent": 0, "neighbour": 0, "neighbor": 0, "shopkeeper": 0,
	"landlord": 0, "tenant": 0, "passenger": 0, "driver": 0, "mediator": 0, "observer": 0, "monitor": 0, "inspector-general": 0,
	"provost": 0, "rector": 0, "lecturer": 0, "curator": 0, "chef": 0, "entrepreneur": 0, "volunteer": 0, "paramedic": 0,
	"firefighter": 0, "policeman": 'm', "policewoman": 'f', "trustee": 0, "regulator": 0, "trader": 0, "banker": 0,
	"strategist": 0, "broker": 0, "fan": 0, "voter": 0, "shopper": 0, "customer": 0, "patient": 0, "guard": 0,
	"man": 'm', "woman": 'f', "boy": 'm', "girl": 'f', "husband": 'm', "wife": 'f', "son": 'm', "daughter": 'f',
	"predecessor": 0, "successor": 0, "colleague": 0, "partner": 0, "friend": 0, "boss": 0, "counterpart": 0,
	"rival": 0, "opponent": 0, "ally": 0, "assistant": 0, "relative": 0, "staffer": 0,
	"nominee": 0, "candidate": 0, "hopeful": 0, "contender": 0, "challenger": 0, "frontrunner": 0, "front-runner": 0,
	"incumbent": 0, "pollster": 0, "operative": 0, "surrogate": 0, "donor": 0, "supporter": 0, "backer": 0, "delegate": 0,
	"billionaire": 0, "mogul": 0, "tycoon": 0, "magnate": 0, "host": 0, "anchor": 0, "commentator": 0, "columnist": 0,
	"pundit": 0, "blogger": 0, "contributor": 0, "person": 0, "people": 0, "official's": 0, "republican": 0, "democrat": 0,
	"conservative": 0, "liberal": 0, "progressive": 0, "moderate": 0, "veteran's": 0, "officeholder": 0, "appointee": 0,
	"brother": 'm', "sister": 'f', "uncle": 'm', "aunt": 'f', "grandmother": 'f', "grandfather": 'm', "chairmen": 'm',
}

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
// outlets ("the city's planning department", "the campus newspaper").
var orgNouns = set(
	"government", "department", "ministry", "agency", "police", "company", "firm", "council", "committee", "commission",
	"office", "university", "college", "school", "hospital", "court", "army", "military", "authorities", "authority",
	"union", "group", "organisation", "organization", "institute", "board", "administration", "embassy", "parliament",
	"campaign", "newspaper", "paper", "broadcaster", "channel", "magazine", "outlet", "website", "network", "bank",
	"team", "club", "party", "federation", "association", "foundation", "charity", "coalition", "alliance", "regulator",
	"watchdog", "prosecutors", "officials", "spokespeople", "lab", "laboratory", "airline", "carrier", "manufacturer",
	"maker", "retailer", "developer", "operator", "service", "services", "cabinet", "presidency", "kremlin", "junta",
	"regime", "secretariat", "bureau", "centre", "center", "station", "daily", "tabloid", "press", "media", "tribunal",
	"inquiry", "panel", "senate", "congress", "assembly", "city", "state", "county", "municipality", "district", "province",
	"ad", "advertisement", "statement", "report", "letter", "memo", "filing", "lawsuit", "complaint", "poll", "survey",
	"study", "editorial", "release", "document", "documents", "indictment", "ruling", "order", "video", "article", "book",
	"petition", "resolution", "platform", "website", "blog", "column", "op-ed", "tweet", "post", "message", "email",
)

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

// knownRoleNoun looks w up in roleNouns, singular or plural.
func knownRoleNoun(w string) (gender byte, ok bool) {
	if g, ok := roleNouns[w]; ok {
		return g, true
	}
	switch {
	case strings.HasSuffix(w, "men"):
		if g, ok := roleNouns[strings.TrimSuffix(w, "men")+"man"]; ok {
			return g, true
		}
	case strings.HasSuffix(w, "women"):
		return 'f', roleNouns[strings.TrimSuffix(w, "women")+"woman"] == 'f'
	case strings.HasSuffix(w, "s"):
		if g, ok := roleNouns[strings.TrimSuffix(w, "s")]; ok {
			return g, true
		}
	}
	return 0, false
}
