package postgres

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsbot/storybot/store"
)

// SaveArticle upserts the article and announces it in the same
// transaction: NOTIFY is delivered at commit, so no replica hears of an
// article it cannot read yet.
func (s *Store) SaveArticle(ctx context.Context, a store.Article) error {
	if err := store.CheckArticle(a); err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	sentences := make([]int32, 0, 2*len(a.Sentences))
	for _, sp := range a.Sentences {
		sentences = append(sentences, int32(sp.Start), int32(sp.End))
	}
	chunks := make([]int32, 0, 4*len(a.Chunks))
	vectors := make([]byte, 0, 4*a.Dim*len(a.Chunks))
	for _, c := range a.Chunks {
		chunks = append(chunks, int32(c.Start), int32(c.End), int32(c.First), int32(c.Last))
		for _, f := range c.Vector {
			vectors = binary.LittleEndian.AppendUint32(vectors, math.Float32bits(f))
		}
	}
	stems := joinStems(a.Chunks)
	note, err := json.Marshal(store.Change{Kind: store.ChangeSaved, GuildID: a.GuildID, ID: a.ID, Hash: a.Hash})
	if err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `insert into articles
			(guild_id, id, title, published, url, source, text, hash, embedder, dim, sentences, chunks, vectors, saved,
			 path, stamp_size, stamp_mtime, stemmer, stems)
			values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
			on conflict (guild_id, id) do update set
				title = excluded.title, published = excluded.published, url = excluded.url, source = excluded.source,
				text = excluded.text, hash = excluded.hash, embedder = excluded.embedder, dim = excluded.dim,
				sentences = excluded.sentences, chunks = excluded.chunks, vectors = excluded.vectors, saved = excluded.saved,
				path = excluded.path, stamp_size = excluded.stamp_size, stamp_mtime = excluded.stamp_mtime,
				stemmer = excluded.stemmer, stems = excluded.stems`,
			a.GuildID, a.ID, a.Title, nullTime(a.Published), a.URL, a.Source, a.Text, a.Hash, a.Embedder, a.Dim,
			sentences, chunks, vectors, s.opt.Now(), a.Path, a.StampSize, a.StampModTime, a.Stemmer, stems)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "select pg_notify($1, $2)", s.channel, string(note))
		return err
	})
	if err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	return nil
}

// DeleteArticle deletes the article and announces it.
func (s *Store) DeleteArticle(ctx context.Context, key store.ArticleKey) error {
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	note, err := json.Marshal(store.Change{Kind: store.ChangeDeleted, GuildID: key.GuildID, ID: key.ID})
	if err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "delete from articles where guild_id = $1 and id = $2", key.GuildID, key.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return notFound("article", key.ID)
		}
		_, err = tx.Exec(ctx, "select pg_notify($1, $2)", s.channel, string(note))
		return err
	})
	if err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	return nil
}

const articleColumns = "guild_id, id, title, published, url, source, text, hash, embedder, dim, sentences, chunks, vectors, saved, path, stamp_size, stamp_mtime, stemmer, stems"

// joinStems is the stems column: each chunk's stems joined by spaces, the
// chunks by newlines; "" when no chunk has any.
func joinStems(chunks []store.Chunk) string {
	n := 0
	for _, c := range chunks {
		for _, st := range c.Stems {
			n += len(st) + 1
		}
	}
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(n + len(chunks))
	for i, c := range chunks {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, st := range c.Stems {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(st)
		}
	}
	return b.String()
}

// splitStems sets the chunks' stems from the stems column: substrings of
// it, one slice for all of them. A column of another number of chunks
// (none: saved before migration 7) leaves them nil.
func splitStems(chunks []store.Chunk, stems string) {
	if stems == "" || strings.Count(stems, "\n") != len(chunks)-1 {
		return
	}
	all := make([]string, 0, strings.Count(stems, " ")+len(chunks))
	for i := range chunks {
		line := stems
		if nl := strings.IndexByte(stems, '\n'); nl >= 0 {
			line, stems = stems[:nl], stems[nl+1:]
		}
		if line == "" {
			continue
		}
		start := len(all)
		for line != "" {
			st := line
			if sp := strings.IndexByte(line, ' '); sp >= 0 {
				st, line = line[:sp], line[sp+1:]
			} else {
				line = ""
			}
			all = append(all, st)
		}
		chunks[i].Stems = all[start:len(all):len(all)]
	}
}

// float32s scans the vectors column: little-endian float32 bytes decoded
// straight from the driver's buffer into one slab, rather than copied into
// a byte slice first (200 MB of garbage at 100,000 chunks of 512
// dimensions).
type float32s []float32

// ScanBytes implements pgtype.BytesScanner; v is valid during the call only.
func (f *float32s) ScanBytes(v []byte) error {
	if len(v)%4 != 0 {
		return fmt.Errorf("vectors of %d bytes, not a whole number of float32", len(v))
	}
	out := make([]float32, len(v)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(v[4*i:]))
	}
	*f = out
	return nil
}

func scanArticle(row pgx.Row) (store.Article, error) {
	var (
		a                 store.Article
		published         *time.Time
		sentences, chunks []int32
		vectors           float32s
		stems             string
	)
	if err := row.Scan(&a.GuildID, &a.ID, &a.Title, &published, &a.URL, &a.Source, &a.Text, &a.Hash, &a.Embedder, &a.Dim,
		&sentences, &chunks, &vectors, &a.Saved, &a.Path, &a.StampSize, &a.StampModTime, &a.Stemmer, &stems); err != nil {
		return a, err
	}
	if published != nil {
		a.Published = *published
	}
	if len(sentences)%2 != 0 || len(chunks)%4 != 0 || len(vectors) != a.Dim*(len(chunks)/4) {
		return a, fmt.Errorf("article %q: stored chunks and vectors disagree", a.ID)
	}
	if len(sentences) > 0 {
		a.Sentences = make([]store.Span, len(sentences)/2)
		for i := range a.Sentences {
			a.Sentences[i] = store.Span{Start: int(sentences[2*i]), End: int(sentences[2*i+1])}
		}
	}
	if len(chunks) > 0 {
		// One backing array for every vector of the article.
		all := []float32(vectors)
		a.Chunks = make([]store.Chunk, len(chunks)/4)
		for i := range a.Chunks {
			a.Chunks[i] = store.Chunk{Start: int(chunks[4*i]), End: int(chunks[4*i+1]), First: int(chunks[4*i+2]), Last: int(chunks[4*i+3]),
				Vector: all[i*a.Dim : (i+1)*a.Dim : (i+1)*a.Dim]}
		}
		splitStems(a.Chunks, stems)
	}
	return a, nil
}

// Article reads one article.
func (s *Store) Article(ctx context.Context, key store.ArticleKey) (store.Article, error) {
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return store.Article{}, fmt.Errorf("read article: %w", err)
	}
	a, err := scanArticle(s.pool.QueryRow(ctx, "select "+articleColumns+" from articles where guild_id = $1 and id = $2", key.GuildID, key.ID))
	if isNoRows(err) {
		return a, fmt.Errorf("read %w", notFound("article", key.ID))
	}
	if err != nil {
		return a, fmt.Errorf("read article %q: %w", key.ID, err)
	}
	return a, nil
}

// ArticleHashes reads the guild's ids and hashes.
func (s *Store) ArticleHashes(ctx context.Context, guildID string) (map[string]string, error) {
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read article hashes: %w", err)
	}
	rows, err := s.pool.Query(ctx, "select id, hash from articles where guild_id = $1", guildID)
	if err != nil {
		return nil, fmt.Errorf("read article hashes: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, hash string
		if err := rows.Scan(&id, &hash); err != nil {
			return nil, fmt.Errorf("read article hashes: %w", err)
		}
		out[id] = hash
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read article hashes: %w", err)
	}
	return out, nil
}

// EachArticle streams every article from one query.
func (s *Store) EachArticle(ctx context.Context, fn func(store.Article) error) error {
	rows, err := s.pool.Query(ctx, "select "+articleColumns+" from articles order by guild_id, id")
	if err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("read articles: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read articles: %w", err)
	}
	return nil
}

// ArticleHash reads one article's hash.
func (s *Store) ArticleHash(ctx context.Context, key store.ArticleKey) (string, error) {
	if err := store.CheckID("guild id", key.GuildID); err != nil {
		return "", fmt.Errorf("read article hash: %w", err)
	}
	var h string
	err := s.pool.QueryRow(ctx, "select hash from articles where guild_id = $1 and id = $2", key.GuildID, key.ID).Scan(&h)
	if isNoRows(err) {
		return "", fmt.Errorf("read article hash: %w", notFound("article", key.ID))
	}
	if err != nil {
		return "", fmt.Errorf("read article hash %q: %w", key.ID, err)
	}
	return h, nil
}
