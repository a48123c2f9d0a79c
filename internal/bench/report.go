package bench

// Report is what a benchmark run measured. Its JSON form is what
// `bot bench --json` prints; times are in milliseconds unless a field says
// otherwise.
type Report struct {
	Machine Machine    `json:"machine"`
	Corpus  CorpusInfo `json:"corpus"`
	Ingest  Ingest     `json:"ingest"`
	Query   []Query    `json:"query"`
	Answer  Answer     `json:"answer"`
	Restart Restart    `json:"restart"`
	Memory  Memory     `json:"memory"`
	// Servers is the many-servers case, when asked for.
	Servers *Servers `json:"servers,omitempty"`
	// Replica is measured with DATABASE_URL only.
	Replica *Replica `json:"replica,omitempty"`
}

// Machine describes where the figures come from.
type Machine struct {
	CPU        string `json:"cpu"`
	CPUs       int    `json:"cpus"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	MemoryMB   int    `json:"memory_mb"`
	Go         string `json:"go"`
	OS         string `json:"os"`
	// LoadAvg is /proc/loadavg's one-minute figure at the start and end of
	// the run: above the CPU count, other processes shared the CPUs and the
	// timings are pessimistic.
	LoadAvg [2]float64 `json:"load_avg"`
}

// CorpusInfo says what the benchmark read.
type CorpusInfo struct {
	// Source is the corpus folder, or "bundled story".
	Source    string `json:"source"`
	Documents int    `json:"documents"` // documents in the source
	Chunks    int    `json:"chunks"`    // chunks the source yields once
	// Repeated is set when documents were copied to reach a size; Note says
	// so in words.
	Repeated bool   `json:"repeated"`
	Note     string `json:"note,omitempty"`
}

// Ingest is the cost of building the index of the largest size from files:
// the product's own Open on an empty data folder, end to end.
type Ingest struct {
	Documents  int     `json:"documents"`
	Chunks     int     `json:"chunks"`
	Seconds    float64 `json:"seconds"`
	ChunksPerS float64 `json:"chunks_per_s"`
	// CPUSeconds is the CPU time (all cores, user and system) the process
	// spent in those seconds: on a machine shared with other work it shows
	// what the ingest itself cost.
	CPUSeconds float64 `json:"cpu_seconds"`
	// Stages are the steps of ingest timed one by one on the same files
	// after the product's run; "index and save" is what the product's run
	// took beyond them (chunk tables, lexicon, writing the index to disk).
	Stages []Stage `json:"stages"`
}

// Stage is one step of ingest.
type Stage struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
	Share   float64 `json:"share"` // of Ingest.Seconds
}

// Query is the cost of retrieval at one index size.
type Query struct {
	Chunks   int  `json:"chunks"`
	Repeated bool `json:"repeated"`
	// P50MS and P99MS time the product's retrieval (question embedding,
	// lexical search, chromem-go query, fusion) for the top 6 chunks.
	P50MS float64 `json:"p50_ms"`
	P99MS float64 `json:"p99_ms"`
	// ChromemP50MS times chromem-go's QueryEmbedding alone on the product's
	// own collection, for the 12 candidates the product asks it for.
	ChromemP50MS float64 `json:"chromem_p50_ms"`
	// LoopP50MS times a brute-force dot product over one contiguous slab of
	// the same vectors, same top-k, same number of goroutines.
	LoopP50MS float64 `json:"loop_p50_ms"`
	// Ratio is P50MS / ChromemP50MS; the target is at most 1.1.
	Ratio   float64 `json:"ratio"`
	Samples int     `json:"samples"`
}

// Answer is the cost of a whole Ask over the bundled story with the default
// (local, extractive) settings, in process.
type Answer struct {
	P50MS   float64 `json:"p50_ms"`
	P99MS   float64 `json:"p99_ms"`
	Samples int     `json:"samples"`
}

// Restart is the cost of starting again on a persisted index of the largest
// size, in a new process.
type Restart struct {
	Chunks int `json:"chunks"`
	// OpenMS is the product's Open (load the index, re-read the corpus and
	// check it against the index) as timed inside the new process.
	OpenMS        float64 `json:"open_ms"`
	FirstAnswerMS float64 `json:"first_answer_ms"`
	// Reembedded counts the chunks embedded again although nothing changed.
	Reembedded int `json:"reembedded"`
	// ProcessMS is the new process's wall time seen from outside: start,
	// open, first answer, exit.
	ProcessMS float64 `json:"process_ms"`
	// CPUMS is the CPU time (all cores, user and system) that process used
	// up to its first answer.
	CPUMS     float64 `json:"cpu_ms"`
	InProcess bool    `json:"in_process,omitempty"`
	// Layouts compares ways of persisting the same vectors.
	Layouts []Layout `json:"layouts"`
}

// Layout is the cost of one way of persisting the index's vectors.
type Layout struct {
	Name    string  `json:"name"`
	WriteMS float64 `json:"write_ms"`
	ReadMS  float64 `json:"read_ms"`
	Files   int     `json:"files"`
	MB      float64 `json:"mb"`
}

// Memory is the footprint of a process that opened the largest index and
// answered one question.
type Memory struct {
	Chunks int `json:"chunks"`
	// HeapMB is the live Go heap after a GC. A loaded index's vectors are
	// memory-mapped from its file, outside the heap but inside RSS.
	HeapMB    float64 `json:"heap_mb"`
	RSSMB     float64 `json:"rss_mb"`      // resident set (VmRSS)
	PeakRSSMB float64 `json:"peak_rss_mb"` // its high-water mark (VmHWM)
	VectorMB  float64 `json:"vector_mb"`   // raw float32 bytes of the vectors
	TextMB    float64 `json:"text_mb"`     // cleaned document text
	// Ratio is RSSMB / (VectorMB + TextMB); the target is at most 2.
	Ratio float64 `json:"ratio"`
}

// ChildReport is what the restart process prints: its own timings and
// memory.
type ChildReport struct {
	Documents     int     `json:"documents"`
	Chunks        int     `json:"chunks"`
	OpenMS        float64 `json:"open_ms"`
	FirstAnswerMS float64 `json:"first_answer_ms"`
	Reembedded    int     `json:"reembedded"`
	CPUMS         float64 `json:"cpu_ms"`
	Memory        Memory  `json:"memory"`
}
