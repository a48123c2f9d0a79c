package index

import (
	"runtime"
	"sync"
)

// forEach calls fn(i) for every i in [0, n), shared out in strides among the
// CPUs, and returns when every call has. Small jobs (under 64 items a
// worker) use fewer goroutines, as starting one would cost more than it
// saves.
func forEach(n int, fn func(i int)) {
	workers := max(min(runtime.NumCPU(), n/64), 1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				fn(i)
			}
		})
	}
	wg.Wait()
}
