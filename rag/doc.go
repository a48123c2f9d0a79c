// Package rag answers questions about a corpus of news articles with quotes
// that are verbatim in the sources: it indexes chunks in chromem-go, retrieves
// them with a hybrid of vector and lexical scores, composes an answer
// (extractively, or through an OpenAI-compatible LLM whose quotes are checked)
// and confirms every quoted span against the corpus text.
package rag
