// Package answer turns retrieved Passages into an Answer whose every quote
// is verbatim in a source: it analyses the question (what kind of answer it
// wants, its weighted words and focus), answers extractively (the sentences
// that best cover the question, or an abstention when the sources do not
// name what it asks for) or through an OpenAI-compatible LLM (given the
// passages directly, its quotes located in them, its figures checked), and
// verifies citations against document text (Check, Verify, Locate).
//
// It reads no index: what it needs of a document comes with the Passage.
package answer
