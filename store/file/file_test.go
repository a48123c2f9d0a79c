package file

import (
	"testing"

	"github.com/newsbot/storybot/internal/iobound"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/storetest"
)

// TestMain runs the tests many at once: they wait on fsync, not on the
// CPU.
func TestMain(m *testing.M) { iobound.Main(m, nil) }

func TestContract(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) func(*testing.T, store.Options) store.Store {
		dir := t.TempDir()
		return func(t *testing.T, o store.Options) store.Store {
			s, err := Open(dir, o)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}, storetest.Caps{})
}
