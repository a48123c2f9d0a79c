package store

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/newsbot/storybot/internal/lang"
)

// Question is one question asked, for the moderators' statistics.
type Question struct {
	GuildID string `json:"guild_id"`
	// Text is the question as asked; Resolved the standalone question
	// answered, when a conversation rewrote it.
	Text     string `json:"text"`
	Resolved string `json:"resolved,omitempty"`
	// Key groups similar wordings (see GroupKey); empty: GroupKey of the
	// resolved question (or the text) with ContentStem.
	Key       string    `json:"key"`
	Abstained bool      `json:"abstained"`
	At        time.Time `json:"at"`
}

// UnansweredGroup is one question the sources could not answer, with its
// similar wordings.
type UnansweredGroup struct {
	Key string `json:"key"`
	// Question is the latest wording; Wordings up to MaxWordings distinct
	// ones, latest first.
	Question string    `json:"question"`
	Wordings []string  `json:"wordings"`
	Count    int       `json:"count"`
	Last     time.Time `json:"last"`
}

// MaxWordings bounds UnansweredGroup.Wordings.
const MaxWordings = 5

// QuestionStats summarises a guild's questions over a period.
type QuestionStats struct {
	Asked     int `json:"asked"`
	Answered  int `json:"answered"`
	Abstained int `json:"abstained"`
	// Unanswered are the most-asked unanswered questions, most asked first.
	Unanswered []UnansweredGroup `json:"unanswered"`
}

// Questions is the question log.
type Questions interface {
	// LogQuestion records one question and whether it was answered (its At
	// defaults to now, its Key to GroupKey(text, ContentStem)).
	LogQuestion(ctx context.Context, q Question) error
	// QuestionStats summarises guildID's questions asked at or after since,
	// with at most top unanswered groups.
	QuestionStats(ctx context.Context, guildID string, since time.Time, top int) (QuestionStats, error)
}

// GroupKey reduces a question to its content words so similar wordings
// group together: lower case, split at anything but letters and digits,
// each word passed through word (ContentStem, or nil to keep every word as
// it is), then sorted without repeats. With ContentStem, "What did
// Venezuela buy?" and "Venezuela bought what?" share a key.
func GroupKey(text string, word func(string) string) string {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := fields[:0]
	for _, f := range fields {
		if word != nil {
			f = word(f)
		}
		if f != "" {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return strings.Join(slices.Compact(out), " ")
}

// ContentStem is GroupKey's default word function: "" for a stop word,
// else the word's stem, both from internal/lang.
func ContentStem(w string) string {
	if lang.IsStopword(w) {
		return ""
	}
	return lang.Stem(w)
}

// CheckQuestion reports whether q may be stored.
func CheckQuestion(q Question) error {
	if err := CheckID("guild id", q.GuildID); err != nil {
		return err
	}
	for _, s := range []string{q.Text, q.Resolved, q.Key} {
		if err := checkText("question", s, MaxQuestionBytes); err != nil {
			return err
		}
	}
	return nil
}

// Normalize fills q's defaults: At from now, Key from its wording.
func (q Question) Normalize(now func() time.Time) Question {
	if q.At.IsZero() {
		q.At = now()
	}
	if q.Key == "" {
		text := q.Resolved
		if text == "" {
			text = q.Text
		}
		q.Key = GroupKey(text, ContentStem)
	}
	return q
}

// Tally builds QuestionStats from questions in any order; the file store
// uses it, and it defines what the PostgreSQL query computes.
func Tally(qs []Question, top int) QuestionStats {
	var st QuestionStats
	groups := map[string]*UnansweredGroup{}
	// Latest first, so each group's first wording is its latest.
	sorted := slices.Clone(qs)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.After(sorted[j].At) })
	for _, q := range sorted {
		st.Asked++
		if !q.Abstained {
			st.Answered++
			continue
		}
		st.Abstained++
		g := groups[q.Key]
		if g == nil {
			g = &UnansweredGroup{Key: q.Key, Question: q.Text, Last: q.At}
			groups[q.Key] = g
		}
		g.Count++
		if len(g.Wordings) < MaxWordings && !slices.Contains(g.Wordings, q.Text) {
			g.Wordings = append(g.Wordings, q.Text)
		}
	}
	for _, g := range groups {
		st.Unanswered = append(st.Unanswered, *g)
	}
	SortUnanswered(st.Unanswered)
	st.Unanswered = st.Unanswered[:min(max(top, 0), len(st.Unanswered))]
	return st
}

// SortUnanswered orders groups most asked first, then most recent, then by
// key, so both implementations list ties alike.
func SortUnanswered(gs []UnansweredGroup) {
	sort.Slice(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if !a.Last.Equal(b.Last) {
			return a.Last.After(b.Last)
		}
		return a.Key < b.Key
	})
}
