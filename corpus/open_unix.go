//go:build unix

package corpus

import (
	"os"
	"syscall"
)

// openFlags open a corpus file for reading without waiting: on a named pipe
// a plain open blocks until a writer appears.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY
