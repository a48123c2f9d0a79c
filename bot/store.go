package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/newsbot/storybot/rag"
)

// pinsFile is the name of the pinned-answers log under the data dir.
const pinsFile = "pins.jsonl"

// PinStore keeps pinned answers. The bot declares what it needs; a file
// store (openPinStore) is the default, and any other (a database) can take
// its place through Options.Pins.
type PinStore interface {
	// Append records a pin durably.
	Append(ctx context.Context, p PinRecord) error
	// Latest returns up to n pins of guildID, newest first, each message
	// once. An empty guildID has no pins: it never means all guilds.
	Latest(ctx context.Context, guildID string, n int) ([]PinRecord, error)
}

// PinRecord is one pinned answer as it was shown.
type PinRecord struct {
	Question     string         `json:"question"`
	Answer       string         `json:"answer"`
	Abstained    bool           `json:"abstained"`
	Mode         string         `json:"mode"`
	Model        string         `json:"model,omitempty"`
	Citations    []rag.Citation `json:"citations"`
	PinnedByID   string         `json:"pinned_by_id"`
	PinnedByName string         `json:"pinned_by"`
	PinnedAt     time.Time      `json:"pinned_at"`
	GuildID      string         `json:"guild_id"`
	ChannelID    string         `json:"channel_id"`
	MessageID    string         `json:"message_id"`
	// Status and Detail say whether the quotes still stand (store.Pin's):
	// "" or "current", "changed" or "removed", and what changed.
	Status string `json:"status,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// pinStore keeps pinned answers in an append-only JSON-lines file. Each
// append is one write of a whole line followed by fsync, so a crash can at
// worst leave a torn last line; reading skips it, and opening the store
// terminates it so the next record starts on a fresh line.
type pinStore struct {
	path string
	mu   sync.Mutex
	// bytesRead counts what Latest read, so a test can see it stays small.
	bytesRead int64
}

// openPinStore creates dir if needed and repairs a torn last line.
func openPinStore(dir string) (*pinStore, error) {
	if dir == "" {
		return nil, errors.New("open pin store: no data dir set (DATA_DIR)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open pin store: %w", err)
	}
	s := &pinStore{path: filepath.Join(dir, pinsFile)}
	if err := s.repair(); err != nil {
		return nil, fmt.Errorf("open pin store: %w", err)
	}
	return s, nil
}

// repair ends a torn last line with a newline so it stays a single bad line
// that reading skips, instead of corrupting the next record.
func (s *pinStore) repair() error {
	f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() == 0 {
		return syncDir(filepath.Dir(s.path))
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return err
	}
	if last[0] == '\n' {
		return nil
	}
	if _, err := f.WriteAt([]byte("\n"), info.Size()); err != nil {
		return err
	}
	return f.Sync()
}

// syncDir makes a newly created file's directory entry durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// Bounds of a recorded answer: what an embed can show of it.
const (
	maxPinText    = maxEmbedDescription // the question, and the answer
	maxPinSources = maxFields
	maxPinQuote   = maxFieldValue
	maxPinShort   = maxFieldName // a source's title, URL and date; names and ids
	maxPinLine    = 256 << 10    // far above a bounded record's JSON
)

// bounded cuts a record to what an embed can show, so no record (and no
// line of the pins file) is unbounded.
func bounded(p PinRecord) PinRecord {
	p.Question = truncate(p.Question, maxPinText)
	p.Answer = truncate(p.Answer, maxPinText)
	for _, f := range []*string{&p.Mode, &p.Model, &p.PinnedByID, &p.PinnedByName, &p.GuildID, &p.ChannelID, &p.MessageID} {
		*f = truncate(*f, maxPinShort)
	}
	if len(p.Citations) > maxPinSources {
		p.Citations = p.Citations[:maxPinSources]
	}
	cites := make([]rag.Citation, len(p.Citations))
	for n, c := range p.Citations {
		c.Quote = truncate(c.Quote, maxPinQuote)
		c.Title, c.Doc, c.URL, c.Published = truncate(c.Title, maxPinShort), truncate(c.Doc, maxPinShort), truncate(c.URL, maxPinShort), truncate(c.Published, maxPinShort)
		cites[n] = c
	}
	p.Citations = cites
	return p
}

// Append records p durably, bounded to what an embed can show.
func (s *pinStore) Append(_ context.Context, p PinRecord) error {
	line, err := json.Marshal(bounded(p))
	if err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return fmt.Errorf("record pin: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("record pin: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("record pin: %w", err)
	}
	return nil
}

// Latest returns up to n pinned answers of guildID, newest first. A message
// pinned twice is listed once. It reads the file backwards from its end and
// stops as soon as it has n, so listing the latest pins costs the same at 10
// pins as at 100,000.
func (s *pinStore) Latest(_ context.Context, guildID string, n int) ([]PinRecord, error) {
	if guildID == "" || n <= 0 {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	defer f.Close()
	var out []PinRecord
	seen := map[string]bool{}
	err = s.eachLineBackwards(f, func(line []byte) bool {
		var p PinRecord
		// A line that does not parse is a torn write: skip it.
		if json.Unmarshal(line, &p) != nil || p.MessageID == "" || p.GuildID != guildID {
			return true
		}
		key := p.ChannelID + "/" + p.MessageID
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
		return len(out) < n
	})
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	return out, nil
}

// pinsReadChunk is how much of the pins file one read takes, from the end.
const pinsReadChunk = 32 << 10

// eachLineBackwards calls fn with each non-empty line of f, last first,
// until fn returns false. A line longer than maxPinLine (none is written
// since records are bounded) is skipped.
func (s *pinStore) eachLineBackwards(f *os.File, fn func(line []byte) bool) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	end := info.Size()
	var tail []byte // the start of the line that ends the part after end
	skipping := false
	buf := make([]byte, pinsReadChunk)
	for end > 0 {
		size := min(int64(len(buf)), end)
		chunk := buf[:size]
		if _, err := f.ReadAt(chunk, end-size); err != nil && err != io.EOF {
			return err
		}
		s.bytesRead += size
		end -= size
		data := append(append([]byte(nil), chunk...), tail...)
		for {
			nl := bytes.LastIndexByte(data, '\n')
			if nl < 0 {
				break
			}
			line := data[nl+1:]
			data = data[:nl]
			if skipping {
				skipping = false
				continue
			}
			if len(bytes.TrimSpace(line)) > 0 && !fn(line) {
				return nil
			}
		}
		tail = data
		if len(tail) > maxPinLine {
			tail, skipping = nil, true
		}
	}
	if !skipping && len(bytes.TrimSpace(tail)) > 0 {
		fn(tail)
	}
	return nil
}
