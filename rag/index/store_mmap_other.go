//go:build !unix

package index

import "os"

// mapVectors reads the vectors file where memory mapping is not available.
func mapVectors(f *os.File, n, dim int) ([]float32, []uint32, error) {
	return readVectors(f, n, dim)
}
