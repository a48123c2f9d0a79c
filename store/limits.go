package store

import (
	"fmt"
	"unicode/utf8"
)

// Limits on what one record may hold. Discord bounds what the bot shows
// (2,000 characters a message, 4,096 an embed description), so a record
// beyond these is a bug upstream; it is refused rather than stored, which
// keeps every file line and database row small.
const (
	MaxIDBytes       = 128      // guild, channel, message, member, source, article ids
	MaxQuestionBytes = 2 << 10  // a question or a resolved question
	MaxAnswerBytes   = 16 << 10 // an answer's text
	MaxQuoteBytes    = 4 << 10  // one citation's quote
	MaxCitations     = 32       // citations of one answer
	MaxTextBytes     = 8 << 20  // an article's text (the fetch limit)
	MaxSeenKeys      = 10_000   // GUIDs/URLs remembered per feed
	maxFieldBytes    = 4 << 10  // any other short field (titles, names, URLs, errors)
	maxEntities      = 64       // entities remembered per turn
	maxVectorDim     = 1 << 14  // dimensions of one vector
	maxChunks        = 1 << 16  // chunks of one article
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// CheckID reports whether id is a usable id: valid UTF-8, at most
// MaxIDBytes, no control characters. The empty id is allowed where a guild
// is meant (see the package doc); callers that need one check for it.
func CheckID(what, id string) error {
	if len(id) > MaxIDBytes {
		return invalid("%s longer than %d bytes", what, MaxIDBytes)
	}
	if !utf8.ValidString(id) {
		return invalid("%s is not UTF-8", what)
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return invalid("%s has a control character", what)
		}
	}
	return nil
}

func checkRequiredID(what, id string) error {
	if id == "" {
		return invalid("%s is empty", what)
	}
	return CheckID(what, id)
}

func checkText(what, s string, max int) error {
	if len(s) > max {
		return invalid("%s longer than %d bytes", what, max)
	}
	if !utf8.ValidString(s) {
		return invalid("%s is not UTF-8", what)
	}
	return nil
}

func checkCitations(cs []Citation) error {
	if len(cs) > MaxCitations {
		return invalid("more than %d citations", MaxCitations)
	}
	for _, c := range cs {
		if err := checkText("quote", c.Quote, MaxQuoteBytes); err != nil {
			return err
		}
		for _, f := range []string{c.Doc, c.Title, c.Published, c.URL} {
			if err := checkText("citation field", f, maxFieldBytes); err != nil {
				return err
			}
		}
	}
	return nil
}
