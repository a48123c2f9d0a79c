package corpus_test

import (
	"fmt"
	"net/url"
	"time"

	"github.com/newsbot/storybot/corpus"
)

func ExampleParse() {
	raw := "This article is more than\n2 years oldThe mayor opened the bridge on Monday. “It is a good day,” she said.\nRelated articles\nA different story."
	doc, err := corpus.Parse("bridge.txt", []byte(raw))
	if err != nil {
		panic(err)
	}
	for i, s := range doc.Sentences {
		fmt.Printf("%d [%d,%d) %s\n", i, s.Start, s.End, doc.Sentence(i))
	}
	// Output:
	// 0 [0,38) The mayor opened the bridge on Monday.
	// 1 [39,72) “It is a good day,” she said.
}

func ExampleChunks() {
	doc := corpus.NewDocument("a.md", "A", time.Time{}, "", "", "First point. Second point. Third point.")
	for _, c := range corpus.Chunks(doc, corpus.ChunkOptions{MaxBytes: 30, Overlap: 1}) {
		fmt.Printf("%s %q\n", c.ID, c.Text)
	}
	// Output:
	// a.md#0 "First point. Second point."
	// a.md#1 "Second point. Third point."
}

func ExampleReadHTML() {
	page := `<html><head><title>Bridge opens | Riverside Post</title>
<meta property="og:site_name" content="Riverside Post">
<meta property="article:published_time" content="2024-05-06T08:00:00+02:00">
<link rel="canonical" href="/2024/05/bridge"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge opens</h1><p>The mayor opened the bridge on Monday.</p></article>
<footer>© Riverside Post</footer></body></html>`
	base, _ := url.Parse("https://riverside.example/news?id=7")
	p, err := corpus.ReadHTML([]byte(page), base)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Title, "|", p.Site, "|", p.Published.Format(corpus.DateLayout), "|", p.URL)
	fmt.Println(p.Text)
	// Output:
	// Bridge opens | Riverside Post | 2024-05-06 | https://riverside.example/2024/05/bridge
	// The mayor opened the bridge on Monday.
}
