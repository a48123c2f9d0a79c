// Package whosaid extracts attributed statements from news articles (direct
// quotes and reported speech) and resolves who made them: the analysis
// behind /who-said.
//
// Extraction is deterministic and knows no article: it reads each sentence
// (or the sentences a quotation joins) as tokens in which every quotation
// is one token (curly, straight and typewriter marks alike),
// finds the acts of saying (the toolkit's verbs of saying, particle and
// topic verbs such as "pointed out" and "spoke of", "according to", "cites
// X as saying", a speaker's name before a colon in headlines and digests),
// reads the speaker written before or after the verb as a noun phrase (a
// name with its title, a description with an appositive name, a pronoun,
// an organisation or a document; across appositives, party designations,
// relative clauses and asides), pairs quotations with the act of saying
// next to them and turns the remaining acts into reported speech: the
// clause it reports, whole when it quotes some of its words. Picture
// credits and datelines are neither speakers nor statements; scare quotes,
// names and titles of works are not statements. Speakers are resolved in
// reading order against
// the people and organisations named so far: a surname to the full name, a
// pronoun to the latest person of that gender (from honorifics, a list of
// given names, gendered role nouns and pronouns already used), a role noun
// ("the diplomat", "the university") to the latest entity whose role or
// name fits; a description that fits no one named before ("a senior
// official") is itself the speaker. What cannot be resolved is
// Unattributed, never guessed.
//
// Search then answers a /who-said query by speaker or by remembered words.
package whosaid

// Kinds of statement.
const (
	Direct   = "direct"   // words inside quotation marks
	Indirect = "indirect" // reported speech, claims, denials
)

// Unattributed is the speaker of a statement whose speaker the text does not
// make clear.
const Unattributed = "unattributed"

// Statement is something a speaker said, claimed or denied. Quote is
// verbatim: Quote == Document.Text[Start:End].
type Statement struct {
	Speaker  string `json:"speaker"`
	Role     string `json:"role,omitempty"`
	Via      string `json:"via,omitempty"` // the channel that carried it ("IRNA")
	Kind     string `json:"kind"`
	Quote    string `json:"quote"`    // verbatim words, inside the document text
	Sentence string `json:"sentence"` // the whole sentence, verbatim
	Doc      string `json:"doc"`
	Title    string `json:"title"`
	Start    int    `json:"start"` // byte offsets of Quote in the document
	End      int    `json:"end"`
}
