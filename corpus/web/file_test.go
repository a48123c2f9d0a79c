package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
)

// TestFile downloads attachments as a moderator would attach them: a
// Markdown article reads through corpus.Parse; an image or an oversized file
// is refused with its reason.
func TestFile(t *testing.T) {
	const md = "---\ntitle: Pier repairs\npublished: 2025-04-02\n---\nThe council began repairing the north pier on Monday.\n"
	mux := http.NewServeMux()
	mux.HandleFunc("/pier.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Write([]byte(md))
	})
	mux.HandleFunc("/photo.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte{0xff, 0xd8})
	})
	mux.HandleFunc("/huge.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("word ", 1000)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(Options{MaxBytes: 1024})

	data, err := c.File(context.Background(), srv.URL+"/pier.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Parse("pier.md", data)
	if err != nil || d.Title != "Pier repairs" || d.PublishedDate() != "2025-04-02" {
		t.Fatalf("got %+v, %v; want the attached article", d, err)
	}
	if _, err := c.File(context.Background(), srv.URL+"/photo.md"); !errors.Is(err, ErrContentType) {
		t.Errorf("image: got %v, want ErrContentType", err)
	}
	if _, err := c.File(context.Background(), srv.URL+"/huge.txt"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized: got %v, want ErrTooLarge", err)
	}
	if _, err := New(Options{}).File(context.Background(), srv.URL+"/pier.md"); !errors.Is(err, ErrBlocked) {
		t.Errorf("private address without AllowPrivate: got %v, want ErrBlocked", err)
	}
}
