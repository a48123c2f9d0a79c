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
//
// With Options.Store (PostgreSQL, DATABASE_URL) the engine is a replica
// (replica.go): its index is built in memory from the stored articles'
// chunks and vectors, new articles are embedded once for all replicas,
// and FollowStore syncs in what any replica saves or deletes.
//
// Per-server stories (guild.go): articles added as sources live in
// Options.SourcesDir, one folder per guild ("_" for the shared corpus). A
// guild with sources of its own has an Engine of its own, with its own
// index under DataDir/guilds/<guild>, over the shared corpus plus its
// folder; the root Engine routes Ask, Retrieve, Timeline, WhoSaid and
// Speakers by the guild in the context (WithGuild), and InCorpus and Verify
// by the document id ("sources/<guild>/…"). SyncAll, called by the running
// bot every WATCH_INTERVAL and after every source change, re-reads every
// folder by file stamps and embeds only what changed. A guild's index holds
// the shared corpus's chunks too (one self-contained index and lexicon per
// server), but takes their vectors from the shared index rather than
// embedding them again.
package rag
