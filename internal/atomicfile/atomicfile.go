// Package atomicfile replaces a file's contents so that a reader sees the
// old file or the new one, never a mix: the data goes to a temporary file
// in the same folder, which is then renamed over the old one.
//
// Write also waits for the disk (the file and its folder are synced), so
// the new contents survive a crash; WriteCopy does not, for files that are
// copies of data kept elsewhere and are written again when found short.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write replaces path with data durably, creating its folder if needed.
func Write(path string, data []byte) error { return write(path, data, true) }

// WriteCopy replaces path with data without waiting for the disk: a crash
// may leave the old file, the new one, or a short new one.
func WriteCopy(path string, data []byte) error { return write(path, data, false) }

func write(path string, data []byte, durable bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if durable {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if durable {
		return SyncDir(dir)
	}
	return nil
}

// SyncDir makes a folder's new entries durable; a file system that cannot
// sync a folder is not an error.
func SyncDir(dir string) error {
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
