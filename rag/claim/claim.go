package claim

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/newsbot/storybot/corpus"
)

// Verdict is what the sources say of a claim.
type Verdict string

// Verdicts, as `bot check --json` prints them.
const (
	Supported Verdict = "supported" // a source asserts it
	Disputed  Verdict = "disputed"  // a source contradicts or denies it
	NotFound  Verdict = "not_found" // no source says anything of it
)

// MaxClaimBytes bounds a claim: a claim is a few sentences (half a Discord
// message), and Judge's work grows with its words.
const MaxClaimBytes = 1000

// Input errors, for the caller to turn into a reply.
var (
	ErrEmpty   = errors.New("empty claim")
	ErrTooLong = fmt.Errorf("claim over %d bytes", MaxClaimBytes)
)

// Validate reports whether a claim can be judged: not empty, not over
// MaxClaimBytes.
func Validate(claim string) error {
	switch c := strings.TrimSpace(claim); {
	case c == "":
		return ErrEmpty
	case len(c) > MaxClaimBytes:
		return ErrTooLong
	}
	return nil
}

// Sentence is a candidate source sentence. Text is verbatim:
// Document.Text[Start:End] of document Doc.
type Sentence struct {
	Doc   string `json:"doc"`
	Title string `json:"title"` // the document's title: it names who the article is about
	Text  string `json:"quote"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Score is the retrieval score, higher is better; it orders evidence of
	// equal weight.
	Score float64 `json:"score,omitempty"`
}

// Evidence is a sentence that decides a claim, and how.
type Evidence struct {
	Sentence
	Stance Verdict `json:"stance"` // Supported or Disputed
	// Cue is the wording that disputes the claim, as written ("completely
	// wrong", "denied", "12 million dollars"); empty for an assertion.
	Cue string `json:"cue,omitempty"`
	// Kind is how the sentence disputes the claim: Denial, Falsehood,
	// NoEvidence, Negation, Contradiction or Assertion; empty when it
	// supports it.
	Kind string `json:"kind,omitempty"`
	// Speaker and Role are who made the deciding statement, when Attribute
	// finds them.
	Speaker string `json:"speaker,omitempty"`
	Role    string `json:"role,omitempty"`
}

// Ways a sentence disputes a claim.
const (
	Denial        = "denial"        // "denied", "rejects", "…, which X denies"
	Falsehood     = "falsehood"     // "completely wrong", "false", "not true"
	NoEvidence    = "no_evidence"   // "no evidence that …"
	Negation      = "negation"      // "did not send", "never paid"
	Contradiction = "contradiction" // another amount, day or alternative
	Assertion     = "assertion"     // the claim says it did not happen; the source says it did
)

// Result is the verdict on a claim.
type Result struct {
	Claim       string  `json:"claim"`
	Verdict     Verdict `json:"verdict"`
	Explanation string  `json:"explanation"`
	// Evidence are the deciding sentences, those of the verdict first, best
	// first; at most MaxEvidence.
	Evidence []Evidence `json:"evidence"`
	// Disputes and Supports count the sentences that dispute and support
	// the claim, cited or not.
	Disputes int `json:"disputes"`
	Supports int `json:"supports"`
}

// MaxEvidence is how many sentences a Result cites at most.
const MaxEvidence = 3

// Sentences returns every sentence of docs as a candidate, for judging a
// claim against a whole corpus.
func Sentences(docs []*corpus.Document) []Sentence {
	var out []Sentence
	for _, d := range docs {
		for _, s := range d.Sentences {
			out = append(out, Sentence{Doc: d.ID, Title: d.Title, Text: d.Text[s.Start:s.End], Start: s.Start, End: s.End})
		}
	}
	return out
}

// Judge decides a claim against candidate source sentences. A sentence
// bears on the claim when it says every content word of the claim (or a
// synonym; a country by its capital, "said" by any verb of saying), close
// together, with the claim's doer not its receiver; one name may come from
// the article's title instead when the sentence refers to it by a pronoun
// ("we provided …"). Such a sentence disputes the claim when a denial, a
// verdict of falsehood or a negation bears on the claim's words, or when it
// gives another amount or an excluded alternative ("Tuesday" for "Monday",
// "before" for "after"); it supports the claim when it asserts it; a
// hypothetical, a proposal or a question does neither. A negated claim
// ("did not send", "denied sending") is supported by a denial and disputed
// by an assertion. Any dispute makes the claim disputed; otherwise any
// support makes it supported; otherwise it is not found.
//
// A claim of several sentences ("Iran sent missiles to Russia! Everyone
// knows it.") is judged sentence by sentence: disputed when one is, else
// supported when one is, with the evidence of each.
func Judge(claim string, candidates []Sentence) Result {
	parts := claimSentences(claim)
	if len(parts) <= 1 {
		return judgeOne(claim, candidates)
	}
	var best Result
	var evidence []Evidence
	var unknown []string
	disputes, supports := 0, 0
	for i, p := range parts {
		r := judgeOne(p, candidates)
		if i == 0 || rank(r.Verdict) > rank(best.Verdict) {
			best = r
		}
		disputes += r.Disputes
		supports += r.Supports
		if r.Verdict != NotFound {
			evidence = append(evidence, r.Evidence...)
		} else {
			unknown = append(unknown, "“"+p+"”")
		}
	}
	best.Claim = claim
	best.Disputes, best.Supports = disputes, supports
	if best.Verdict != NotFound && len(unknown) > 0 {
		best.Explanation += " The sources say nothing of " + strings.Join(unknown, ", ") + "."
	}
	sort.SliceStable(evidence, func(i, j int) bool { return rank(evidence[i].Stance) > rank(evidence[j].Stance) })
	best.Evidence = dedupe(evidence)
	if len(best.Evidence) > MaxEvidence {
		best.Evidence = best.Evidence[:MaxEvidence]
	}
	return best
}

// rank orders verdicts by what decides a claim: a dispute, then support.
func rank(v Verdict) int {
	switch v {
	case Disputed:
		return 2
	case Supported:
		return 1
	}
	return 0
}

// dedupe drops evidence sentences cited twice, keeping the first.
func dedupe(ev []Evidence) []Evidence {
	var out []Evidence
	seen := map[[3]string]bool{}
	for _, e := range ev {
		k := [3]string{e.Doc, fmt.Sprint(e.Start), fmt.Sprint(e.End)}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// claimSentences splits a claim into its sentences that name something.
func claimSentences(claim string) []string {
	c := strings.TrimSpace(claim)
	var out []string
	for _, sp := range corpus.SplitSentences(c) {
		p := c[sp.Start:sp.End]
		if a := analyze(p); len(a.terms) > 0 || len(a.quants) > 0 {
			out = append(out, p)
		}
	}
	return out
}

func judgeOne(claim string, candidates []Sentence) Result {
	res := Result{Claim: claim, Verdict: NotFound}
	a := analyze(claim)
	if len(a.terms) == 0 && len(a.quants) == 0 {
		res.Explanation = "The claim names nothing the sources could be searched for."
		return res
	}
	type scored struct {
		ev    Evidence
		r     reading
		order int
	}
	var found []scored
	before := sentencesBefore(candidates)
	seen := map[[2]string]bool{}
	for i, c := range candidates {
		key := [2]string{c.Doc, fmt.Sprint(c.Start, ":", c.End)}
		if seen[key] {
			continue
		}
		seen[key] = true
		r, ok := a.read(c, before[i])
		if !ok || r.stance == "" {
			continue
		}
		found = append(found, scored{Evidence{Sentence: c, Stance: r.stance, Cue: r.cue, Kind: r.kind}, r, i})
	}
	sort.SliceStable(found, func(i, j int) bool {
		x, y := found[i], found[j]
		if x.ev.Stance != y.ev.Stance {
			return x.ev.Stance == Disputed
		}
		if x.r.mixed != y.r.mixed {
			return !x.r.mixed
		}
		if x.r.fromTitle != y.r.fromTitle {
			return x.r.fromTitle < y.r.fromTitle
		}
		if x.r.span != y.r.span {
			return x.r.span < y.r.span
		}
		if x.ev.Score != y.ev.Score {
			return x.ev.Score > y.ev.Score
		}
		return x.order < y.order
	})
	var disputes, supports []Evidence
	for _, f := range found {
		if f.ev.Stance == Disputed {
			disputes = append(disputes, f.ev)
		} else {
			supports = append(supports, f.ev)
		}
	}
	switch {
	case len(disputes) > 0:
		res.Verdict = Disputed
		res.Explanation = explainDispute(disputes, len(supports))
		res.Disputes, res.Supports = len(disputes), len(supports)
		res.Evidence = append(disputes, supports...)
	case len(supports) > 0:
		res.Verdict = Supported
		res.Supports = len(supports)
		verb := "asserts"
		if len(supports) > 1 {
			verb = "assert"
		}
		res.Explanation = fmt.Sprintf("%s %s it; none denies or contradicts it.", countSentences(len(supports)), verb)
		res.Evidence = supports
	default:
		res.Explanation = a.explainMissing(candidates)
	}
	if len(res.Evidence) > MaxEvidence {
		res.Evidence = res.Evidence[:MaxEvidence]
	}
	return res
}

// adjacent is how many bytes may separate two sentences that follow each
// other (a space, a line break).
const adjacent = 3

// sentencesBefore returns, for each candidate, the text of the candidate
// right before it in its document, or "" when none is among them.
func sentencesBefore(cands []Sentence) []string {
	out := make([]string, len(cands))
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		x, y := cands[order[i]], cands[order[j]]
		if x.Doc != y.Doc {
			return x.Doc < y.Doc
		}
		return x.Start < y.Start
	})
	for k := 1; k < len(order); k++ {
		p, c := cands[order[k-1]], cands[order[k]]
		if p.Doc == c.Doc && p.End <= c.Start && c.Start-p.End <= adjacent {
			out[order[k]] = p.Text
		}
	}
	return out
}

func countSentences(n int) string {
	if n == 1 {
		return "One source sentence"
	}
	return fmt.Sprintf("%d source sentences", n)
}

func explainDispute(disputes []Evidence, supports int) string {
	var cues []string
	seen := map[string]bool{}
	for _, d := range disputes {
		if d.Cue != "" && !seen[strings.ToLower(d.Cue)] {
			seen[strings.ToLower(d.Cue)] = true
			cues = append(cues, "“"+d.Cue+"”")
		}
	}
	s := countSentences(len(disputes)) + " denies or contradicts it"
	if len(disputes) > 1 {
		s = countSentences(len(disputes)) + " deny or contradict it"
	}
	if len(cues) > 0 {
		s += " (" + strings.Join(cues, ", ") + ")"
	}
	switch supports {
	case 0:
		return s + "."
	case 1:
		return s + "; one other asserts it."
	}
	return fmt.Sprintf("%s; %d others assert it.", s, supports)
}

// explainMissing says why no sentence bears on the claim: the words no
// candidate has, or that none has them together.
func (a *analysis) explainMissing(candidates []Sentence) string {
	var missing []string
	for _, t := range a.terms {
		if t.optional {
			continue
		}
		found := false
		for _, c := range candidates {
			for _, s := range tokenize(c.Text + " " + c.Title) {
				if same(t.tok.stem, s.stem) {
					found = true
					break
				}
			}
			if found {
				break
			}
		}
		if !found {
			missing = append(missing, t.tok.text)
		}
	}
	if len(missing) > 0 {
		return "The sources never mention " + strings.Join(missing, ", ") + "."
	}
	return "The sources mention its words, but no sentence says it."
}
