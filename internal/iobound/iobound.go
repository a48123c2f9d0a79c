// Package iobound runs a package's tests that mostly wait (on sockets,
// timers, fsync, PostgreSQL, child processes, a discordgo session's
// one-second close) several more at once than the CPUs: go test's default
// -parallel, GOMAXPROCS, would leave the machine idle while they wait. Their
// temporary folders go to memory (/dev/shm) when it is there, as they
// create, fsync and remove thousands of small files.
package iobound

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"testing"
)

// Parallel is how many parallel tests run at once unless -parallel says
// otherwise: enough that every test of the largest package (bot) waits at
// the same time, few enough that a race run stays well within memory.
const Parallel = 32

// memoryDir is where a memory file system is mounted on Linux.
const memoryDir = "/dev/shm"

// Main runs m's tests, Parallel (at least GOMAXPROCS) of them at once unless
// -test.parallel is given, and exits with their status. Unless TMPDIR is
// set, the tests' temporary folders (t.TempDir, os.MkdirTemp, and those of
// the processes they start) are made in a folder of memoryDir, removed
// afterwards: on a disk shared with other work, creating, fsyncing and
// removing their many small files costs more kernel time than the tests'
// own work; what the tests check does not depend on the file system. after,
// when not nil, runs once the tests are done (stopping what they shared)
// and may turn a pass into a failure by returning false.
func Main(m *testing.M, after func() bool) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		if err := flag.Set("test.parallel", fmt.Sprint(max(Parallel, runtime.GOMAXPROCS(0)))); err != nil {
			fmt.Fprintln(os.Stderr, "iobound:", err)
			os.Exit(2)
		}
	}
	tmp := ""
	if os.Getenv("TMPDIR") == "" {
		if dir, err := os.MkdirTemp(memoryDir, "go-test-"); err == nil {
			tmp = dir
			os.Setenv("TMPDIR", tmp)
		}
	}
	code := m.Run()
	if after != nil && !after() && code == 0 {
		code = 1
	}
	if tmp != "" {
		os.RemoveAll(tmp)
	}
	os.Exit(code)
}
