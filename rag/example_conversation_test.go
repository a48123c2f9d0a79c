package rag_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/newsbot/storybot/rag"
)

// Following up in a conversation: the follow-up is answered as the
// standalone question the earlier turn makes of it.
func ExampleEngine_Follow() {
	data, err := os.MkdirTemp("", "rag-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(data)
	ctx := context.Background()
	e, _, err := rag.Open(ctx, rag.Options{DataDir: data}, nil)
	if err != nil {
		log.Fatal(err)
	}
	var history []rag.Turn
	for _, q := range []string{"Did Iran send drones to Russia?", "And missiles?"} {
		fu, err := e.Follow(ctx, history, q)
		if err != nil {
			log.Fatal(err)
		}
		history = append(history, fu.Turn)
		fmt.Printf("%s → %s (changed: %v)\n", q, fu.Resolved.Question, fu.Resolved.Changed)
	}
	// Output:
	// Did Iran send drones to Russia? → Did Iran send drones to Russia? (changed: false)
	// And missiles? → Did Iran send missiles to Russia? (changed: true)
}

// Checking a claim someone made: the verdict and the verbatim passage that
// decides it.
func ExampleEngine_Check() {
	data, err := os.MkdirTemp("", "rag-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(data)
	ctx := context.Background()
	e, _, err := rag.Open(ctx, rag.Options{DataDir: data}, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, claim := range []string{"Iran sent missiles to Russia", "Iran gave Russia drones", "Venezuela bought tanks from Iran"} {
		res, err := e.Check(ctx, claim)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %s, %d passages, verbatim: %v\n", claim, res.Verdict, len(res.Citations),
			len(res.Citations) == 0 || e.InCorpus(res.Citations[0].Doc, res.Citations[0].Quote))
	}
	// Output:
	// Iran sent missiles to Russia: disputed, 2 passages, verbatim: true
	// Iran gave Russia drones: supported, 2 passages, verbatim: true
	// Venezuela bought tanks from Iran: not_found, 0 passages, verbatim: true
}
