package bench

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/philippgille/chromem-go"
)

// compareLayouts writes and reads the baseline collection's vectors in
// chromem-go's two persistence layouts: its persistent DB (one gob file per
// document) and its single-file export.
func compareLayouts(ctx context.Context, st *baseline, dir string, log io.Writer) ([]Layout, error) {
	var out []Layout

	fmt.Fprintf(log, "bench: raw float32 slab (one file)\n")
	raw := filepath.Join(dir, "raw", "vectors.f32")
	if err := os.MkdirAll(filepath.Dir(raw), 0o755); err != nil {
		return nil, err
	}
	t := time.Now()
	if err := writeSlab(raw, st.slab.v); err != nil {
		return nil, err
	}
	l := Layout{Name: "raw float32 slab, one file, read into the heap (the index maps it)", WriteMS: ms(time.Since(t))}
	t = time.Now()
	if _, err := readSlab(raw, len(st.slab.v)); err != nil {
		return nil, err
	}
	l.ReadMS = ms(time.Since(t))
	l.Files, l.MB = dirSize(filepath.Dir(raw))
	out = append(out, l)

	fmt.Fprintf(log, "bench: chromem-go export (one file)\n")
	file := filepath.Join(dir, "export", "chromem.gob")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, err
	}
	t = time.Now()
	if err := st.db.ExportToFile(file, false, ""); err != nil {
		return nil, err
	}
	l = Layout{Name: "chromem-go export, one gob file", WriteMS: ms(time.Since(t))}
	t = time.Now()
	if err := chromem.NewDB().ImportFromFile(file, ""); err != nil {
		return nil, err
	}
	l.ReadMS = ms(time.Since(t))
	l.Files, l.MB = dirSize(filepath.Dir(file))
	out = append(out, l)
	runtime.GC()

	fmt.Fprintf(log, "bench: chromem-go persistent DB (one file per chunk)\n")
	pdir := filepath.Join(dir, "persistent")
	pdb, err := chromem.NewPersistentDB(pdir, false)
	if err != nil {
		return nil, err
	}
	pc, err := pdb.CreateCollection("chunks", nil, nil)
	if err != nil {
		return nil, err
	}
	t = time.Now()
	if err := pc.AddDocuments(ctx, st.docs, runtime.NumCPU()); err != nil {
		return nil, err
	}
	l = Layout{Name: "chromem-go persistent DB, one gob file per chunk", WriteMS: ms(time.Since(t))}
	pdb, pc = nil, nil
	runtime.GC()
	t = time.Now()
	if _, err := chromem.NewPersistentDB(pdir, false); err != nil {
		return nil, err
	}
	l.ReadMS = ms(time.Since(t))
	l.Files, l.MB = dirSize(pdir)
	out = append(out, l)
	runtime.KeepAlive(pdb)
	runtime.KeepAlive(pc)
	return out, nil
}

// writeSlab writes vectors as little-endian float32 and syncs the file, as
// the index stores them.
func writeSlab(path string, v []float32) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b [4]byte
	for _, x := range v {
		binary.LittleEndian.PutUint32(b[:], math.Float32bits(x))
		w.Write(b[:])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readSlab reads n little-endian float32 values.
func readSlab(path string, n int) ([]float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	v := make([]float32, n)
	var b [4]byte
	for i := range v {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, err
		}
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
	}
	return v, nil
}

func dirSize(dir string) (files int, mb float64) {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				n += info.Size()
			}
		}
		return nil
	})
	return files, round(float64(n)/(1<<20), 1)
}
