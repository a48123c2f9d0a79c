// Package rag is the engine the bot calls: Ask, Follow (a question in a
// conversation), Check (a claim), Retrieve, Timeline, WhoSaid,
// Speakers and Sync over a corpus of news articles, every quote verbatim in
// the sources.
//
// The flow of a question, package by package:
//
//	question ──► rag/index   retrieval: chunks in chromem-go and a lexical
//	                         (BM25) index over the same chunks, each hit a
//	                         self-contained Passage (document, title, date,
//	                         URL, text, sentences with byte offsets, score)
//	         ──► rag/answer  the answer: question analysis, then the LLM
//	                         answerer (when configured) or the extractive
//	                         one, working on the Passages only
//	         ──► rag/answer  verification: every citation is checked
//	                         (answer.Check) against its document's text as
//	                         re-read from the corpus (source.go), not the
//	                         index's stored copy
//	         ──► bot         rendering: Discord embed, console or JSON
//
// Engine is the one facade: it holds the index behind a read-write lock
// (taken only to retrieve, never across an LLM's network call), syncs it
// with the corpus, and caches the story analyses (rag/timeline,
// rag/whosaid). Words are read through internal/lang everywhere. The answer
// and index types the bot uses (Answer, Citation, Embedder, LLM) are
// re-exported here, so the bot imports rag alone.
package rag
