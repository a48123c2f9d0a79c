//go:build !unix

package rag

import "time"

// processCPU is unknown here.
func processCPU() time.Duration { return 0 }

// syncDisks does nothing here.
func syncDisks() {}
