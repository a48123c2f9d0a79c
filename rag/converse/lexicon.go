package converse

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// pronoun is what a personal pronoun agrees with.
type pronoun struct {
	plural     bool
	gender     string // "male", "female", "neuter", "any"
	possessive bool
}

var pronouns = func() map[string]pronoun {
	m := map[string]pronoun{}
	for _, l := range lang.Entries("converse-pronouns") {
		if len(l) != 4 {
			panic("converse: bad line in converse-pronouns.txt: " + strings.Join(l, " "))
		}
		m[l[0]] = pronoun{plural: l[1] == "plural", gender: l[2], possessive: l[3] == "possessive"}
	}
	return m
}()

// Openings of follow-ups, as word lists, longest first as written.
var (
	ellipsisOpenings = lang.Entries("converse-ellipsis")
	whOpenings       = lang.Entries("converse-wh")
)

// roleGroups are the stems of the role nouns, by group.
var roleGroups = func() [][]string {
	var out [][]string
	for _, l := range lang.Entries("converse-roles") {
		g := make([]string, len(l))
		for i, w := range l {
			g[i] = lang.Stem(w)
		}
		out = append(out, g)
	}
	return out
}()

// isRoleNoun reports whether a word names a person by role ("minister",
// "coach", "spokeswomen").
func isRoleNoun(t token) bool {
	if len(roleGroupsOf(t.stem)) > 0 {
		return true
	}
	_, ok := lang.RoleNoun(t.lower)
	return ok
}

// roleGroupsOf returns the groups a stem belongs to.
func roleGroupsOf(s string) []int {
	var out []int
	for i, g := range roleGroups {
		for _, w := range g {
			if w == s {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// roleGroup returns the group of the first role noun among toks, or -1.
func roleGroup(toks []token) int {
	for _, t := range toks {
		if gs := roleGroupsOf(t.stem); len(gs) > 0 {
			return gs[0]
		}
	}
	return -1
}

// sameRole reports whether a role noun can name a holder of role.
func sameRole(noun token, role string) bool {
	gs := roleGroupsOf(noun.stem)
	for _, t := range tokenize(role) {
		if t.stem == noun.stem {
			return true
		}
		for _, g := range roleGroupsOf(t.stem) {
			for _, h := range gs {
				if g == h {
					return true
				}
			}
		}
	}
	return false
}

// matchOpening returns the length in tokens of the first opening of opens
// that toks start with, and the opening; 0 when none.
func matchOpening(toks []token, opens [][]string) (int, []string) {
	for _, o := range opens {
		if len(o) > len(toks) {
			continue
		}
		ok := true
		for i, w := range o {
			if toks[i].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return len(o), o
		}
	}
	return 0, nil
}

// isWh reports whether a token is a question word.
func isWh(t token) bool { return questionWords[t.lower] }

var questionWords = lang.AllWords("converse-question-words")
