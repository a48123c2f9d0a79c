// Package bot is the Discord face of storybot: it registers the slash
// commands /ask, /timeline, /who-said and /pinned (and /sources when given a
// SourceManager), answers them through an
// Engine, renders every answer as an embed with numbered, verbatim sources,
// and offers Pin and Sources buttons under each public answer.
//
// The same handlers serve three front ends: the Discord gateway (Bot.Run,
// sharded as Discord recommends, shard.go), Discord's HTTP interactions
// endpoint (Serve: Ed25519-verified requests, the first callback written
// as the HTTP response, /healthz and /metrics beside it; serve.go,
// interactions.go) and a local terminal session (RunConsole), so what a
// member sees in Discord can be tried without a Discord application.
// Every interaction is metered (metrics.go): by command and outcome, with
// its acknowledgement and answer latency. One renderer (render.go) words
// answers, timelines and statements for Discord, the console and the command
// line alike (AnswerEmbed, WriteAnswer, …).
//
// The flow of one interaction: commands.go routes it from the command table
// to its handler (ask.go, timeline.go, whosaid.go, pin.go); the handler
// cleans the question of Discord syntax (CleanQuestion), asks the Engine,
// renders the result (render.go, limits.go) and replies through a responder
// (discordreply.go for Discord, console.go for the terminal); any error goes
// to Bot.fail, the one place errors become what a member reads.
//
// Design choices worth knowing:
//
//   - Settings come in through Options, every value required: their
//     defaults live in package config alone.
//   - Only questions draw from a member's rate limit (RatePerMinute, Burst);
//     buttons, paging, Sources, Pin, /pinned and autocomplete are free, and a
//     refusal says when to ask again.
//   - Replies survive Discord's transient faults: 5xx and 429 are retried
//     with backoff (the first callback within its 3 s window); a failed edit
//     of a deferred reply becomes a follow-up; with the interaction token
//     refused, a public reply goes to the channel as a message. Apologies
//     and refusals are always ephemeral: after a public deferral, the public
//     "thinking…" is deleted first.
//   - Every REST call and the gateway discovery go to Options.APIBase: the
//     session's HTTP transport rewrites discordgo's built-in discord.com URLs
//     to that base and refuses to send anything else to a Discord host, so a
//     missed endpoint variable cannot leak a request.
//   - Answers shown publicly are kept in memory, keyed by message id (the
//     last 1000), so the Sources and Pin buttons show exactly what was
//     answered. After a restart the question is taken from the message's
//     embed title and asked again; a question too long to fit in a title
//     cannot be recovered and the member is asked to ask again.
//   - Pinned answers go through the PinStore interface; the default appends
//     them to pins.jsonl under the data dir, one bounded JSON object a line,
//     fsynced; a torn last line is skipped on read, and listing the latest
//     reads the file backwards from its end. Pins belong to a server:
//     /pinned is registered for servers only and no lookup without a guild
//     returns anything.
//   - Every interaction's context carries its guild (rag.WithGuild), so a
//     server's questions are answered from the shared corpus plus its own
//     sources only. /sources add|follow|remove need Manage Server (or
//     Administrator, or the role Options.SourcesRole names, by name or id;
//     names are looked up in the server's roles); /sources list is open to
//     every member. Fetch problems (sources.InputError) are told to the
//     moderator in words; nothing already added changes.
//   - With Options.Pins = StorePins(store), pins live in package store,
//     where the re-check after every corpus change records whether their
//     quotes still stand; /pinned marks a changed or removed one with ⚠,
//     and UpdatePins edits the pinned message itself to say so, with the
//     date (and clears the warning once the quotes stand again).
//   - No message ever pings anyone: every message body carries
//     allowed_mentions with an empty parse list. Member-written text
//     (questions, topics, names) is escaped wherever shown, and an LLM
//     answer's own words lose links, mentions, spoilers and code its quoted
//     sources do not have.
//   - The logger given is wrapped by internal/redact: no log line carries a
//     token or a URL's password.
//   - Conversations (followup.go, thread.go): with Options.Conversations
//     and an Engine that is a Follower, every answer starts a conversation
//     keyed by its message id, which is the id of the thread a Follow up
//     (button and modal) or a reply starts from it; in that thread /ask, a
//     reply to the bot or a mention (any message, with MessageContent)
//     continues it, resolved against the earlier turns, and the footer
//     says what was answered ("Answered as: …"). A DM is one conversation;
//     so is the console session. /check (check.go) needs a Checker, votes
//     (feedback.go) a FeedbackStore, /stats (stats.go) a StatsFunc;
//     progress.go shows an LLM answer's steps in its deferred reply.
package bot
