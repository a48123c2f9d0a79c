package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteReplaces checks that both writers create the folder, replace
// an existing file whole and leave no temporary file behind.
func TestWriteReplaces(t *testing.T) {
	for name, write := range map[string]func(string, []byte) error{"Write": Write, "WriteCopy": WriteCopy} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a", "b.txt")
			if err := write(path, []byte("first, longer contents")); err != nil {
				t.Fatal(err)
			}
			if err := write(path, []byte("second")); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != "second" {
				t.Fatalf("got %q, %v; want %q", got, err, "second")
			}
			entries, err := os.ReadDir(filepath.Dir(path))
			if err != nil || len(entries) != 1 {
				t.Errorf("got %d entries (%v), want only b.txt", len(entries), err)
			}
		})
	}
}

// TestWriteIntoAFileFails checks that a path under a regular file is an
// error, and the file is kept.
func TestWriteIntoAFileFails(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(file, "x"), []byte("y")); err == nil {
		t.Error("got nil, want an error writing under a file")
	}
	if got, _ := os.ReadFile(file); string(got) != "kept" {
		t.Errorf("got %q, want the file kept", got)
	}
}
