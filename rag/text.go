package rag

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// token is one word of a text: its lower-cased form, its stem and where it is.
type token struct {
	word  string
	stem  string
	start int // byte offset in the tokenised text
	upper bool
}

// tokenize splits s into words: runs of letters and digits. Hyphens and
// apostrophes split words ("Shahed-136" is "shahed" and "136"; "Tehran’s" is
// "tehran" and "s"), which lets a question written with a space match a text
// written with a hyphen.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1) // about one word in six bytes of prose
	eachWord(s, func(w string, start int, f forms) {
		r, _ := utf8.DecodeRuneInString(w)
		toks = append(toks, token{word: f.lower, stem: f.stem, start: start, upper: unicode.IsUpper(r)})
	})
	return toks
}

// eachWord calls fn with each word of s (as tokenize splits them), its byte
// offset and its forms, without building a slice: the hot paths of indexing
// (embedding and the lexicon) need nothing more.
func eachWord(s string, fn func(word string, start int, f forms)) {
	start := -1
	for i := 0; i < len(s); {
		// ASCII, most of news text, is classified by a table; the rest is
		// decoded as ranging over the string would.
		c, size := s[i], 1
		word := asciiWord[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			fn(s[start:i], start, formsOf(s[start:i]))
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(s[start:], start, formsOf(s[start:]))
	}
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// forms are what the bot needs of a word as written: its lower-cased form,
// its stem, and whether it is a stopword.
type forms struct {
	lower, stem string
	stop        bool
}

// wordForms caches forms by the word as written: news prose reuses a small
// vocabulary, and lower-casing and stemming every occurrence is most of
// tokenising's cost.
var wordForms sync.Map

func formsOf(w string) forms {
	if f, ok := wordForms.Load(w); ok {
		return f.(forms)
	}
	w = strings.Clone(w) // the key must not keep the whole text alive
	lw := strings.ToLower(w)
	f := forms{lower: lw, stem: stem(lw), stop: stopwords[lw]}
	wordForms.Store(w, f)
	return f
}

// stem returns the stem of a lower-case word.
func stem(w string) string {
	if len(w) > 3 && !isNumber(w) {
		return english.Stem(w, true)
	}
	return w
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// contentStems returns the stems of the words of s that carry meaning.
func contentStems(s string) []string {
	out := make([]string, 0, len(s)/8+1)
	eachWord(s, func(_ string, _ int, f forms) {
		if !f.stop {
			out = append(out, f.stem)
		}
	})
	return out
}

// stemsMatch reports whether two stems name the same word family. Beyond
// equality it accepts a stem that extends the other by a short suffix the
// stemmer keeps: demonyms and the like ("ukrain"/"ukrainian", "iran"/"iranian",
// "russia"/"russian").
func stemsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && len(b)-len(a) <= 4 && strings.HasPrefix(b, a) && !isNumber(a)
}

// stopwords carry no topic: function words, question words, and verbs so
// generic that a question's use of them says nothing about what it asks.
var stopwords = setOf(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom whose why will with would you your
yours yourself yourselves s t don didn doesn isn wasn weren aren won wouldn couldn shouldn ve ll re d
happen happened happens do done make made get got go went know tell told think thing things mean say says
said according via per however also really actually many much`)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// synonyms groups the stems of words that news writing uses interchangeably,
// so that a question in one word finds a text in another ("admit" and
// "acknowledged", "send" and "provided"). General news vocabulary only.
var synonyms = buildSynonyms([][]string{
	{"admit", "acknowledg", "confirm", "conced", "concede"},
	{"send", "sent", "provid", "suppli", "deliv", "deliveri", "hand", "ship", "shipment", "transfer", "give", "sell", "sold"},
	{"deni", "reject", "refut", "dismiss", "wrong", "fals"},
	{"sanction", "punit", "penalti", "embargo"},
	{"react", "reaction", "respond", "respons", "repli", "side"},
	{"cut", "sever", "break", "end"},
	{"tie", "relat", "relationship"},
	{"propos", "suggest", "call", "urg"},
	{"meet", "talk", "discuss", "negoti"},
	{"cancel", "withdrew", "withdraw", "pull", "scrap"},
	{"target", "aim", "hit", "strike", "struck"},
	{"missil", "rocket"},
	{"drone", "uav", "unman"},
	{"war", "conflict", "invas", "fight"},
	{"kill", "dead", "die", "death", "casualti"},
	{"claim", "alleg", "accus", "assert"},
	{"remark", "comment", "statement", "say", "saying", "state"},
	{"carri", "cite", "report", "publish", "run", "quot"},
	{"agenc", "outlet", "wire", "media"},
	{"cost", "price", "spend", "spent", "fund"},
	{"open", "inaugur", "launch", "unveil"},
	{"start", "begin", "began", "commenc", "launch"},
	{"stop", "halt", "suspend", "paus"},
	{"protest", "demonstr", "ralli"},
	{"build", "construct"},
	{"employ", "hire", "staff", "job"},
	{"plan", "intend", "expect"},
	{"evid", "proof", "prove"},
	{"countri", "nation", "state"},
	{"presid", "leader", "head", "chief"},
	{"minist", "secretari", "diplomat"},
	{"use", "reli", "deploy", "employ"},
	{"weapon", "arm", "munit"},
	{"attack", "strike", "raid", "assault", "airstrik", "bomb"},
})

func buildSynonyms(groups [][]string) map[string][]string {
	m := make(map[string][]string)
	for _, g := range groups {
		stems := make([]string, 0, len(g))
		for _, w := range g {
			stems = append(stems, stem(w))
		}
		for _, s := range stems {
			m[s] = append(m[s], stems...)
		}
	}
	return m
}

// variants returns the stems that count as a match for stem s: itself and its
// synonyms.
func variants(s string) []string {
	if v, ok := synonyms[s]; ok {
		return v
	}
	return []string{s}
}
