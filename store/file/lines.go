package file

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsbot/storybot/internal/atomicfile"
)

var errWouldBlock = errors.New("lock held elsewhere")

// appendLine appends v as one JSON line and fsyncs it. The first append to
// a file in this process ends a torn last line left by a crash, so that
// line stays a single bad line that reading skips. Callers hold s.write.
func (s *Store) appendLine(path string, v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if !s.repaired[path] {
		if err := endTornLine(f); err != nil {
			return err
		}
		if err := atomicfile.SyncDir(filepath.Dir(path)); err != nil {
			return err
		}
		s.repaired[path] = true
	}
	if _, err := f.Write(line); err != nil {
		return err
	}
	return f.Sync()
}

// endTornLine writes a newline when f does not end with one.
func endTornLine(f *os.File) error {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return err
	}
	if last[0] == '\n' {
		return nil
	}
	_, err = f.Write([]byte("\n"))
	return err
}

// readLines calls fn with each line of path that parses as JSON into a
// fresh T, oldest first; a missing file has no lines. A line that does not
// parse is a torn write and is skipped.
func readLines[T any](path string, fn func(T) error) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := r.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var v T
			if json.Unmarshal(line, &v) == nil {
				if err := fn(v); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// errStop ends a walk early without an error.
var errStop = errors.New("stop")

// readLinesBackward calls fn with each parsed line of path, newest first,
// reading blocks from the end so that the cost depends on how far fn reads,
// not on the file's size. fn returns errStop to stop.
func readLinesBackward[T any](path string, fn func(T) error) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	const block = 32 << 10
	end := info.Size()
	var tail []byte // the start of a line whose beginning is in an earlier block
	for end > 0 || len(tail) > 0 {
		start := max(end-block, 0)
		buf := make([]byte, end-start, int(end-start)+len(tail))
		if _, err := f.ReadAt(buf, start); err != nil && err != io.EOF {
			return err
		}
		buf = append(buf, tail...)
		end = start
		for {
			i := bytes.LastIndexByte(bytes.TrimRight(buf, "\n"), '\n')
			if i < 0 && start > 0 {
				tail = buf // the first line may continue in the previous block
				break
			}
			line := buf[i+1:]
			buf = buf[:max(i, 0)]
			if len(bytes.TrimSpace(line)) > 0 {
				var v T
				if json.Unmarshal(line, &v) == nil {
					if err := fn(v); errors.Is(err, errStop) {
						return nil
					} else if err != nil {
						return err
					}
				}
			}
			if i < 0 {
				tail = nil
				break
			}
		}
	}
	return nil
}

// writeJSONAtomic replaces path with v's JSON.
func writeJSONAtomic(path string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data)
}

// readJSON decodes path into v; a missing file leaves v alone and reports
// fs.ErrNotExist.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}
