package lang

import (
	"fmt"
	"strings"
	"sync"
)

// Verb describes one surface form of a verb of saying.
type Verb struct {
	// Lemma is the verb's base form ("say" for "said").
	Lemma string
	// WithVerb is set for verbs whose statement reads wrongly without the
	// verb itself ("denied claims that …", "proposed severing ties …").
	WithVerb bool
	// QuoteOnly verbs attribute quotations ("“No,” she replied") but do not
	// introduce reported speech.
	QuoteOnly bool
	// NounLike lemmas are far more often nouns than verbs in their bare form
	// ("state news agency", "a report"); SpeechVerb accepts only their
	// inflected forms.
	NounLike bool
}

// SpeechVerb reports whether the lower-case word w is a form of a verb of
// saying ("said", "denies", "warned"), and which. The bare form of a
// noun-like verb ("report", "state") is not one; SpeechLemma is.
func SpeechVerb(w string) (Verb, bool) {
	v, ok := speechVerbs().forms[w]
	return v, ok
}

// SpeechLemma reports whether the lower-case word w is the base form of a
// verb of saying, noun-like ones included ("report", "respond"): a question
// asking "how did X respond" uses the bare form.
func SpeechLemma(w string) (Verb, bool) {
	v, ok := speechVerbs().lemmas[w]
	return v, ok
}

// SpeechVerbs returns every form SpeechVerb accepts with its verb, in a new
// map the caller may keep.
func SpeechVerbs() map[string]Verb {
	out := make(map[string]Verb, len(speechVerbs().forms))
	for w, v := range speechVerbs().forms {
		out[w] = v
	}
	return out
}

type speechTable struct {
	forms, lemmas map[string]Verb
}

// speechVerbs reads data/speech-verbs.txt: each line is a lemma, its
// inflected forms and, after a ";", its attributes.
var speechVerbs = sync.OnceValue(func() speechTable {
	t := speechTable{forms: map[string]Verb{}, lemmas: map[string]Verb{}}
	for _, e := range Entries("speech-verbs") {
		v := Verb{Lemma: e[0]}
		var forms []string
		attrs := false
		for _, f := range e[1:] {
			switch {
			case f == ";":
				attrs = true
			case !attrs:
				forms = append(forms, f)
			case f == "with-verb":
				v.WithVerb = true
			case f == "quote-only":
				v.QuoteOnly = true
			case f == "noun-like":
				v.NounLike = true
			default:
				panic(fmt.Sprintf("lang: speech-verbs: unknown attribute %q of %q", f, e[0]))
			}
		}
		if !v.NounLike {
			forms = append(forms, v.Lemma)
		}
		for _, f := range forms {
			t.forms[f] = v
		}
		t.lemmas[v.Lemma] = v
	}
	return t
})

// IsSpeechPhrase reports whether the words starting at toks[i] are a light
// verb and a speech noun acting as one verb of saying ("gave assurances",
// "issued a warning"), an article or "its" allowed between them.
func IsSpeechPhrase(toks []Token, i int) bool {
	if i >= len(toks) || !Set("light-verbs").Has(lightLemma(toks[i].Word)) {
		return false
	}
	for j := i + 1; j < len(toks) && j <= i+2; j++ {
		if Set("speech-nouns").Has(toks[j].Word) {
			return true
		}
		if !Set("determiners").Has(toks[j].Word) {
			return false
		}
	}
	return false
}

// lightLemma is the lemma of a light verb's form: irregular ones through the
// lemma table, regular ones by their suffix ("issued", "voicing").
func lightLemma(w string) string {
	if l := Lemma(w); l != w {
		return l
	}
	for _, suf := range []string{"ing", "ed", "es", "s", "d"} {
		if base, ok := strings.CutSuffix(w, suf); ok && Set("light-verbs").Has(base) {
			return base
		}
		if base, ok := strings.CutSuffix(w, suf); ok && Set("light-verbs").Has(base+"e") {
			return base + "e"
		}
	}
	return w
}
