package lang

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// data holds the word lists: one entry a line, "#" starting a comment, the
// header of each file naming where its words come from.
//
//go:embed data/*.txt
var data embed.FS

// WordSet is a set of lower-case words (or phrases).
type WordSet map[string]bool

// Has reports whether w is in the set.
func (s WordSet) Has(w string) bool { return s[w] }

// Entries returns the lines of the named list (without ".txt"), each split
// into its whitespace-separated fields, comments and blank lines left out.
// It panics on a name that is not a list of data/: the lists are compiled in,
// so a missing one is a programming error that every test run would catch.
func Entries(name string) [][]string {
	b, err := data.ReadFile(path.Join("data", name+".txt"))
	if err != nil {
		panic(fmt.Sprintf("lang: no word list %q: %v", name, err))
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if f := strings.Fields(line); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}

var sets sync.Map // name → WordSet

// Set returns the named word list as a set of its entries' first fields
// (lower case, as the lists are written). Callers must not modify it. It
// panics on an unknown name, as Entries does.
func Set(name string) WordSet {
	if s, ok := sets.Load(name); ok {
		return s.(WordSet)
	}
	s := WordSet{}
	for _, e := range Entries(name) {
		s[e[0]] = true
	}
	sets.Store(name, s)
	return s
}

var allWords sync.Map // name → WordSet

// AllWords returns the named list as a set of every field of every entry,
// for lists written several words to a line. Callers must not modify it.
// It panics on an unknown name, as Entries does.
func AllWords(name string) WordSet {
	if s, ok := allWords.Load(name); ok {
		return s.(WordSet)
	}
	s := WordSet{}
	for _, e := range Entries(name) {
		for _, w := range e {
			s[w] = true
		}
	}
	allWords.Store(name, s)
	return s
}

// Phrases returns the named list with each line as one entry, its fields
// joined by single spaces ("foreign minister"), in the order of the file.
func Phrases(name string) []string {
	var out []string
	for _, e := range Entries(name) {
		out = append(out, strings.Join(e, " "))
	}
	return out
}

// Names returns the names of all word lists, sorted.
func Names() []string {
	files, _ := fs.Glob(data, "data/*.txt")
	out := make([]string, 0, len(files))
	for _, f := range files {
		out = append(out, strings.TrimSuffix(path.Base(f), ".txt"))
	}
	sort.Strings(out)
	return out
}

// IsStopword reports whether a lower-case word carries no topic: function
// words, question words, and verbs so generic that a question's use of them
// says nothing about what it asks ("happen", "say").
func IsStopword(w string) bool { return stopwords()[w] }

var stopwords = sync.OnceValue(func() WordSet { return Set("stopwords") })

var lemmas = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, e := range Entries("lemmas") {
		for _, form := range e[1:] {
			m[form] = e[0]
		}
	}
	return m
})
