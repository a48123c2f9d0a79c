package rag

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/corpus"
)

// DefaultMaxQuestionLen bounds a question, in characters.
const DefaultMaxQuestionLen = 500

// retrieveK is how many chunks an answer draws on.
const retrieveK = 6

// Options configure an Engine.
type Options struct {
	// CorpusDir is a folder of articles; empty means the bundled story.
	CorpusDir string
	// DataDir holds the index (in DataDir/index) and the lock its writers
	// take (DataDir/index.lock). Processes may share it; one that cannot
	// write it answers from an index kept in memory.
	DataDir string
	// Embedder embeds chunks and questions; nil means the local embedder.
	Embedder *Embedder
	// LLM, when set, writes the answers; the extractive answerer is the
	// fallback when it fails.
	LLM *LLM
	// MaxQuestionLen bounds a question in characters (default 500).
	MaxQuestionLen int
	Logger         *slog.Logger
}

// Engine answers questions about a corpus. It is safe for concurrent use.
type Engine struct {
	opts  Options
	log   *slog.Logger
	local *Embedder

	mu sync.RWMutex
	ix *Index
	an *analyses // of ix, replaced when a sync changes it
}

// Open loads the index under opts.DataDir and syncs it with the corpus,
// building it on first use. progress, when set, is told of embedding work.
func Open(ctx context.Context, opts Options, progress Progress) (*Engine, SyncStats, error) {
	if opts.DataDir == "" {
		return nil, SyncStats{}, errors.New("open engine: no data folder")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxQuestionLen <= 0 {
		opts.MaxQuestionLen = DefaultMaxQuestionLen
	}
	e := &Engine{opts: opts, log: opts.Logger.With("component", "rag"), local: NewLocalEmbedder()}
	if opts.Embedder == nil {
		e.opts.Embedder = e.local
	}
	e.ix = openIndex(e.indexDir(), e.opts.Embedder, e.log)
	// The index tells which files are unchanged since it was saved; only the
	// others are read.
	docs, problems, err := e.loadCorpus(ctx, e.ix.reuser())
	if err != nil {
		return nil, SyncStats{}, err
	}
	st, err := e.syncDocs(ctx, docs, problems, progress)
	if err != nil {
		return nil, st, err
	}
	// Loading leaves garbage the size of the corpus (file contents, decoded
	// tables); handing it back now keeps the process from holding its peak.
	debug.FreeOSMemory()
	return e, st, nil
}

func (e *Engine) indexDir() string { return filepath.Join(e.opts.DataDir, "index") }

// Sync re-reads the corpus and updates the index: new and changed documents
// are embedded, removed ones dropped, unreadable files reported and their
// indexed version kept. When a remote embedder fails, the index is rebuilt
// with the local embedder and the log says why. While another process
// updates the same data folder, Sync waits for it; if ctx ends first, the
// error is ErrBusy.
func (e *Engine) Sync(ctx context.Context, progress Progress) (SyncStats, error) {
	e.mu.RLock()
	reuse := e.ix.reuser()
	e.mu.RUnlock()
	docs, problems, err := e.loadCorpus(ctx, reuse)
	if err != nil {
		return SyncStats{}, err
	}
	return e.syncDocs(ctx, docs, problems, progress)
}

// syncDocs is Sync on a corpus already read.
func (e *Engine) syncDocs(ctx context.Context, docs []*corpus.Document, problems []error, progress Progress) (SyncStats, error) {
	unlock, readOnly, err := e.lockData(ctx)
	if err != nil {
		return SyncStats{}, err
	}
	defer unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if !readOnly {
		e.refreshIndex()
	}
	for _, p := range problems {
		e.log.Warn("skipped a corpus file", "err", p)
	}
	st, err := e.ix.Sync(ctx, docs, unreadableIn(e.ix, problems), progress)
	if err != nil && e.ix.embedder != e.local && ctx.Err() == nil {
		e.log.Warn("embedding API failed; indexing with the local embedder instead", "err", err)
		e.ix = openIndex(e.indexDir()+"-local", e.local, e.log)
		st, err = e.ix.Sync(ctx, docs, unreadableIn(e.ix, problems), progress)
	}
	if err != nil {
		return st, err
	}
	st.Problems = problems
	if e.an == nil || st.Changed() {
		e.an = &analyses{}
	}
	if st.Changed() || st.Kept > 0 || st.Touched > 0 {
		if !readOnly {
			err = e.ix.save()
		}
		switch {
		case readOnly || readOnlyErr(err):
			e.log.Warn("the data folder is read-only; answering from the index in memory, which is not saved", "dir", e.opts.DataDir, "err", err)
		case err != nil:
			return st, err
		}
	}
	return st, nil
}

// unreadableIn lists the documents of ix that problems kept from being read:
// a file that could not be read, or any file under a folder that could not
// be. They keep their indexed version.
func unreadableIn(ix *Index, problems []error) map[string]bool {
	unreadable := make(map[string]bool)
	for _, p := range problems {
		var fe *corpus.FileError
		if !errors.As(p, &fe) {
			continue
		}
		unreadable[fe.ID] = true
		if fe.Dir {
			for _, d := range ix.docs {
				if fe.Covers(d.ID) {
					unreadable[d.ID] = true
				}
			}
		}
	}
	return unreadable
}

func (e *Engine) loadCorpus(ctx context.Context, reuse func(string, corpus.Stamp) *corpus.Document) ([]*corpus.Document, []error, error) {
	if e.opts.CorpusDir == "" {
		docs, err := corpus.Bundled()
		return docs, nil, err
	}
	docs, problems, err := corpus.LoadDirReusing(ctx, e.opts.CorpusDir, reuse)
	if err != nil {
		return nil, nil, err
	}
	if len(docs) == 0 && len(problems) == 0 {
		return nil, nil, fmt.Errorf("corpus folder %s holds no .md, .txt or .html files", e.opts.CorpusDir)
	}
	return docs, problems, nil
}

// Embedder returns the ID of the embedder the index was built with.
func (e *Engine) Embedder() string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.embedder.ID
}

// Documents returns the indexed documents.
func (e *Engine) Documents() []*corpus.Document {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.docs
}

// CheckQuestion validates a question as a user typed it and returns it
// trimmed; its error is an *InvalidError written for the user.
func (e *Engine) CheckQuestion(q string) (string, error) {
	q, err := e.cleanInput(q, "question")
	if err != nil {
		return "", err
	}
	if q == "" {
		return "", Invalidf("Please ask a question, for example: What did the minister say?")
	}
	return q, nil
}

// cleanInput validates text a user typed (what names it in messages): it must
// be UTF-8 and within the length limit, in characters. Control characters
// become spaces and the result is trimmed.
func (e *Engine) cleanInput(s, what string) (string, error) {
	if !utf8.ValidString(s) {
		return "", Invalidf("Your %s contains bytes that are not text. Please type it again.", what)
	}
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
	if n := utf8.RuneCountInString(s); n > e.opts.MaxQuestionLen {
		return "", Invalidf("Your %s is %d characters long; the limit is %d. Please shorten it.", what, n, e.opts.MaxQuestionLen)
	}
	return s, nil
}

// Ask answers a question. Every citation of the answer has been checked
// against the corpus text.
func (e *Engine) Ask(ctx context.Context, q string) (Answer, error) {
	q, err := e.CheckQuestion(q)
	if err != nil {
		return Answer{}, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	ix := e.ix
	hits, err := ix.Retrieve(ctx, q, retrieveK)
	if err != nil {
		return Answer{}, fmt.Errorf("retrieve: %w", err)
	}
	qa := analyze(q, ix.lex.weight)
	cands := ix.candidates(qa, hits)
	ans := ix.extract(qa, cands)
	if e.opts.LLM != nil && namesFocus(qa, cands) {
		llmAns, err := e.opts.LLM.answer(ctx, ix, q, hits)
		switch {
		case err == nil:
			ans = llmAns
		case ctx.Err() != nil:
			return Answer{}, ctx.Err()
		default:
			e.log.Warn("llm answer failed; answering extractively", "err", err)
		}
	}
	return ix.checked(ans), nil
}

// checked drops any citation whose quote is not in the corpus. The answerers
// only cite what they found, so this never fires unless one of them is
// wrong; it is the last line of the guarantee that no quote is invented.
func (ix *Index) checked(a Answer) Answer {
	kept := a.Citations[:0]
	renumber := make(map[int]int)
	for _, c := range a.Citations {
		if v, ok := ix.Verify(c); ok {
			renumber[c.N] = len(kept) + 1
			v.N = len(kept) + 1
			kept = append(kept, v)
		} else {
			ix.log.Error("citation failed verification; dropped", "doc", c.Doc, "quote", c.Quote)
		}
	}
	if len(kept) < len(a.Citations) {
		a.Text = renumberMarkers(a.Text, renumber)
	}
	a.Citations = kept
	if len(kept) == 0 && !a.Abstained {
		a.Abstained = true
		a.Text = Abstention
	}
	return a
}
