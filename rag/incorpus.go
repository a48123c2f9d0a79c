package rag

// InCorpus reports whether quote is verbatim (up to quote style and
// whitespace) in the indexed document doc.
func (e *Engine) InCorpus(doc, quote string) bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	d, ok := e.ix.Document(doc)
	if !ok {
		return false
	}
	_, ok = Locate(d.Text, quote)
	return ok
}
