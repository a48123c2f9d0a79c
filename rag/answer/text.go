package answer

import "github.com/newsbot/storybot/internal/lang"

// token is one word of a text, as the shared English toolkit splits it.
type token = lang.Token

// tokenize splits s into words with their byte offsets (lang.Tokenize).
func tokenize(s string) []token { return lang.Tokenize(s) }
