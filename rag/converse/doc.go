// Package converse reads a follow-up question in the context of the earlier
// turns of a conversation and rewrites it as the standalone question the
// answerer should answer: "What did he say about the missiles?" after "Who
// is Iran's foreign minister?" (answered with Hossein Amirabdollahian)
// becomes "What did Hossein Amirabdollahian say about the missiles?"; "And
// missiles?" after "Did Iran send drones to Russia?" becomes "Did Iran send
// missiles to Russia?".
//
// Resolve is rule-based and offline. It resolves, in this order:
//   - a bare question opening ("Why?", "When did that happen?", "How
//     many?"), asked of the earlier question;
//   - an elliptical follow-up ("And missiles?", "What about Ukraine?"), whose
//     noun phrase takes the place of the earlier question's focus or name of
//     the same kind;
//   - pronouns ("he", "her", "it", "their") and role nouns ("the minister",
//     "the university"), replaced by the person or thing they refer to: the
//     entities of the earlier answers (from who-said statements), the names
//     in the earlier questions and the earlier question's subject.
//
// A question that needs none of this is returned unchanged, with Changed
// false. What cannot be resolved is left as written, never guessed.
//
// With a language model, Follow asks it to rewrite a follow-up that may
// need the conversation (RewritePrompt builds the request) and
// AcceptRewrite checks the model's answer: a rewrite that brings in words
// found neither in the history nor in the question, or drops the question's
// own words, is rejected in favour of Resolve's.
//
// # Wiring
//
// The engine keeps, per conversation, the turns answered so far (their JSON
// form is stable, for the store) and, for each follow-up:
//
//	res, err := converse.Follow(ctx, turns, question, rewrite) // rewrite: the LLM as a RewriteFunc, or nil
//	// err, when set, is why the model's rewrite was not used: log it
//	ans, err := engine.Ask(ctx, res.Question)
//	turns = append(turns, converse.Turn{
//		Question: res.Question,
//		Entities: converse.EntitiesFrom(ans.Text+" "+quotes, statements),
//	})
//
// where quotes are the answer's cited quotes joined and statements the
// who-said statements of the corpus (Engine.WhoSaid with no query). The
// resolved question to show and to print as "resolved_question" is
// res.Question; res.Changed says whether it differs from what was typed.
// Word lists are internal/lang/data/converse-*.txt, each naming its
// source.
package converse
