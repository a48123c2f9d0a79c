package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports indexing progress: a bar on a terminal, a line per tenth
// of the work otherwise (logs and CI keep those readable).
type progress struct {
	w     io.Writer
	label string
	bar   *progressbar.ProgressBar
	last  int // last tenth reported in plain mode
	shown bool
}

func newProgress(w io.Writer, label string) *progress {
	return &progress{w: w, label: label, last: -1}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (p *progress) update(done, total int) {
	p.shown = true
	if isTerminal(p.w) {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(p.w),
				progressbar.OptionSetDescription(p.label+" chunks"),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("chunks"),
				progressbar.OptionClearOnFinish())
		}
		_ = p.bar.Set(done)
		return
	}
	if tenth := done * 10 / max(total, 1); tenth != p.last {
		// "indexed", not "embedded": a replica takes stored vectors through
		// the same path without embedding them again.
		p.last = tenth
		fmt.Fprintf(p.w, "%s: %d/%d chunks indexed (%d%%)\n", p.label, done, total, done*100/max(total, 1))
	}
}

func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
