package lang

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenizeSplitsWordsWithOffsets(t *testing.T) {
	text := "Tehran’s Shahed-136 drones, sent in 2022."
	toks := Tokenize(text)
	var words []string
	for _, tok := range toks {
		words = append(words, tok.Word)
		if got := strings.ToLower(text[tok.Start:tok.End()]); got != tok.Word {
			t.Errorf("token %q at %d: text there is %q", tok.Word, tok.Start, got)
		}
	}
	want := []string{"tehran", "s", "shahed", "136", "drones", "sent", "in", "2022"}
	if !slices.Equal(words, want) {
		t.Fatalf("got %q, want %q", words, want)
	}
	if !toks[0].Upper || toks[4].Upper {
		t.Errorf("upper flags: got %v and %v, want true and false", toks[0].Upper, toks[4].Upper)
	}
	if toks[5].Stem != "send" {
		t.Errorf("stem of sent: got %q, want send", toks[5].Stem)
	}
}

func TestStemMatchesIrregularAndRegularForms(t *testing.T) {
	for _, pair := range [][2]string{
		{"said", "says"}, {"sent", "sending"}, {"gave", "gives"}, {"told", "tells"},
		{"missiles", "missile"}, {"denied", "denies"}, {"began", "begins"}, {"withdrew", "withdrawal"},
	} {
		if a, b := Stem(pair[0]), Stem(pair[1]); a != b && !(pair[0] == "withdrew" && StemsMatch(a, b)) {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q: want the same", pair[0], a, pair[1], b)
		}
	}
	if Stem("2022") != "2022" {
		t.Errorf("numbers are kept: got %q", Stem("2022"))
	}
}

func TestStemReadsBritishAndAmericanSpellingsAlike(t *testing.T) {
	same := [][2]string{
		{"apologised", "apologize"}, {"organisation", "organization"}, {"recognises", "recognizing"},
		{"analysed", "analyzes"}, {"criticised", "criticized"},
	}
	for _, p := range same {
		if a, b := Stem(p[0]), Stem(p[1]); a != b {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q: want the same", p[0], a, p[1], b)
		}
	}
	// Words spelled -ise in every spelling keep their stem (and so still
	// match their own family: "revised" and "revision").
	kept := [][2]string{{"revised", "revis"}, {"surprising", "surpris"}, {"otherwise", "otherwis"}, {"raised", "rais"}}
	for _, p := range kept {
		if got := Stem(p[0]); got != p[1] {
			t.Errorf("Stem(%q) = %q, want %q", p[0], got, p[1])
		}
	}
}

func TestStemsMatchFamilies(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{Stem("iran"), Stem("iranian"), true},
		{Stem("ukraine"), Stem("ukrainian"), true},
		{Stem("war"), Stem("warning"), false}, // too short a stem to extend
		{"1000", "10000", false},
		{Stem("missile"), Stem("mission"), false},
	}
	for _, c := range cases {
		if got := StemsMatch(c.a, c.b); got != c.want {
			t.Errorf("StemsMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestIsStopword(t *testing.T) {
	for _, w := range []string{"the", "what", "did", "said", "happened", "t"} {
		if !IsStopword(w) {
			t.Errorf("%q: want a stopword", w)
		}
	}
	for _, w := range []string{"missile", "iran", "sandwich", "cost"} {
		if IsStopword(w) {
			t.Errorf("%q: want a content word", w)
		}
	}
	if got := ContentStems("What did the minister say about the missiles?"); !slices.Equal(got, []string{"minist", "missil"}) {
		t.Errorf("ContentStems: got %q", got)
	}
}

func TestSpeechVerb(t *testing.T) {
	cases := []struct {
		w                             string
		ok                            bool
		lemma                         string
		withVerb, quoteOnly, nounLike bool
	}{
		{w: "said", ok: true, lemma: "say"},
		{w: "say", ok: true, lemma: "say"},
		{w: "denied", ok: true, lemma: "deny", withVerb: true},
		{w: "replied", ok: true, lemma: "reply", quoteOnly: true, nounLike: true},
		{w: "reported", ok: true, lemma: "report", nounLike: true},
		{w: "report", ok: false}, // a noun far more often
		{w: "missile", ok: false},
	}
	for _, c := range cases {
		v, ok := SpeechVerb(c.w)
		if ok != c.ok {
			t.Errorf("SpeechVerb(%q): got ok %v, want %v", c.w, ok, c.ok)
			continue
		}
		if ok && (v.Lemma != c.lemma || v.WithVerb != c.withVerb || v.QuoteOnly != c.quoteOnly || v.NounLike != c.nounLike) {
			t.Errorf("SpeechVerb(%q) = %+v, want lemma %q with-verb %v quote-only %v noun-like %v", c.w, v, c.lemma, c.withVerb, c.quoteOnly, c.nounLike)
		}
	}
	if _, ok := SpeechLemma("report"); !ok {
		t.Error("SpeechLemma(report): want the noun-like lemma accepted")
	}
}

func TestRoleNounAndHonorific(t *testing.T) {
	cases := []struct {
		w  string
		g  Gender
		ok bool
	}{
		{"spokeswoman", Female, true}, {"ministers", Unknown, true}, {"businesswomen", Female, true},
		{"chairmen", Male, true}, {"missile", Unknown, false},
	}
	for _, c := range cases {
		if g, ok := RoleNoun(c.w); g != c.g || ok != c.ok {
			t.Errorf("RoleNoun(%q) = %q, %v; want %q, %v", c.w, g, ok, c.g, c.ok)
		}
	}
	if g, ok := Honorific("mrs"); !ok || g != Female {
		t.Errorf("Honorific(mrs) = %q, %v; want f, true", g, ok)
	}
	if _, ok := Honorific("minister"); ok {
		t.Error("Honorific(minister): want false")
	}
}

func TestVariants(t *testing.T) {
	v := Variants(Stem("admit"))
	if v[0] != Stem("admit") || !slices.Contains(v, Stem("acknowledged")) {
		t.Errorf("Variants(admit) = %q: want itself first and acknowledg", v)
	}
	if got := Variants("zzz"); !slices.Equal(got, []string{"zzz"}) {
		t.Errorf("Variants of a word in no group: got %q", got)
	}
	// Groups that bridged one sample article's wording are gone.
	for _, pair := range [][2]string{{"use", "rely"}, {"react", "side"}, {"hand", "give"}, {"deny", "wrong"}} {
		if slices.Contains(Variants(Stem(pair[0])), Stem(pair[1])) {
			t.Errorf("%q and %q are not synonyms in a general thesaurus", pair[0], pair[1])
		}
	}
}

func TestEveryListLoadsAndNamesItsSource(t *testing.T) {
	for _, name := range Names() {
		b, err := data.ReadFile("data/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "Source:") {
			t.Errorf("%s.txt: the header must name the list's source", name)
		}
		if len(Entries(name)) == 0 {
			t.Errorf("%s.txt: no entries", name)
		}
		for w := range Set(name) {
			if w != strings.ToLower(w) {
				t.Errorf("%s.txt: %q is not lower case", name, w)
			}
		}
	}
	for _, name := range []string{"stopwords", "speech-verbs", "role-nouns", "honorifics", "determiners", "auxiliaries", "synonyms", "lemmas"} {
		if !slices.Contains(Names(), name) {
			t.Errorf("missing list %q", name)
		}
	}
}

func TestWithinOneEdit(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"mcconell", "mcconnell", true}, {"masschusetts", "massachusetts", true}, {"biden", "bidan", true},
		{"same", "same", true}, {"trump", "truman", false}, {"ab", "ba", false},
	}
	for _, c := range cases {
		if got := WithinOneEdit(c.a, c.b); got != c.want {
			t.Errorf("WithinOneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("Iran's foreign minister said on Tuesday that the missile part is completely wrong. ", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
}

func TestStemsMatchTable(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"iran", "iranian", true},
		{"russia", "russian", true},
		{"drone", "drone", true},
		{"war", "warsaw", false}, // too short to extend
		{"ukrain", "ukrainianism", false},
		{"2022", "20221", false}, // numbers never extend
	}
	for _, tt := range tests {
		if got := StemsMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("StemsMatch(%q, %q): got %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := StemsMatch(tt.b, tt.a); got != tt.want {
			t.Errorf("StemsMatch(%q, %q): got %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestSynonymsAreSymmetric(t *testing.T) {
	for s, vs := range synonyms() {
		if !slices.Contains(vs, s) {
			t.Errorf("Variants(%q) = %q lacks the stem itself", s, vs)
		}
		for _, v := range vs {
			if !slices.Contains(Variants(v), s) {
				t.Errorf("%q has synonym %q, but not the other way round", s, v)
			}
		}
	}
	if got := Variants("zeppelin"); !slices.Equal(got, []string{"zeppelin"}) {
		t.Errorf("variants of a word without synonyms: got %q, want only itself", got)
	}
}

func TestIsSpeechPhrase(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"gave assurances that", true}, {"issued a warning", true}, {"voicing concern", true},
		{"gave drones to Russia", false}, {"made a bomb", false},
	}
	for _, c := range cases {
		if got := IsSpeechPhrase(Tokenize(c.text), 0); got != c.want {
			t.Errorf("IsSpeechPhrase(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestAllWordsTakesEveryField checks that a list written several words to
// a line gives every word, where Set gives only the first of each line.
func TestAllWordsTakesEveryField(t *testing.T) {
	all, first := AllWords("claim-additive"), Set("claim-additive")
	for _, w := range []string{"only", "just", "merely"} {
		if !all.Has(w) {
			t.Errorf("AllWords(claim-additive) lacks %q", w)
		}
	}
	if first.Has("merely") {
		t.Error(`Set(claim-additive) has "merely", a second field; want first fields only`)
	}
}

// BenchmarkFormsOfLargeVocabulary looks up words already seen from a
// vocabulary the size a folder of manuals gives (identifiers, numbers,
// hundreds of thousands of words), on every CPU at once, as the embedder's
// workers do during ingest.
func BenchmarkFormsOfLargeVocabulary(b *testing.B) {
	words := make([]string, 300_000)
	for i := range words {
		var w []byte
		for n := i + 26*26; n > 0; n /= 26 {
			w = append(w, byte('a'+n%26))
		}
		words[i] = string(w)
		FormsOf(words[i])
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			FormsOf(words[i%len(words)])
			i += 7919 // a prime: a spread-out walk over the vocabulary
		}
	})
}
