package rag

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/internal/metrics"
	"github.com/newsbot/storybot/rag/answer"
	"github.com/newsbot/storybot/rag/index"
	"github.com/newsbot/storybot/store"
)

// DefaultMaxQuestionLen bounds a question, in characters.
const DefaultMaxQuestionLen = 500

// retrieveK is how many passages an answer draws on.
const retrieveK = index.DefaultK

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
	// Metrics records fallbacks, rejected quotes and the index's size;
	// nil records nothing.
	Metrics *metrics.Metrics
	// Store, when set, makes the engine a replica (replica.go): its index
	// is built from the store's articles and kept in memory only, and
	// what it embeds is saved there for the other replicas.
	Store Store
	// SourcesDir holds the articles added as sources, by guild (see
	// guild.go); empty: none.
	SourcesDir string

	guild string // set on a guild's own engine
}

// Engine answers questions about a corpus. It is safe for concurrent use.
type Engine struct {
	opts  Options
	log   *slog.Logger
	local *Embedder

	sources sources     // cited documents as re-read from the corpus
	docAn   docAnalyses // who said and when, of the documents answers lead with

	mu sync.RWMutex
	ix *index.Index
	an *analyses // of ix, replaced when a sync changes it

	cache vectorCache // a replica's vectors from the store, for the sync in progress
	// fetched are the store's articles a replica's start read in one walk
	// (prefetch), by id, until its first sync has taken what it needs.
	fetched map[string]store.Article
	// localIDs is a replica's own corpus at its last sync, or a server's
	// engine's own articles on a shared store (under mu).
	localIDs map[string]bool
	guild    string             // the guild of a guild's own engine; "" for the root
	gmu      sync.RWMutex       // guards guilds
	guilds   map[string]*Engine // the root's engines of guilds with sources of their own
	// syncAllMu serialises SyncAll.
	syncAllMu sync.Mutex
	warned    map[string]bool // problems already logged, under mu
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
	e := &Engine{opts: opts, log: opts.Logger.With("component", "rag"), local: NewLocalEmbedder(), guild: opts.guild}
	if opts.Embedder == nil {
		e.opts.Embedder = e.local
	}
	e.ix = e.openIndex(e.opts.Embedder)
	// The index tells which files are unchanged since it was saved; only the
	// others are read. A replica's index starts empty: the store tells.
	t := time.Now()
	reuse := e.ix.Reuser()
	if e.replica() {
		var err error
		if reuse, err = e.prefetch(ctx); err != nil {
			return nil, SyncStats{}, err
		}
	}
	docs, problems, err := e.loadCorpus(ctx, reuse)
	if err != nil {
		return nil, SyncStats{}, err
	}
	read := time.Since(t)
	st, err := e.syncDocs(ctx, docs, problems, progress, e.rereadCorpus)
	st.Timings.Read = read
	if err != nil {
		return nil, st, err
	}
	if e.guild == "" {
		if err := e.openGuilds(ctx); err != nil {
			return nil, st, err
		}
	}
	// Loading leaves garbage the size of the corpus (file contents, decoded
	// tables); handing it back now keeps the process from holding its peak.
	debug.FreeOSMemory()
	return e, st, nil
}

func (e *Engine) indexDir() string { return filepath.Join(e.opts.DataDir, "index") }

// openIndex loads the index saved under the data folder for embedder (its
// own folder for the local fallback), or, for a replica, makes an empty one
// in memory that takes its vectors from the store.
func (e *Engine) openIndex(embedder *Embedder) *index.Index {
	switch {
	case e.replica():
		return index.New(cachedEmbedder(embedder, &e.cache), e.log)
	case embedder == e.local && e.opts.Embedder != e.local:
		return index.Open(e.indexDir()+"-local", embedder, e.log)
	case e.embedsOnce():
		return index.Open(e.indexDir(), cachedEmbedder(embedder, &e.cache), e.log)
	}
	return index.Open(e.indexDir(), embedder, e.log)
}

// Sync re-reads the corpus and updates the index: new and changed documents
// are embedded, removed ones dropped, unreadable files reported and their
// indexed version kept. When a remote embedder fails, the index is rebuilt
// with the local embedder and the log says why. While another process
// updates the same data folder, Sync waits for it; if ctx ends first, the
// error is ErrBusy.
func (e *Engine) Sync(ctx context.Context, progress Progress) (SyncStats, error) {
	e.mu.RLock()
	reuse := e.ix.Reuser()
	e.mu.RUnlock()
	t := time.Now()
	docs, problems, err := e.loadCorpus(ctx, reuse)
	if err != nil {
		return SyncStats{}, err
	}
	read := time.Since(t)
	st, err := e.syncDocs(ctx, docs, problems, progress, e.rereadCorpus)
	st.Timings.Read = read
	return st, err
}

// rereadCorpus reads the corpus again for a sync whose first reading
// another process's save overtook (see syncDocs).
func (e *Engine) rereadCorpus(ctx context.Context) ([]*corpus.Document, []error, error) {
	return e.loadCorpus(ctx, e.ix.Reuser())
}

// syncDocs is Sync on a corpus already read. The corpus is read before the
// data folder's lock is taken, so another process may save the index in
// between from a later reading (files written meanwhile): when the index
// is reloaded for that save, reread (when given) reads the corpus again
// under the lock, so that this sync does not drop as deleted the files the
// other process indexed.
func (e *Engine) syncDocs(ctx context.Context, docs []*corpus.Document, problems []error, progress Progress, reread func(context.Context) ([]*corpus.Document, []error, error)) (SyncStats, error) {
	unlock, readOnly, err := e.lockData(ctx)
	if err != nil {
		return SyncStats{}, err
	}
	defer unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.replica() {
		// reading only: also where this process cannot write
		if e.refreshIndex() && reread != nil {
			if docs, problems, err = reread(ctx); err != nil {
				return SyncStats{}, err
			}
		}
	} else if docs, err = e.replicate(ctx, docs, unreadableIn(e.ix, problems)); err != nil {
		return SyncStats{}, err
	}
	if e.embedsOnce() {
		if err := e.embedOwn(ctx, docs, unreadableIn(e.ix, problems)); err != nil {
			return SyncStats{}, err
		}
	}
	e.warnProblems(problems)
	st, err := e.ix.Sync(ctx, docs, unreadableIn(e.ix, problems), progress)
	if err != nil && e.ix.Embedder().ID != e.local.ID && ctx.Err() == nil {
		e.log.Warn("embedding API failed; indexing with the local embedder instead", "err", err)
		e.ix = e.openIndex(e.local)
		e.cache.reset() // a replica's stored vectors are the remote model's
		st, err = e.ix.Sync(ctx, docs, unreadableIn(e.ix, problems), progress)
	}
	e.cache.reset() // a replica's vectors from the store are the index's now
	if err != nil {
		return st, err
	}
	st.Problems = problems
	e.opts.Metrics.IndexSize(len(e.ix.Documents()), e.ix.Len())
	if e.an == nil || st.Changed() {
		e.an = &analyses{}
	}
	if st.Changed() || st.Kept > 0 || st.Touched > 0 {
		t := time.Now()
		if !readOnly && !e.replica() {
			err = e.ix.Save()
		}
		switch {
		case readOnly || readOnlyErr(err):
			e.log.Warn("the data folder is read-only; answering from the index in memory, which is not saved", "dir", e.opts.DataDir, "err", err)
		case err != nil:
			return st, err
		default:
			st.Timings.Save = time.Since(t)
		}
	}
	return st, nil
}

// unreadableIn lists the documents of ix that problems kept from being read:
// a file that could not be read, or any file under a folder that could not
// be. They keep their indexed version.
func unreadableIn(ix *index.Index, problems []error) map[string]bool {
	unreadable := make(map[string]bool)
	for _, p := range problems {
		var fe *corpus.FileError
		if !errors.As(p, &fe) {
			continue
		}
		unreadable[fe.ID] = true
		if fe.Dir {
			for _, d := range ix.Documents() {
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
		if err != nil {
			return nil, nil, err
		}
		return e.loadAdded(ctx, docs, nil, reuse)
	}
	docs, problems, err := corpus.LoadDirReusing(ctx, e.opts.CorpusDir, reuse)
	if errors.Is(err, fs.ErrPermission) && len(e.Documents()) > 0 {
		// The whole folder became unreadable: like any folder in it, it
		// keeps what was indexed from it.
		return nil, []error{&corpus.FileError{Path: e.opts.CorpusDir, ID: ".", Dir: true, Err: err}}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if len(docs) == 0 && len(problems) == 0 {
		return nil, nil, fmt.Errorf("corpus folder %s holds no .md, .txt or .html files", e.opts.CorpusDir)
	}
	return e.loadAdded(ctx, docs, problems, reuse)
}

// Embedder returns the ID of the embedder the index was built with.
func (e *Engine) Embedder() string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.Embedder().ID
}

// Documents returns the indexed documents.
func (e *Engine) Documents() []*corpus.Document {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.Documents()
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

// Ask answers a question: retrieval finds the passages, an answerer (the
// LLM when one is configured, else or when it fails the extractive one)
// writes the answer from them, and every citation is checked against the
// corpus text before the answer is returned. The engine's lock is held only
// while retrieving, never across the LLM's network call.
func (e *Engine) Ask(ctx context.Context, q string) (Answer, error) {
	e = e.route(ctx)
	q, err := e.CheckQuestion(q)
	if err != nil {
		return Answer{}, err
	}
	if e.opts.LLM != nil {
		ReportStep(ctx, Step{Stage: StageSearching, N: len(e.Documents())})
	}
	passages, qa, texts, ix, err := e.retrieve(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	var ans Answer
	answered := false
	if e.opts.LLM != nil && len(passages) > 0 {
		ReportStep(ctx, Step{Stage: StageWriting, N: len(passages)})
		llmAns, err := e.opts.LLM.Answer(ctx, e.log, q, passages)
		switch {
		case err == nil:
			ReportStep(ctx, Step{Stage: StageChecking, N: len(llmAns.Citations)})
			ans, answered = llmAns, true
		case ctx.Err() != nil:
			return Answer{}, ctx.Err()
		default:
			e.log.Warn("llm answer failed; answering extractively", "err", err)
			e.opts.Metrics.Fallback(fallbackReason(err))
		}
	}
	if !answered {
		ans = answer.Extract(qa, passages, e.aids(ix))
	}
	checked := answer.Check(e.log, ans, texts)
	e.opts.Metrics.QuotesRejected(len(ans.Citations) - len(checked.Citations))
	return checked, nil
}

// retrieve finds the passages for q and analyses it under the read lock, and
// returns with them the lookup of the documents' texts that the answer's
// quotes are checked against.
func (e *Engine) retrieve(ctx context.Context, q string) ([]Passage, answer.Question, func(string) (string, bool), *index.Index, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	ix := e.ix
	passages, err := ix.Retrieve(ctx, q, retrieveK)
	if err != nil {
		return nil, answer.Question{}, nil, nil, fmt.Errorf("retrieve: %w", err)
	}
	qa := answer.Analyze(q, ix)
	// The passages' documents never change after the lock; what is looked
	// up in ix later is looked up under it again (documentOf), since a sync
	// may change the tables of this same index.
	return passages, qa, e.sourceText(ix), ix, nil
}

// Retrieve returns up to k passages relevant to q, best first, as Ask finds
// them before answering.
func (e *Engine) Retrieve(ctx context.Context, q string, k int) ([]Passage, error) {
	e = e.route(ctx)
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.ix.Retrieve(ctx, q, k)
}
