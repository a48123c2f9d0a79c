package whosaid

import (
	"sort"
	"strings"
	"unicode"

	"github.com/newsbot/storybot/internal/lang"
)

// Search finds the statements a /who-said query asks for, best first.
//
// The query is either a speaker (a surname, a full name or a role, in any
// case: "kuleba", "Hannah Cole", "foreign minister") or words remembered
// from a quote. Quote words match fuzzily, as people misremember them: by
// stem, by prefix and with one typing slip, and a changed or missing word
// is tolerated. Statements by a matching speaker come first, in document
// order; then statements ranked by how much of the query their quote holds.
// An empty query returns every statement grouped by speaker, speakers in
// order of first appearance and unattributed statements last.
func Search(stmts []Statement, query string) []Statement {
	terms := queryTerms(query)
	if len(terms) == 0 {
		return groupBySpeaker(stmts)
	}
	type hit struct {
		s     Statement
		score float64
	}
	var hits []hit
	for _, s := range stmts {
		if sc := speakerScore(s, terms); sc > 0 {
			hits = append(hits, hit{s, 10 + sc})
		} else if sc := quoteScore(s.Quote, terms); sc > 0 {
			hits = append(hits, hit{s, sc})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := make([]Statement, len(hits))
	for i, h := range hits {
		out[i] = h.s
	}
	return out
}

// groupBySpeaker orders statements by speaker, speakers in order of first
// appearance, unattributed statements last; each group keeps document order.
func groupBySpeaker(stmts []Statement) []Statement {
	rank := map[string]int{}
	for _, s := range stmts {
		if _, ok := rank[s.Speaker]; !ok && s.Speaker != Unattributed {
			rank[s.Speaker] = len(rank)
		}
	}
	rank[Unattributed] = len(rank)
	out := append([]Statement(nil), stmts...)
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Speaker] < rank[out[j].Speaker] })
	return out
}

// speakerScore is 2 when every query term names the speaker or the role,
// 1 when every term names the channel, 0 otherwise.
func speakerScore(s Statement, terms []string) float64 {
	if s.Speaker == Unattributed && s.Role == "" {
		return 0
	}
	if allMatch(terms, words(s.Speaker+" "+s.Role)) || roleMatch(terms, s.Role) {
		return 2
	}
	if s.Via != "" && allMatch(terms, words(s.Via)) {
		return 1
	}
	return 0
}

// roleMatch reports whether a one-word query is a role noun that fits the
// role as an anaphor would ("diplomat" for a foreign minister).
func roleMatch(terms []string, role string) bool {
	if len(terms) != 1 || role == "" {
		return false
	}
	keys, ok := roleSynonyms[terms[0]]
	if !ok {
		return false
	}
	role = strings.ToLower(role)
	for _, k := range keys {
		if strings.Contains(role, k) {
			return true
		}
	}
	return false
}

func allMatch(terms, ws []string) bool {
	for _, t := range terms {
		best := 0.0
		for _, w := range ws {
			best = max(best, termMatch(t, w))
		}
		if best < 0.8 {
			return false
		}
	}
	return true
}

// quoteScore is the share of the query's terms the quote holds (each
// weighted by how well it matches), with a bonus for terms in the order of
// the query; 0 when too few match. One term in two, two in three and three
// in four must match.
func quoteScore(quote string, terms []string) float64 {
	ws := words(quote)
	matched, inOrder, lastPos := 0.0, 0, -1
	for _, t := range terms {
		best, pos := 0.0, -1
		for i, w := range ws {
			if m := termMatch(t, w); m > best {
				best, pos = m, i
			}
		}
		matched += best
		if best > 0 && pos == lastPos+1 {
			inOrder++
		}
		if best > 0 {
			lastPos = pos
		}
	}
	n := float64(len(terms))
	need := 0.7
	if len(terms) >= 3 {
		need = 0.6 * n
	}
	if matched < need {
		return 0
	}
	return matched/n + 0.1*float64(inOrder)/n
}

// termMatch scores how well a query term matches a word: 1 for the same
// stem, 0.8 when one is a prefix of the other, 0.7 for one typing slip.
func termMatch(t, w string) float64 {
	switch st, sw := lang.FormsOf(strings.TrimSuffix(t, "'s")).Stem, lang.FormsOf(strings.TrimSuffix(w, "'s")).Stem; {
	case t == w || st == sw:
		return 1
	case len(st) >= 4 && len(sw) >= 4 && (strings.HasPrefix(sw, st) || strings.HasPrefix(st, sw)):
		return 0.8
	case len(t) >= 5 && lang.WithinOneEdit(t, w):
		return 0.7
	}
	return 0
}

// queryTerms returns the words of a query without stop words, unless it
// has nothing else.
func queryTerms(q string) []string {
	all := words(q)
	var content []string
	for _, w := range all {
		if !lang.IsStopword(w) {
			content = append(content, w)
		}
	}
	if len(content) == 0 {
		return all
	}
	return content
}

// words splits text into lower-case words, folding curly apostrophes.
func words(s string) []string {
	return strings.FieldsFunc(foldWord(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}
