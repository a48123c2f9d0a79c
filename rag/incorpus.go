package rag

import "strings"

// InCorpus reports whether quote is verbatim (up to quote style and
// whitespace) in the indexed document doc. A document of a guild's own
// sources ("sources/<guild>/…") is looked up in that guild's index.
func (e *Engine) InCorpus(doc, quote string) bool {
	e.mu.RLock()
	d, ok := e.ix.Document(doc)
	e.mu.RUnlock()
	if !ok {
		if ge := e.ownerOf(doc); ge != nil && ge != e {
			return ge.InCorpus(doc, quote)
		}
		return false
	}
	_, ok = Locate(d.Text, quote)
	return ok
}

// ownerOf returns the guild engine whose own sources doc is one of, or nil.
func (e *Engine) ownerOf(doc string) *Engine {
	rest, ok := strings.CutPrefix(doc, "sources/")
	if !ok {
		return nil
	}
	dir, _, ok := strings.Cut(rest, "/")
	if !ok {
		return nil
	}
	e.gmu.RLock()
	defer e.gmu.RUnlock()
	return e.guilds[guildID(dir)]
}

// Verify reports whether doc is indexed (present) and whether quote is
// verbatim in it, for re-checking a pinned answer after the corpus changed.
// Like InCorpus it looks a guild's own source up in that guild's index.
func (e *Engine) Verify(doc, quote string) (present, verbatim bool) {
	e.mu.RLock()
	d, ok := e.ix.Document(doc)
	e.mu.RUnlock()
	if !ok {
		if ge := e.ownerOf(doc); ge != nil && ge != e {
			return ge.Verify(doc, quote)
		}
		return false, false
	}
	_, ok = Locate(d.Text, quote)
	return true, ok
}
