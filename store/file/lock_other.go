//go:build !unix

package file

import "os"

// lockFile is a no-op where flock is missing: one process at a time.
func lockFile(f *os.File, wait bool) error { return nil }

func unlockFile(f *os.File) error { return nil }
