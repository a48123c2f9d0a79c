package lang

import (
	"fmt"
	"strings"
	"sync"
)

// Gender is the evidence a word gives of a person's gender.
type Gender byte

// The genders a word can give evidence of; Unknown is none.
const (
	Unknown Gender = 0
	Male    Gender = 'm'
	Female  Gender = 'f'
)

// RoleNoun reports whether the lower-case word w is a noun for a person by
// role ("spokesman", "ministers", "businesswomen"), singular or plural, and
// the gender it gives evidence of.
func RoleNoun(w string) (Gender, bool) {
	nouns := roleNouns()
	if g, ok := nouns[w]; ok {
		return g, true
	}
	switch {
	case strings.HasSuffix(w, "women"):
		if g, ok := nouns[strings.TrimSuffix(w, "women")+"woman"]; ok {
			return g, true
		}
	case strings.HasSuffix(w, "men"):
		if g, ok := nouns[strings.TrimSuffix(w, "men")+"man"]; ok {
			return g, true
		}
	case strings.HasSuffix(w, "s"):
		if g, ok := nouns[strings.TrimSuffix(w, "s")]; ok {
			return g, true
		}
	}
	return Unknown, false
}

// Honorific reports whether the lower-case word w (without a trailing dot)
// is a courtesy title ("mr", "dame", "dr") and the gender it gives evidence
// of.
func Honorific(w string) (Gender, bool) {
	g, ok := honorifics()[w]
	return g, ok
}

var (
	roleNouns  = sync.OnceValue(func() map[string]Gender { return gendered("role-nouns") })
	honorifics = sync.OnceValue(func() map[string]Gender { return gendered("honorifics") })
)

// gendered reads a list whose lines are a word and, optionally, "m" or "f".
func gendered(name string) map[string]Gender {
	m := map[string]Gender{}
	for _, e := range Entries(name) {
		g := Unknown
		if len(e) > 1 {
			switch e[1] {
			case "m":
				g = Male
			case "f":
				g = Female
			default:
				panic(fmt.Sprintf("lang: %s: unknown gender %q of %q", name, e[1], e[0]))
			}
		}
		m[e[0]] = g
	}
	return m
}
