package answer

// Mode names of the answerers, as reported in Answer.Mode.
const (
	ModeExtractive = "extractive"
	ModeLLM        = "llm"
)

// Citation is one numbered source of an answer: a verbatim passage of a
// document, with its byte offsets in the document's cleaned text.
type Citation struct {
	N         int    `json:"n"`
	Doc       string `json:"doc"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Quote     string `json:"quote"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Answer is what the bot tells a user: text with [n] markers that refer to
// Citations, or an abstention when the sources do not answer the question.
type Answer struct {
	Question  string     `json:"question"`
	Text      string     `json:"answer"`
	Abstained bool       `json:"abstained"`
	Mode      string     `json:"mode"`
	Model     string     `json:"model,omitempty"` // the LLM's model name in ModeLLM
	Citations []Citation `json:"citations"`
}
