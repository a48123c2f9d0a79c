// Package bot is the Discord face of storybot: it registers the slash
// commands /ask, /timeline, /who-said and /pinned, answers them through an
// Engine, renders every answer as an embed with numbered, verbatim sources,
// and offers Pin and Sources buttons under each public answer.
//
// The same handlers serve two front ends: the Discord gateway (Bot.Run) and a
// local terminal session (RunConsole), so what a member sees in Discord can
// be tried without a Discord application.
//
// Design choices worth knowing:
//
//   - Every REST call and the gateway discovery go to Options.APIBase: the
//     session's HTTP transport rewrites discordgo's built-in discord.com URLs
//     to that base and refuses to send anything else to a Discord host, so a
//     missed endpoint variable cannot leak a request.
//   - Answers shown publicly are kept in memory, keyed by message id (the
//     last 1000), so the Sources and Pin buttons show exactly what was
//     answered. After a restart the question is taken from the message's
//     embed title and asked again; a question too long to fit in a title
//     cannot be recovered and the member is asked to ask again.
//   - Pinned answers are appended to pins.jsonl under the data dir, one JSON
//     object a line, fsynced; a torn last line is skipped on read.
//   - No message ever pings anyone: every message body carries
//     allowed_mentions with an empty parse list.
package bot
