package whosaid

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// A modest list of common given names by gender, drawn from many languages,
// so a pronoun can be matched to the right person. It is a generic resource:
// a name missing from it only leaves that person's gender unknown until a
// pronoun or an honorific settles it.
var (
	maleNames   = lang.Set("whosaid-given-names-male")
	femaleNames = lang.Set("whosaid-given-names-female")
)

// givenNameGender returns 'm' or 'f' for a known given name, 0 otherwise.
func givenNameGender(name string) byte {
	n := strings.ToLower(name)
	switch {
	case maleNames[n]:
		return 'm'
	case femaleNames[n]:
		return 'f'
	}
	return 0
}

// fullNameGender guesses the gender of a full name ("Kristalina
// Georgieva") from its given name: a known one, or else one ending in -a,
// a woman's in most European languages (the male exceptions are in
// maleNames). A single word ("Russia") is not judged by its ending.
func fullNameGender(parts []string) byte {
	if g := givenNameGender(parts[0]); g != 0 || len(parts) < 2 {
		return g
	}
	n := strings.ToLower(parts[0])
	if len(n) > 3 && strings.HasSuffix(n, "a") && !strings.Contains(n, "-") {
		return 'f'
	}
	return 0
}
