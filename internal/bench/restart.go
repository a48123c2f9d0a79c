package bench

import (
	"context"
	"runtime"
	"time"

	"github.com/newsbot/storybot/rag"
)

// restart runs the restart check in a new process when opts says how, else
// in this one.
func restart(ctx context.Context, opts Options, corpusDir, dataDir string) (ChildReport, time.Duration, error) {
	if opts.Restart != nil {
		return opts.Restart(ctx, corpusDir, dataDir, opts.Questions[0])
	}
	t := time.Now()
	c, err := Child(ctx, corpusDir, dataDir, opts.Questions[0])
	return c, time.Since(t), err
}

// Child is the restart check: it opens the engine on a persisted index of
// corpusDir, answers a first question and reports timings and memory. `bot
// bench` runs it in a new process.
func Child(ctx context.Context, corpusDir, dataDir, question string) (ChildReport, error) {
	var c ChildReport
	t := time.Now()
	e, st, err := rag.Open(ctx, rag.Options{CorpusDir: corpusDir, DataDir: dataDir}, nil)
	if err != nil {
		return c, err
	}
	c.OpenMS = ms(time.Since(t))
	t = time.Now()
	if _, err := e.Ask(ctx, question); err != nil {
		return c, err
	}
	c.FirstAnswerMS = ms(time.Since(t))
	c.CPUMS = ms(cpuTime())
	c.Documents, c.Chunks, c.Reembedded = st.Documents, st.Chunks, st.Embedded

	var text int
	for _, d := range e.Documents() {
		text += len(d.Text)
	}
	c.Memory = measureMemory(st.Chunks, text)
	runtime.KeepAlive(e)
	return c, nil
}
