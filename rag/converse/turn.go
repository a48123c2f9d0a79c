package converse

import (
	"strings"

	"github.com/newsbot/storybot/internal/lang"
	"github.com/newsbot/storybot/rag/whosaid"
)

// Kinds of entity.
const (
	Person = "person"
	Org    = "org" // organisations, countries, places: "it" and "they", never "he"
)

// Entity is a person or organisation an answer named.
type Entity struct {
	Name string `json:"name"`           // "Hossein Amirabdollahian"
	Role string `json:"role,omitempty"` // "Iranian Foreign Minister"
	Kind string `json:"kind,omitempty"` // Person or Org; found from Name and Role when empty
	// Gender is "male", "female" or "" when unknown; "he" and "she" prefer
	// a person of their gender and accept one of unknown gender.
	Gender string `json:"gender,omitempty"`
}

// Turn is one earlier question of a conversation and what answered it.
type Turn struct {
	// Question is the question as resolved: standalone.
	Question string `json:"question"`
	// Focus are the words of what the question asked about ("drones");
	// when empty, Resolve finds them in Question.
	Focus []string `json:"focus,omitempty"`
	// Entities are the people and organisations of the answer, most
	// relevant first.
	Entities []Entity `json:"entities,omitempty"`
}

// Resolution is a follow-up question made standalone.
type Resolution struct {
	// Question is the standalone question to answer; the follow-up as
	// written when nothing needed resolving.
	Question string `json:"question"`
	// Changed reports whether Question differs from the follow-up.
	Changed bool `json:"changed"`
	// Rule names how it was resolved: "question" (a bare "Why?"),
	// "ellipsis", "reference" (pronouns and role nouns), "context" (the
	// earlier question joined to a follow-up that could not be merged into
	// it), "llm"; empty when unchanged.
	Rule string `json:"rule,omitempty"`
	// Substitutions list what replaced what, in order.
	Substitutions []Substitution `json:"substitutions,omitempty"`
}

// Substitution is one replacement made in resolving a follow-up.
type Substitution struct {
	From string `json:"from"` // as written in the follow-up ("he", "the minister", "missiles")
	To   string `json:"to"`   // what it stands for ("Hossein Amirabdollahian")
}

// EntitiesFrom returns the speakers of statements that an answer names (by
// full name or surname) or quotes, as entities, in order of first mention in
// the answer. A role that gives a gender ("spokeswoman") gives the
// entity's. Speakers are persons when they have a role or a name of two
// words or more without an organisation word ("Raj Patel"), organisations
// otherwise ("Iran", "Ukrainian government", "IRNA").
func EntitiesFrom(answer string, stmts []whosaid.Statement) []Entity {
	type found struct {
		e   Entity
		pos int
	}
	var out []found
	index := map[string]int{}
	for _, s := range stmts {
		if s.Speaker == "" || s.Speaker == whosaid.Unattributed {
			continue
		}
		pos := mentionAt(answer, s.Speaker)
		if pos < 0 && s.Quote != "" && strings.Contains(answer, s.Quote) {
			pos = strings.Index(answer, s.Quote)
		}
		if pos < 0 {
			continue
		}
		if i, ok := index[s.Speaker]; ok {
			if out[i].e.Role == "" {
				out[i].e.Role = s.Role
			}
			out[i].pos = min(out[i].pos, pos)
			continue
		}
		index[s.Speaker] = len(out)
		out = append(out, found{Entity{Name: s.Speaker, Role: s.Role, Kind: kindOf(s.Speaker, s.Role), Gender: genderOf(s.Role)}, pos})
	}
	// Insertion sort by position: few entities.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].pos < out[j-1].pos; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	es := make([]Entity, len(out))
	for i, f := range out {
		es[i] = f.e
	}
	return es
}

// genderOf returns the gender a role gives evidence of ("spokeswoman"), or
// "" when it gives none.
func genderOf(role string) string {
	for _, t := range tokenize(role) {
		switch g, _ := lang.RoleNoun(t.lower); g {
		case lang.Male:
			return "male"
		case lang.Female:
			return "female"
		}
	}
	return ""
}

// mentionAt returns where text names name, in full or by its last word
// (a surname), as whole words; -1 when it does not.
func mentionAt(text, name string) int {
	if i := wordIndex(text, name); i >= 0 {
		return i
	}
	parts := strings.Fields(name)
	if len(parts) > 1 && kindOf(name, "") == Person {
		return wordIndex(text, parts[len(parts)-1])
	}
	return -1
}

// wordIndex returns the offset of the first whole-word occurrence of w in s.
func wordIndex(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(w) >= len(s) || !isWordByte(s[i+len(w)])
		if before && after {
			return i
		}
		off = i + len(w)
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// kindOf guesses whether a name is a person's or an organisation's.
func kindOf(name, role string) string {
	toks := tokenize(name)
	for _, t := range toks {
		if orgWords[t.lower] {
			return Org
		}
	}
	if role != "" && roleGroup(tokenize(role)) >= 0 {
		return Person
	}
	if len(toks) >= 2 {
		for _, t := range toks {
			if !t.upper || isNumber(t.lower) {
				return Org // "March 2018", "the new quay": not a person's name
			}
		}
		return Person
	}
	return Org
}
