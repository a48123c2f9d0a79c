package bot

import (
	"sync"
	"time"
)

// flight counts in-flight interactions and refuses new ones once stopping.
type flight struct {
	mu      sync.Mutex
	stopped bool
	n       int
	wg      sync.WaitGroup
}

// start admits one interaction, unless stopping.
func (f *flight) start() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return false
	}
	f.n++
	f.wg.Add(1)
	return true
}

// done ends an interaction start admitted.
func (f *flight) done() {
	f.mu.Lock()
	f.n--
	f.mu.Unlock()
	f.wg.Done()
}

func (f *flight) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// stop refuses new work and waits up to timeout for the rest; it reports
// whether everything finished.
func (f *flight) stop(timeout time.Duration) bool {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
	done := make(chan struct{})
	go func() { f.wg.Wait(); close(done) }()
	t := time.NewTimer(max(timeout, 0))
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
