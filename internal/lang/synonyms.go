package lang

import "sync"

// Variants returns the stems that count as a match for stem s: itself and
// the stems of its synonyms (data/synonyms.txt), s first.
func Variants(s string) []string {
	if v, ok := synonyms()[s]; ok {
		return v
	}
	return []string{s}
}

// HasSynonyms reports whether stem s belongs to a synonym group.
func HasSynonyms(s string) bool {
	_, ok := synonyms()[s]
	return ok
}

// synonyms maps each stem of a group to the stems of every group it is in,
// itself first and each once.
var synonyms = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, g := range Entries("synonyms") {
		stems := make([]string, 0, len(g))
		for _, w := range g {
			stems = append(stems, Stem(w))
		}
		for _, s := range stems {
			if _, ok := m[s]; !ok {
				m[s] = []string{s}
			}
			for _, o := range stems {
				if !contains(m[s], o) {
					m[s] = append(m[s], o)
				}
			}
		}
	}
	return m
})

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
