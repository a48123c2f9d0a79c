// Package timeline extracts dated events from news articles and orders them:
// the analysis behind /timeline.
package timeline

// Precisions of an event's date.
const (
	Day    = "day"
	Month  = "month"
	Season = "season"
	Year   = "year"
	About  = "about"  // approximately that day ("two weeks ago")
	Before = "before" // some time before that date
	After  = "after"  // some time after that date
)

// Event is something the text says happened (or will happen) at a time.
type Event struct {
	// Date is ISO 8601 truncated to its precision ("2022", "2022-10",
	// "2022-10-22"); empty when the date could not be resolved.
	Date      string `json:"date"`
	Precision string `json:"precision"`
	// Resolved is false when a relative date could not be resolved (the
	// document has no published date); such events keep document order.
	Resolved bool   `json:"resolved"`
	DateText string `json:"date_text"`
	Summary  string `json:"summary"`
	Quote    string `json:"quote"` // the verbatim sentence
	Doc      string `json:"doc"`
	Title    string `json:"title"`
	Start    int    `json:"start"` // byte offsets of Quote in the document
	End      int    `json:"end"`
}
