// Package lang is the one English toolkit of the bot: every package that
// reads words (retrieval, answering, the timeline, who-said) splits, stems
// and classifies them here, so that a question and a source are read alike.
//
// It holds:
//   - one tokenizer (Tokenize, EachWord): runs of letters and digits with
//     their byte offsets, each word's lower case, stem and stopword flag
//     cached (FormsOf);
//   - one stemmer (Stem): the Snowball English stemmer, after a table of
//     irregular verb forms (Lemma: "said" → "say", "sent" → "send"), and
//     StemsMatch for stems of one word family ("iran"/"iranian");
//   - the word lists, as embedded data files under data/ (one entry a line,
//     "#" comments, each file's header naming its source): stopwords, speech
//     verbs, role nouns, honorifics, determiners, auxiliaries, synonym groups
//     and the others listed by Names. Set returns any of them by name; the
//     lists with attributes have their own accessors (SpeechVerb, RoleNoun,
//     Honorific, Variants).
//
// lang imports nothing of the product: corpus, rag and bot all build on it.
package lang
