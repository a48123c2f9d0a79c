package index

import "log/slog"

// New returns an empty index kept in memory only, for an engine whose
// index is rebuilt from a database at every start (its Save must not be
// called).
func New(e *Embedder, log *slog.Logger) *Index { return newEmptyIndex("", e, log) }

// Normalize scales v to unit length in place, as the index does with every
// vector it adds (a zero vector stays zero).
func Normalize(v []float32) { normalize(v) }
