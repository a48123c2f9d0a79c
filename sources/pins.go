package sources

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbot/storybot/store"
)

// PinStore is what re-checking pins needs of the state store.
type PinStore interface {
	store.Pins
	store.Locker
}

// VerifyFunc reports whether a document is in the corpus now and whether a
// quote is still verbatim in it (rag.Engine.Verify).
type VerifyFunc func(doc, quote string) (present, verbatim bool)

// RecheckPins checks every pinned answer's quotes against the corpus as it
// is now and records the status of each pin whose status changed (with
// CheckedAt, when the change was noticed): current, changed (a quote is no
// longer verbatim in its article) or removed (a quoted article is gone),
// with a detail such as "Source updated 14 Mar: quote [2] is no longer in
// the article". It returns the pins whose status changed, with
// their new status, for editing their messages. Another process holding
// "pins:recheck" means it does the work: nothing is returned.
func RecheckPins(ctx context.Context, st PinStore, verify VerifyFunc, now time.Time) ([]store.Pin, error) {
	unlock, ok, err := st.TryLock(ctx, "pins:recheck")
	if err != nil {
		return nil, fmt.Errorf("recheck pins: %w", err)
	}
	if !ok {
		return nil, nil
	}
	defer unlock()
	var checks []store.PinCheck
	var changed []store.Pin
	err = st.EachPin(ctx, func(p store.Pin) error {
		status, detail := checkPin(p, verify, now)
		prev := statusOf(p)
		if status == prev && status != store.PinCurrent && p.Detail != "" {
			detail = p.Detail // still so since it was first noticed, on its date
		}
		if status != prev {
			checks = append(checks, store.PinCheck{Key: p.Key(), Status: status, CheckedAt: now.UTC(), Detail: detail})
			p.Status, p.Detail, p.CheckedAt = status, detail, now.UTC()
			changed = append(changed, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("recheck pins: %w", err)
	}
	if len(checks) == 0 {
		return nil, nil // nothing to write: the loop runs every WATCH_INTERVAL
	}
	if err := st.SetPinChecks(ctx, checks); err != nil {
		return nil, fmt.Errorf("recheck pins: %w", err)
	}
	return changed, nil
}

// PinStatuses returns every pin with its status as the corpus is now,
// without recording anything: for showing pins from a process that does not
// edit their messages (the command line), so the running bot still notices
// the change and edits them. A status already recorded keeps its detail.
func PinStatuses(ctx context.Context, st store.Pins, verify VerifyFunc, now time.Time) ([]store.Pin, error) {
	var out []store.Pin
	err := st.EachPin(ctx, func(p store.Pin) error {
		status, detail := checkPin(p, verify, now)
		if status != statusOf(p) || p.Detail == "" {
			p.Detail = detail
		}
		p.Status, p.CheckedAt = status, now.UTC()
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pin statuses: %w", err)
	}
	return out, nil
}

func statusOf(p store.Pin) store.PinStatus {
	if p.Status == "" {
		return store.PinCurrent
	}
	return p.Status
}

// checkPin returns a pin's status and, unless current, what changed. A
// removed article outweighs a changed quote.
func checkPin(p store.Pin, verify VerifyFunc, now time.Time) (store.PinStatus, string) {
	var gone, edited []string
	for _, c := range p.Citations {
		present, verbatim := verify(c.Doc, c.Quote)
		switch {
		case !present:
			gone = append(gone, fmt.Sprintf("[%d]", c.N))
		case !verbatim:
			edited = append(edited, fmt.Sprintf("[%d]", c.N))
		}
	}
	day := now.UTC().Format("2 Jan")
	switch {
	case len(gone) > 0:
		return store.PinRemoved, fmt.Sprintf("Source removed %s: the article of %s is no longer in the sources", day, plural("quote", gone))
	case len(edited) > 0:
		return store.PinChanged, fmt.Sprintf("Source updated %s: %s no longer in the article", day, plural("quote", edited)+verb(edited))
	}
	return store.PinCurrent, ""
}

func plural(word string, ns []string) string {
	if len(ns) == 1 {
		return word + " " + ns[0]
	}
	return word + "s " + strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

func verb(ns []string) string {
	if len(ns) == 1 {
		return " is"
	}
	return " are"
}
