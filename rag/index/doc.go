// Package index is retrieval: it keeps the corpus's chunks embedded in a
// chromem-go collection and a lexical (BM25) index over the same chunks,
// syncs them with the corpus incrementally, persists them under a folder,
// and answers Retrieve with self-contained Passages, best first, scored by
// a hybrid of vector and lexical similarity.
//
// Embedders are values of *Embedder: the local one (feature hashing, no
// model and no network) or an OpenAI-compatible embeddings API. Nothing here
// knows about answers: rag/answer works on the Passages.
package index
