package rag_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/newsbot/storybot/rag"
)

// Answering a question about the bundled story with the offline engine: no
// model and no network, every quote checked against the article.
func ExampleEngine_Ask() {
	data, err := os.MkdirTemp("", "rag-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(data)

	e, _, err := rag.Open(context.Background(), rag.Options{DataDir: data}, nil)
	if err != nil {
		log.Fatal(err)
	}
	a, err := e.Ask(context.Background(), "Did Iran admit giving drones to Russia?")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("abstained:", a.Abstained)
	fmt.Println("mode:", a.Mode)
	fmt.Println("source:", a.Citations[0].Title)
	fmt.Println("verbatim:", e.InCorpus(a.Citations[0].Doc, a.Citations[0].Quote))

	a, err = e.Ask(context.Background(), "What is the capital of Australia?")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("abstained:", a.Abstained, len(a.Citations))
	// Output:
	// abstained: false
	// mode: extractive
	// source: Iran admits sending drones to Russia before the Ukraine war, denies supplying missiles
	// verbatim: true
	// abstained: true 0
}

// A question the engine refuses carries a message for the user.
func ExampleEngine_CheckQuestion() {
	data, err := os.MkdirTemp("", "rag-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(data)

	e, _, err := rag.Open(context.Background(), rag.Options{DataDir: data, MaxQuestionLen: 10}, nil)
	if err != nil {
		log.Fatal(err)
	}
	_, err = e.CheckQuestion("Why did the meeting not happen?")
	fmt.Println(rag.IsInvalid(err), err)
	q, err := e.CheckQuestion("  Who?  ")
	fmt.Printf("%q %v\n", q, err)
	// Output:
	// true Your question is 31 characters long; the limit is 10. Please shorten it.
	// "Who?" <nil>
}

// Locate finds a quote whose quotation marks and spacing differ from the
// article's, and returns its byte offsets in the article.
func ExampleLocate() {
	text := "Tromsø, Sunday. The diplomat said the “drone part is true” and left."
	span, ok := rag.Locate(text, `the "drone  part is true" and`)
	fmt.Println(ok, span.Start, span.End)
	fmt.Println(text[span.Start:span.End])

	_, ok = rag.Locate(text, "the missile part is true")
	fmt.Println(ok)
	// Output:
	// true 35 67
	// the “drone part is true” and
	// false
}
