// Package web brings articles into the corpus from the web: it fetches one
// article page and extracts its text and metadata with a readability library,
// and it polls RSS and Atom feeds for new items. It keeps no state of its
// own: the caller stores what a poll returns and hands it back next time.
//
// Fetching is a network boundary, so a Client bounds every request: a
// timeout (15 s by default), a size limit (8 MiB), a few redirects, http and
// https only, and only the content types the request is for (HTML for an
// article, RSS, Atom or JSON Feed for a feed). Private, loopback and
// link-local addresses are refused at dial time, after name resolution, so a
// name that resolves to one (DNS rebinding included) cannot reach the
// machine's own network; Options.AllowPrivate lifts this for tests and local
// setups (FETCH_ALLOW_PRIVATE).
//
// Adding an article by URL:
//
//	c := web.New(web.Options{})
//	a, err := c.Article(ctx, "https://news.example/story", web.Validators{})
//	// errors.Is(err, web.ErrNotFound), web.ErrNoArticle, web.ErrTooLarge,
//	// web.ErrTimeout, web.ErrBlocked, web.ErrContentType: say so, keep the index.
//	os.WriteFile(filepath.Join(dir, a.FileName()), a.HTML(), 0o644)
//
// The file a.HTML() writes reads back through corpus.Parse (and so through
// corpus.LoadDir) as exactly a.Document(id): title, published date, canonical
// URL, site name and text. Keep a.Validators with the source; passing them to
// the next Article call makes it a conditional request, which returns
// ErrNotModified when the page is unchanged.
//
// An attachment is downloaded within the same bounds with c.File (text/*
// only) and read with corpus.Parse, which checks it as a corpus file (an
// .html one is extracted by corpus.ReadHTML, as Article extracts a page);
// Extract(nil, data) gives an .html file as an Article.
//
// Following a feed:
//
//	f := &web.Feed{URL: "https://news.example/rss"}
//	items, err := c.Poll(ctx, f, time.Now()) // new items only; f is updated
//	// store *f (it is JSON), fetch each item.URL with c.Article
//	// poll again when f.Due(now); a failing feed's NextPoll backs off
//
// Poll sends the feed's ETag and Last-Modified, so an unchanged feed costs a
// 304; it returns only items whose GUID and URL it has not returned before,
// and records them in f.Seen (bounded, so the JSON of a Feed fits in
// store.Source.State). Each item carries its Keys, for store.Sources.MarkSeen
// when several replicas poll one feed. After a failure, f.Failures counts the failures
// in a row, f.LastError says why (for the moderator) and f.NextPoll is pushed
// back exponentially (Backoff), so a broken feed is never polled in a loop.
package web
