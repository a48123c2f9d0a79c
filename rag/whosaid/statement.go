// Package whosaid extracts attributed statements from news articles (direct
// quotes and reported speech) and resolves who made them: the analysis
// behind /who-said.
package whosaid

// Kinds of statement.
const (
	Direct   = "direct"   // words inside quotation marks
	Indirect = "indirect" // reported speech, claims, denials
)

// Unattributed is the speaker of a statement whose speaker the text does not
// make clear.
const Unattributed = "unattributed"

// Statement is something a speaker said, claimed or denied.
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
