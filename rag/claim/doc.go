// Package claim checks a claim someone made ("Iran sent missiles to
// Russia!") against source sentences: the analysis behind /check and `bot
// check`.
//
// Judge is rule-based and offline, and knows no article. It reads the
// claim's content words (with lemmas of irregular verbs, Snowball stems and
// synonym groups, so "gave" finds "supplied"), its amounts and whether it is
// negated, then reads each candidate sentence: one that says every word of
// the claim close together (a country may be named by its capital, and one
// name may come from the article's title when the sentence says "it" or
// "we"), with the claim's doer not its receiver, bears on it. A bearing sentence disputes the claim when a denial
// ("denied", "rejects … , which X denies"), a verdict of falsehood ("the X
// part is completely wrong", "false"), an absence of evidence ("no
// evidence that") or a negation ("did not send") bears on the claim's
// words, or when it gives another amount ("12 million dollars" for "20
// million") or an excluded alternative ("Tuesday" for "Monday", "before"
// for "after"); it supports the claim when it asserts it; a hypothetical
// ("if evidence was presented that …") or a question does neither.
//
// The verdict is Disputed when any sentence disputes the claim, Supported
// when some support it and none disputes it, NotFound otherwise, with the
// deciding sentences verbatim and with their offsets.
//
// # Wiring
//
// The engine checks a claim in one call, giving its retrieval as a function
// and the who-said statements of the corpus:
//
//	res, err := claim.Check(ctx, text, func(ctx context.Context, c string) ([]claim.Sentence, error) {
//		hits, err := retrieve(ctx, c, 20)
//		… for each hit: cands = append(cands, claim.SentencesIn(doc, chunkStart, chunkEnd, hit.Score)...)
//		return cands, err
//	}, statements)
//	// err: claim.ErrEmpty or claim.ErrTooLong (tell the user), else internal
//
// or calls Validate, Judge and Attribute itself.
//
// Candidates are the sentences of the chunks retrieved for the claim (about
// 20 chunks; each sentence with its document id and title, its verbatim
// text, its byte offsets in the document and the chunk's retrieval score),
// or claim.Sentences(docs) for every sentence of a small corpus. Judge costs
// some tens of microseconds a candidate. For `bot check --json`, "verdict"
// is res.Verdict, "explanation" res.Explanation, and each res.Evidence a
// citation: "doc" Doc, "title" Title, "quote" Text, "start" Start, "end"
// End, with "published" and "url" from the document; Evidence also says
// how it disputes the claim (Kind, Cue) and who said so (Speaker, Role).
//
// Word lists are internal/lang/data/claim-*.txt, each naming its source.
package claim
