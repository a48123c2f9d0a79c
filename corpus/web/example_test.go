package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/newsbot/storybot/corpus/web"
)

func ExampleClient_Poll() {
	page, _ := os.ReadFile("testdata/ferry.html")
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Local</title>
<item><title>Ferry returns</title><link>%s/ferry</link><guid>ledger-102</guid></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/ferry", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	})

	// Tests reach the local server; a public bot leaves AllowPrivate unset.
	c := web.New(web.Options{AllowPrivate: true})
	feed := &web.Feed{URL: srv.URL + "/rss"}
	now := time.Date(2025, 3, 8, 9, 0, 0, 0, time.UTC)
	items, err := c.Poll(context.Background(), feed, now)
	if err != nil {
		panic(err)
	}
	for _, it := range items {
		a, err := c.Article(context.Background(), it.URL, web.Validators{})
		if err != nil {
			panic(err)
		}
		doc := a.Document("web/" + a.FileName())
		fmt.Println(doc.Title)
		fmt.Println(doc.PublishedDate(), doc.Source)
		fmt.Println(doc.Sentence(0))
	}
	items, _ = c.Poll(context.Background(), feed, now.Add(15*time.Minute))
	fmt.Println(len(items), "new items on the next poll")
	// Output:
	// Ferry service returns to Brackenford harbour after winter repairs
	// 2025-03-08 The Coastal Ledger
	// The passenger ferry between Brackenford and Tolley Island resumed crossings on Saturday morning, ending a four-month break while the vessel's engines and hull were overhauled at a yard in Penmarrow.
	// 0 new items on the next poll
}
