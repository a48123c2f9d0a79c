//go:build !unix

package index

// mapVectors reads the vectors file where memory mapping is not available.
func mapVectors(path string, n, dim int) ([]float32, error) {
	return readVectors(path, n, dim)
}
