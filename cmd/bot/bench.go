package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsbot/storybot/internal/bench"
	"github.com/newsbot/storybot/internal/eval"
	"github.com/spf13/cobra"
)

// benchChildEnv marks the process `bot bench` starts to time a restart; a
// test binary uses it to run the command line instead of its tests.
const benchChildEnv = "STORYBOT_BENCH_CHILD"

// benchRestartCommand is the hidden command that process runs.
const benchRestartCommand = "bench-restart"

// benchServersCommand is the hidden command the many-servers process runs.
const benchServersCommand = "bench-servers"

func (m *Main) benchCommand() *cobra.Command {
	var (
		asJSON    bool
		maxChunks int
		sizes     []int
		budget    time.Duration
		keep      bool
		questions string
		servers   int
		articles  int
	)
	cmd := &cobra.Command{
		Use:   "bench [--corpus DIR] [--max-chunks N] [--json]",
		Short: "Measure ingest, retrieval, answers, restart and memory as the corpus grows",
		Long: `bench measures how the bot's costs grow with the corpus, with the local embedder
and extractive answerer whatever is configured:

  ingest   building the index from files (read, clean, chunk, embed, add to
           chromem-go, save), in chunks per second, with each stage's share
  query    retrieval at 1,000 / 10,000 / 100,000 chunks (up to --max-chunks):
           the bot's p50/p99 beside chromem-go's own query on the same vectors
           and a plain loop over one slab of them
  answer   a whole ask over the bundled story, in process
  restart  a new process opening the persisted index of the largest size and
           answering a first question; nothing may be re-embedded
  memory   heap and RSS of that process beside the raw vector and text bytes
  servers  with --servers N: N servers with their own sources (--server-articles
           documents each), built, then opened in a new process that asks
           them questions in turn and reports p50/p99 and memory
  replica  with DATABASE_URL: a replica's start on that PostgreSQL database
           holding the largest size's articles (a schema of its own,
           dropped afterwards), and what it re-embedded (must be 0)

It reads --corpus DIR (recursively; .md, .txt, .html) or the bundled story,
repeating documents to reach a size when the corpus is smaller (the output
says so). Nothing is written outside a temporary folder.`,
		Example: `  bot bench
  bot bench --corpus ~/news --max-chunks 20000 --json
  bot bench --servers 1000`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			work, err := os.MkdirTemp("", "storybot-bench-")
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			if keep {
				fmt.Fprintf(m.Stderr, "bench: keeping %s\n", work)
			} else {
				defer os.RemoveAll(work)
			}
			qs, err := benchQuestions(questions)
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			r, err := bench.Run(cmd.Context(), bench.Options{
				CorpusDir: m.corpusFlag, MaxChunks: maxChunks, Sizes: sizes, WorkDir: work,
				Budget: budget, Restart: m.benchRestart, Questions: qs, Log: m.Stderr,
				Servers: servers, ServerArticles: articles, ServersChild: m.benchServers,
				DatabaseURL: m.benchDatabaseURL(),
			})
			if err != nil {
				return fmt.Errorf("bench: %w", err)
			}
			if asJSON {
				return writeJSON(m.Stdout, r)
			}
			printBench(m.Stdout, r)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as one JSON object")
	cmd.Flags().IntVar(&maxChunks, "max-chunks", 100_000, "largest index size, in chunks")
	cmd.Flags().IntSliceVar(&sizes, "sizes", nil, "index sizes to time retrieval at (default 1000,10000,100000)")
	cmd.Flags().DurationVar(&budget, "budget", 2*time.Second, "time spent on each timing series (each takes a minimum of samples)")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary corpora and indexes and print where")
	cmd.Flags().IntVar(&servers, "servers", 0, "add the many-servers case with this many servers (0: none)")
	cmd.Flags().IntVar(&articles, "server-articles", bench.DefaultServerArticles, "documents of each server in the many-servers case")
	cmd.Flags().StringVar(&questions, "questions", "", "questions file (as for eval) to ask in the timings; default: one per document title")
	return cmd
}

// benchQuestions reads the questions of an eval file, or returns none when
// no file is given (bench then asks about each document's title).
func benchQuestions(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("questions file: %w", err)
	}
	defer f.Close()
	qs, err := eval.ReadQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("questions file %s: %w", path, err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Question
	}
	return out, nil
}

// benchRestartCmd opens a persisted index in this process and prints what
// bench.Child measured, as JSON; `bot bench` runs it in a new process.
func (m *Main) benchRestartCmd() *cobra.Command {
	return &cobra.Command{
		Use:    benchRestartCommand + " QUESTION",
		Hidden: true,
		Args:   args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			c, err := bench.Child(cmd.Context(), m.corpusFlag, m.dataFlag, a[0])
			if err != nil {
				return err
			}
			return json.NewEncoder(m.Stdout).Encode(c)
		},
	}
}

// benchServersCmd opens the many-servers folders in this process and prints
// what bench.ServersChild measured, as JSON; `bot bench` runs it in a new
// process.
func (m *Main) benchServersCmd() *cobra.Command {
	return &cobra.Command{
		Use:    benchServersCommand + " ROOT SERVERS BUDGET",
		Hidden: true,
		Args:   args(cobra.ExactArgs(3)),
		RunE: func(cmd *cobra.Command, a []string) error {
			n, err := strconv.Atoi(a[1])
			if err != nil {
				return fmt.Errorf("servers: %w", err)
			}
			budget, err := time.ParseDuration(a[2])
			if err != nil {
				return fmt.Errorf("budget: %w", err)
			}
			s, err := bench.ServersChild(cmd.Context(), a[0], n, budget)
			if err != nil {
				return err
			}
			return json.NewEncoder(m.Stdout).Encode(s)
		},
	}
}

// benchServers runs this program again with the hidden many-servers command.
func (m *Main) benchServers(ctx context.Context, root string, n int, budget time.Duration) (bench.Servers, error) {
	var s bench.Servers
	exe, err := os.Executable()
	if err != nil {
		return s, err
	}
	cmd := exec.CommandContext(ctx, exe, benchServersCommand, root, strconv.Itoa(n), budget.String())
	cmd.Env = m.childEnv(benchChildEnv + "=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return s, fmt.Errorf("%w: %s", err, strings.TrimSpace(errOut.String()))
	}
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		return s, fmt.Errorf("read its report: %w", err)
	}
	return s, nil
}

// benchRestart runs this program again with the hidden restart command and
// times it from outside.
func (m *Main) benchRestart(ctx context.Context, corpusDir, dataDir, question string) (bench.ChildReport, time.Duration, error) {
	var c bench.ChildReport
	exe, err := os.Executable()
	if err != nil {
		return c, 0, err
	}
	cmd := exec.CommandContext(ctx, exe, "--corpus", corpusDir, "--data-dir", dataDir, benchRestartCommand, question)
	cmd.Env = m.childEnv(benchChildEnv + "=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	t := time.Now()
	err = cmd.Run()
	wall := time.Since(t)
	if err != nil {
		return c, wall, fmt.Errorf("%w: %s", err, strings.TrimSpace(errOut.String()))
	}
	if err := json.Unmarshal(out.Bytes(), &c); err != nil {
		return c, wall, fmt.Errorf("read its report: %w", err)
	}
	return c, wall, nil
}

// printBench writes the report as tables, each target beside its figure.
func printBench(w io.Writer, r *bench.Report) {
	mc := r.Machine
	fmt.Fprintf(w, "machine: %s, %d CPUs, %d MB, %s %s; load average %.1f at start, %.1f at end\n", mc.CPU, mc.CPUs, mc.MemoryMB, mc.Go, mc.OS, mc.LoadAvg[0], mc.LoadAvg[1])
	fmt.Fprintf(w, "corpus: %s, %d documents, %d chunks", r.Corpus.Source, r.Corpus.Documents, r.Corpus.Chunks)
	if r.Corpus.Note != "" {
		fmt.Fprintf(w, "; %s", r.Corpus.Note)
	}
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	in := r.Ingest
	fmt.Fprintf(tw, "\ningest\tdocuments\tchunks\tseconds\tchunks/s\tCPU seconds\ttarget\n")
	fmt.Fprintf(tw, "\t%d\t%d\t%.2f\t%.0f\t%.2f\t≥ 30000 chunks/s %s\n", in.Documents, in.Chunks, in.Seconds, in.ChunksPerS, in.CPUSeconds, verdictAt(in.Chunks, in.ChunksPerS >= 30000))
	for _, s := range in.Stages {
		fmt.Fprintf(tw, "  %s\t\t\t%.2f\t%.0f%%\t\t\n", s.Name, s.Seconds, s.Share*100)
	}
	tw.Flush()

	fmt.Fprintf(tw, "\nquery\tchunks\tp50 ms\tp99 ms\tchromem-go p50 ms\tloop p50 ms\tp50/chromem-go\ttarget\n")
	for _, q := range r.Query {
		note := ""
		if q.Repeated {
			note = " (repeated)"
		}
		fmt.Fprintf(tw, "\t%d%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t≤ 1.10 %s\n", q.Chunks, note, q.P50MS, q.P99MS, q.ChromemP50MS, q.LoopP50MS, q.Ratio, verdictAt(q.Chunks, q.Ratio <= 1.1))
	}
	tw.Flush()

	fmt.Fprintf(tw, "\nanswer\tp50 ms\tp99 ms\ttarget\n")
	fmt.Fprintf(tw, "\t%.3f\t%.3f\tp50 ≤ 2 ms %s\n", r.Answer.P50MS, r.Answer.P99MS, verdict(r.Answer.P50MS <= 2))
	tw.Flush()

	rs := r.Restart
	fmt.Fprintf(tw, "\nrestart\tchunks\topen ms\tfirst answer ms\tprocess ms\tCPU ms\tre-embedded\ttarget\n")
	fmt.Fprintf(tw, "\t%d\t%.0f\t%.1f\t%.0f\t%.0f\t%d\t≤ 2000 ms, 0 re-embedded %s\n", rs.Chunks, rs.OpenMS, rs.FirstAnswerMS, rs.ProcessMS, rs.CPUMS, rs.Reembedded,
		verdictAt(rs.Chunks, rs.OpenMS+rs.FirstAnswerMS <= 2000 && rs.Reembedded == 0))
	tw.Flush()
	fmt.Fprintf(tw, "\nlayout (vectors of %d chunks)\twrite ms\tread ms\tfiles\tMB\n", rs.Chunks)
	for _, l := range rs.Layouts {
		fmt.Fprintf(tw, "  %s\t%.0f\t%.0f\t%d\t%.0f\n", l.Name, l.WriteMS, l.ReadMS, l.Files, l.MB)
	}
	tw.Flush()

	mm := r.Memory
	fmt.Fprintf(tw, "\nmemory\tchunks\theap MB\tRSS MB\tpeak RSS MB\tvectors MB\ttext MB\tRSS/(vectors+text)\ttarget\n")
	fmt.Fprintf(tw, "\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.2f\t≤ 1.3 %s\n", mm.Chunks, mm.HeapMB, mm.RSSMB, mm.PeakRSSMB, mm.VectorMB, mm.TextMB, mm.Ratio, verdictAt(mm.Chunks, mm.Ratio <= 1.3))
	tw.Flush()

	if sv := r.Servers; sv != nil {
		fmt.Fprintf(tw, "\nservers\tarticles each\tchunks\tingest s\topen ms\tp50 ms\tp99 ms\tre-embedded\tRSS MB\tRSS/(vectors+text)\tsettled\ttarget\n")
		fmt.Fprintf(tw, "\t%d\t%d\t%d\t%.2f\t%.0f\t%.3f\t%.3f\t%d\t%.0f\t%.2f\t%.2f\tp50 ≤ 10 ms, ≤ 1.3 %s\n", sv.Servers, sv.Articles, sv.Chunks, sv.IngestSeconds, sv.OpenMS,
			sv.P50MS, sv.P99MS, sv.Reembedded, sv.Memory.RSSMB, sv.Memory.Ratio, sv.SettledRatio, verdict(sv.P50MS <= 10 && sv.Memory.Ratio <= 1.3 && sv.Reembedded == 0))
		tw.Flush()
		fmt.Fprintf(w, "  (%s)\n", sv.Note)
	}
	if rp := r.Replica; rp != nil {
		fmt.Fprintf(tw, "\nreplica (PostgreSQL)\tchunks\tpopulate s\tstart ms\tstart CPU ms\tload\tfirst answer ms\tre-embedded\ttarget\n")
		fmt.Fprintf(tw, "\t%d\t%.1f\t%.0f\t%.0f\t%.1f\t%.1f\t%d\tstart ≤ 5 s, nothing re-embedded %s\n", rp.Chunks, rp.PopulateS, rp.StartMS, rp.StartCPUMS, rp.LoadAvg,
			rp.FirstAnswerMS, rp.Reembedded, verdictAt(rp.Chunks, rp.StartMS <= 5000 && rp.Reembedded == 0))
		tw.Flush()
	}
}

// targetChunks is the index size the scaling targets are set at.
const targetChunks = 100_000

// verdictAt is verdict for a figure measured at n chunks; below the size
// the target is set at, fixed costs dominate and no verdict is given.
func verdictAt(n int, ok bool) string {
	if n < targetChunks {
		return "(set at 100k chunks)"
	}
	return verdict(ok)
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

// benchDatabaseURL is DATABASE_URL, for the replica section of the bench.
func (m *Main) benchDatabaseURL() string {
	if err := m.setup(); err != nil {
		return ""
	}
	return m.Config.DatabaseURL
}
