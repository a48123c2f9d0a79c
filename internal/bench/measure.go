package bench

import (
	"bufio"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsbot/storybot/rag"
)

// series times f repeatedly: a few warm-up calls, then at least min calls
// and more until budget is spent or max calls are done.
func series(budget time.Duration, min, max int, f func(i int) error) ([]time.Duration, error) {
	for i := range 3 {
		if err := f(i); err != nil {
			return nil, err
		}
	}
	var out []time.Duration
	start := time.Now()
	for i := 0; i < max && (i < min || time.Since(start) < budget); i++ {
		t := time.Now()
		if err := f(i); err != nil {
			return nil, err
		}
		out = append(out, time.Since(t))
	}
	return out, nil
}

// interleaved times several functions in turn, each call of one followed by
// a call of the next, so that all see the same machine: on a shared or
// throttled machine, series timed one after the other drift apart. It runs
// rounds as series does and returns each function's timings.
func interleaved(budget time.Duration, min, max int, fs ...func(i int) error) ([][]time.Duration, error) {
	out := make([][]time.Duration, len(fs))
	_, err := series(budget, min, max, func(i int) error {
		for j, f := range fs {
			t := time.Now()
			if err := f(i); err != nil {
				return err
			}
			out[j] = append(out[j], time.Since(t))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for j := range out {
		out[j] = out[j][3:] // the warm-up rounds
	}
	return out, nil
}

// percentile returns the p-th percentile (0 < p ≤ 100) of ds in
// milliseconds, by the nearest-rank method.
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.999999) - 1
	i = min(max(i, 0), len(s)-1)
	return ms(s[i])
}

// measureMemory reads this process's memory after a GC, against what an
// index of chunks local vectors and textBytes of document text holds.
func measureMemory(chunks, textBytes int) Memory {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	const mb = 1 << 20
	mem := Memory{
		Chunks:    chunks,
		HeapMB:    round(float64(m.HeapAlloc)/mb, 1),
		RSSMB:     round(float64(procStatus("/proc/self/status", "VmRSS"))/1024, 1),
		PeakRSSMB: round(float64(procStatus("/proc/self/status", "VmHWM"))/1024, 1),
		VectorMB:  round(float64(chunks)*rag.LocalDim*4/mb, 1),
		TextMB:    round(float64(textBytes)/mb, 1),
	}
	if base := mem.VectorMB + mem.TextMB; base > 0 {
		mem.Ratio = round(mem.RSSMB/base, 2)
	}
	return mem
}

func ms(d time.Duration) float64 { return round(float64(d.Nanoseconds())/1e6, 3) }

func round(x float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}

// slab is the baseline vector store: every vector in one contiguous slice.
type slab struct {
	dim int
	v   []float32
}

func (s *slab) len() int { return len(s.v) / max(s.dim, 1) }

// topK returns the slots of the k vectors with the largest dot product with
// q, best first, computed by workers goroutines over equal parts of the slab.
func (s *slab) topK(q []float32, k, workers int) []int {
	n := s.len()
	workers = max(min(workers, n), 1)
	parts := make([][]hit, workers)
	var wg sync.WaitGroup
	per := n / workers
	for w := range workers {
		lo, hi := w*per, (w+1)*per
		if w == workers-1 {
			hi = n
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			best := make([]hit, 0, k+1)
			for i := lo; i < hi; i++ {
				v := s.v[i*s.dim : (i+1)*s.dim]
				var d float32
				for j, x := range q {
					d += x * v[j]
				}
				if len(best) == k && d <= best[k-1].score {
					continue
				}
				best = insert(best, hit{i, d}, k)
			}
			parts[w] = best
		}()
	}
	wg.Wait()
	var all []hit
	for _, p := range parts {
		for _, h := range p {
			all = insert(all, h, k)
		}
	}
	out := make([]int, len(all))
	for i, h := range all {
		out[i] = h.slot
	}
	return out
}

type hit struct {
	slot  int
	score float32
}

// insert adds h to best, kept sorted best first and at most k long.
func insert(best []hit, h hit, k int) []hit {
	i := len(best)
	for i > 0 && best[i-1].score < h.score {
		i--
	}
	if i >= k {
		return best
	}
	best = slices.Insert(best, i, h)
	if len(best) > k {
		best = best[:k]
	}
	return best
}

// machine describes this computer.
func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	m.LoadAvg[0] = loadAvg()
	if kb := procStatus("/proc/meminfo", "MemTotal"); kb > 0 {
		m.MemoryMB = int(kb / 1024)
	}
	return m
}

// loadAvg returns the one-minute load average, 0 when unknown.
func loadAvg() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0
	}
	x, _ := strconv.ParseFloat(f[0], 64)
	return x
}

// procStatus reads a "Key: N kB" line of a /proc file, in kB; 0 when the
// file or key is missing (not Linux).
func procStatus(path, key string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		k, v, ok := strings.Cut(line, ":")
		if !ok || k != key {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			return 0
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		return n
	}
	return 0
}
