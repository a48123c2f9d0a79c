// Package answer turns retrieved Passages into an Answer whose every quote
// is verbatim in a source. It reads no index: what it needs of a document
// comes with the Passage.
//
// The flow of Extract, the answerer that needs no model:
//
//	Analyze    what the question asks: its kind (who, when, where, how many,
//	           how long, why, yes/no, a summary), its words weighted by their
//	           rarity (a name one typing slip from the corpus's read as it),
//	           its focus (the head of the noun phrase asked for, or the verb
//	           of "how much did X pay"; a measure noun asks for a number),
//	           the speaker of "what does X say/think" (named before an
//	           appositive too: "X, a scientist at …, said"), the actor of
//	           "what did X do"; future markers ("going to") are no topic
//	candidates every sentence of the passages scored against the question
//	answers    abstain unless the best sentences name the focus, cover
//	           enough of the question, give the asked-for person's view, show
//	           the actor acting, give an age for "how old" (of whom it is
//	           asked, today when it asks "is"; else an article's title may
//	           answer), tell which X for "which X" (a name or a qualifier
//	           beside it); an age is no amount; a best sentence saying the
//	           thing is not known ("too early to estimate") abstains, quoting
//	           it
//	choose     the sentences cited, each once (near-duplicates of another
//	           article merged), with the sentence that names a "he" or "the
//	           minister" the lead speaks of
//	lead       the answer's first line: a short verbatim window of the best
//	           sentence, the answer in bold (a name, the timeline's resolved
//	           date, a number, a place, a reason; "Yes:"/"No:" only when the
//	           source says so, a "no" led by who says it); two sources
//	           giving different figures are both shown, dated, newest first;
//	           sources the lead does not quote are pointed to ("See also")
//
// The LLM answerer (LLM.Answer) is given the passages directly (an
// article's chunks merged in reading order, copies dropped), at a low
// temperature in JSON; each of its quotes is located in the source it names
// (LocateQuote accepts a changed first letter, an editorial bracket and
// elisions, never a word the source lacks), and a figure no source gives
// rejects the reply. Check then verifies every citation against its
// document's text as the caller re-reads it.
package answer
