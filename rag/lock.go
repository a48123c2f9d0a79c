package rag

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"github.com/newsbot/storybot/rag/index"
)

// lockFile is the writers' lock in the data folder. A process holds it while
// it syncs and saves the index, never longer, so a bot and a `bot ingest`
// take turns; loading needs no lock.
const lockFile = "index.lock"

// ErrBusy means another process holds the data folder's lock for longer than
// the caller's context allowed waiting.
var ErrBusy = errors.New("another process is updating the index")

// lockRetry is how often a waiting writer tries the lock again.
const lockRetry = 100 * time.Millisecond

// mkdirAll creates folders in the data folder; tests replace it to make the
// folder read-only for every user, root included.
var mkdirAll = os.MkdirAll

// readOnlyErr reports an error that means the data folder cannot be written.
func readOnlyErr(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// lockData takes the writers' lock on the data folder, waiting while
// another process holds it until ctx ends. A data folder that cannot be
// written is not an error: readOnly is set, and the caller syncs in memory
// without saving.
func (e *Engine) lockData(ctx context.Context) (unlock func(), readOnly bool, err error) {
	if err := mkdirAll(e.opts.DataDir, 0o755); err != nil {
		if readOnlyErr(err) {
			return func() {}, true, nil
		}
		return nil, false, fmt.Errorf("create data folder: %w", err)
	}
	fl := flock.New(filepath.Join(e.opts.DataDir, lockFile), flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil {
		if readOnlyErr(err) {
			return func() {}, true, nil
		}
		return nil, false, fmt.Errorf("lock data folder: %w", err)
	}
	if !ok {
		e.log.Info("another process is updating the index; waiting for it to finish", "lock", fl.Path())
		ok, err = fl.TryLockContext(ctx, lockRetry)
		if !ok {
			if err == nil {
				err = ctx.Err()
			}
			return nil, false, fmt.Errorf("%w in %s (it holds %s): %w", ErrBusy, e.opts.DataDir, fl.Path(), err)
		}
	}
	for _, dir := range []string{e.indexDir(), e.indexDir() + "-local"} {
		if err := index.RecoverSwap(dir); err != nil {
			e.log.Warn("could not restore the index a save left behind", "dir", dir, "err", err)
		}
	}
	return func() { fl.Unlock() }, false, nil
}

// refreshIndex reloads the index when another process saved it since this
// one loaded or saved it, so that a sync builds on that work instead of
// redoing it (and saving over it); it reports whether it reloaded.
func (e *Engine) refreshIndex() bool {
	if !e.ix.Outdated() {
		return false
	}
	e.log.Info("another process updated the index; reloading it")
	e.ix = e.ix.Reload()
	e.an = nil
	return true
}
