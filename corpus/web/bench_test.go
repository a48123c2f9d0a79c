package web

import (
	"net/url"
	"os"
	"testing"
)

// BenchmarkExtract is the work of adding one article besides the fetch:
// parsing the page, readability, cleaning.
func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile("testdata/ferry.html")
	if err != nil {
		b.Fatal(err)
	}
	base, _ := url.Parse("https://www.coastal-ledger.example/local/ferry")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Extract(base, page); err != nil {
			b.Fatal(err)
		}
	}
}
