//go:build !unix

package corpus

import "os"

// openFlags open a corpus file for reading; outside Unix there are no named
// pipes in a folder to wait on.
const openFlags = os.O_RDONLY
