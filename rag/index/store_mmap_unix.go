//go:build unix

package index

import (
	"encoding/binary"
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// mapVectors maps the vectors file into memory, populated from the page
// cache in one call, and returns its floats with the checksum of each block.
// Reading the file into the heap instead faulted in a fresh page every 4 KB
// and decoded 51 million floats one by one (about a second of CPU at 100,000
// chunks). The mapping is read-only and shared: its pages are the page
// cache's own, so processes that open the same index (replicas on one host)
// share them, and populating it copies nothing (a writable private mapping,
// populated, made a private copy of every page: 196 MB at 100,000 chunks).
// Nothing writes to a loaded vector (chromem-go normalises into a new
// slice); a write would fault. It is never unmapped, as chromem-go's
// documents keep slices of it for as long as the index lives, which is the
// process's life.
func mapVectors(f *os.File, n, dim int) ([]float32, []uint32, error) {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 || n*dim == 0 {
		return readVectors(f, n, dim)
	}
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.Size() != int64(n)*int64(dim)*4 {
		return nil, nil, fmt.Errorf("%w: %d bytes, want %d chunks of %d floats", errCorrupt, info.Size(), n, dim)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_SHARED|mapPopulate)
	if err != nil {
		return readVectors(f, n, dim)
	}
	// On a little-endian machine the mapped bytes are the file's bytes.
	return unsafe.Slice((*float32)(unsafe.Pointer(&data[0])), n*dim), blockCRCs(data, n, dim), nil
}
