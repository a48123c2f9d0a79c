// Package store is the bot's state beside the search index: pinned answers,
// conversations, feedback votes, the question log, sources (with their
// article files) and feed state, per-server settings, and articles with
// their chunks and vectors (so a replica can rebuild its in-process index
// without re-embedding anything).
//
// This package holds the records and one small interface per concern; the
// implementations live in sub-packages:
//
//   - store/file keeps everything under DATA_DIR (the default, one process):
//     append-only JSON lines written whole and fsynced, a torn last line
//     skipped, small files replaced atomically;
//   - store/postgres keeps everything in PostgreSQL (DATABASE_URL) through
//     pgx, so several replicas share it; its schema migrations are embedded
//     and applied at open; article changes are announced with LISTEN/NOTIFY;
//     an advisory lock lets one replica embed an article.
//
// Both pass the same contract tests (store/storetest).
//
// # Guilds
//
// Every record belongs to a guild (a Discord server id). The empty guild id
// is a guild of its own, never "every guild": for pins, votes and
// conversations it is direct messages and the command line; for sources and
// articles it is the shared corpus (the bundled story or CORPUS_DIR). The
// few operations that do span every guild say so in their names (EachPin,
// Feeds, EachArticle).
//
// # Wiring
//
// cmd/bot opens one implementation and hands its interfaces to the packages
// that need them:
//
//	var st store.Store
//	if cfg.DatabaseURL != "" {
//		st, err = postgres.Open(ctx, cfg.DatabaseURL, store.Options{})
//	} else {
//		st, err = file.Open(cfg.DataDir, store.Options{})
//	}
//	defer st.Close()
//
// bot declares the interfaces it uses (Pins, Conversations, Feedback,
// Questions, Settings) and keeps its rag.Citation values: store.Citation
// has the same fields, so store.Citation(c) converts one. The index (rag)
// builds itself at start from Articles.EachArticle (chunks and vectors as
// saved, nothing re-embedded), embeds each new or changed article through
// EmbedOnce (which takes the "embed:<guild>/<id>" lock, skips an article
// already stored at its hash and saves what was embedded), and follows
// Changes.Subscribe to load what other replicas saved. The feed poller
// keeps sources and their conditional-request state with Sources and asks
// MarkSeen which items are new; with replicas it keeps each added
// article's file with SourceFiles too, and every replica writes its
// sources folders from there, following ChangeSource.
//
// Work that one replica should do for all takes a lock first and is
// skipped when TryLock says another holds it: "poll:<guild>/<feed>" around
// one feed's poll, "fetch:<guild>/<id>" around re-fetching an article, "pins:recheck" around re-checking every pin after a
// change (EachPin, then SetPinChecks, then editing the changed pins'
// messages), so a pinned message is edited once, not once per replica.
package store
