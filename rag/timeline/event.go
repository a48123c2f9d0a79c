// Package timeline extracts dated events from news articles and orders them:
// the analysis behind /timeline.
//
// Extraction is deterministic and generic: regular expressions find date
// phrases in each sentence (absolute and partial dates, bare and spelled-out
// years, fiscal and anaphoric years, quarters and halves, ISO weeks and
// weekends, seasons, weekdays, fixed-date holidays, clock times and parts of
// the day, runs of days ("today is the fifth day of the strike"), counts
// from publication or from another event), the tense of the phrase's clause
// decides whether a date without a year lies before or after publication
// (the verb right before the phrase first, then the clause's modals,
// schedules and past forms, corrected by the preposition: "since" looks
// back, a deadline takes the nearest occurrence), and phrases such as
// "months before the war" are anchored to the event elsewhere in the
// document whose clause shares most of the noun phrase's words. A lead
// sentence in the present perfect, or with a reporting verb and no date
// phrase, is an event of the publication day.
// Habits ("each Thursday", "on Monday and Tuesday nights"), lengths of time
// ("wait at least 30 days after the sale") and names ("Saturday Night
// Live", the "Super Tuesday" primary) are no dates.
//
// The words the patterns are built from (months, weekdays, seasons, number
// words, prepositions, tense markers, participles…) are the date-*.txt
// lists of internal/lang, each naming its source. Nothing here knows any
// particular article: no names, places or dates of a story are built in.
package timeline

// Precisions of an event's date.
const (
	Day     = "day"
	Week    = "week" // an ISO week: "this week", "over the weekend"
	Month   = "month"
	Season  = "season"
	Quarter = "quarter" // a quarter or a half of a year: "the third quarter"
	Year    = "year"
	About   = "about"  // approximately that date ("two weeks ago", "a few years ago")
	Before  = "before" // some time before that date
	After   = "after"  // some time after that date
)

// Event is something the text says happened (or will happen) at a time.
type Event struct {
	// Date is ISO 8601 truncated to its precision ("2022", "2022-10",
	// "2022-10-22"); a week is an ISO week ("2022-W44"); a quarter or half
	// is written as TimeML does ("2022-Q3", "2022-H1"); a season gives its
	// first month (winter 2022-23 is "2022-12"); "before" and "after" dates
	// are truncated like the date they bound. Empty when the date could not
	// be resolved.
	Date string `json:"date"`
	// Precision is one of Day, Week, Month, Season, Quarter, Year, About,
	// Before, After.
	Precision string `json:"precision"`
	// Resolved is false when a relative date could not be resolved (the
	// document has no published date, or the event a phrase is measured
	// from is not in the document); such events keep document order.
	Resolved bool `json:"resolved"`
	// DateText is the phrase that gave the date, verbatim ("in early
	// October", "two weeks ago"); for a publication-day lead in the present
	// perfect, the verb phrase that dates it ("has acknowledged"). Empty for
	// a lead dated only by its reporting verb ("The mayor said …"), which
	// carries the publication date without claiming a date phrase.
	DateText string `json:"date_text"`
	// Summary is a short clause of the sentence saying what happened, built
	// from its words without the date phrase; at most MaxSummary bytes.
	Summary string `json:"summary"`
	Quote   string `json:"quote"` // the verbatim sentence
	Doc     string `json:"doc"`
	Title   string `json:"title"`
	Start   int    `json:"start"` // byte offsets of Quote in the document
	End     int    `json:"end"`
}
