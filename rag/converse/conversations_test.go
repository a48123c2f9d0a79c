package converse

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/newsbot/storybot/corpus"
	"github.com/newsbot/storybot/rag/whosaid"
)

// conversation is a line of testdata/conversations.jsonl: the multi-turn
// evaluation format (each turn as a question of the questions file, with
// "resolved": words the resolved question must contain).
type conversation struct {
	ID     string `json:"id"`
	Corpus string `json:"corpus"` // "bundled" or a fixture of testdata
	Turns  []struct {
		Question string     `json:"question"`
		Resolved []string   `json:"resolved"`
		All      [][]string `json:"all"`
		None     []string   `json:"none"`
		Gold     []string   `json:"gold"`
	} `json:"turns"`
}

func loadCorpus(t *testing.T, name string) []*corpus.Document {
	t.Helper()
	if name == "bundled" {
		docs, err := corpus.Bundled()
		if err != nil {
			t.Fatal(err)
		}
		return docs
	}
	raw, err := os.ReadFile("testdata/" + name + ".md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Parse(name+".md", raw)
	if err != nil {
		t.Fatal(err)
	}
	return []*corpus.Document{d}
}

// TestConversations plays each conversation: every follow-up is resolved
// against the turns before it, whose entities come from the who-said
// statements named in the turn's gold passages (what a correct answer
// cites).
func TestConversations(t *testing.T) {
	f, err := os.Open("testdata/conversations.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c conversation
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("parse %q: %v", sc.Text(), err)
		}
		t.Run(c.ID, func(t *testing.T) {
			docs := loadCorpus(t, c.Corpus)
			var stmts []whosaid.Statement
			for _, d := range docs {
				stmts = append(stmts, whosaid.Extract(d)...)
			}
			var history []Turn
			for i, turn := range c.Turns {
				for _, g := range turn.Gold {
					if !inCorpus(docs, g) {
						t.Errorf("turn %d: gold %q is not verbatim in the corpus", i, g)
					}
				}
				res := Resolve(history, turn.Question)
				t.Logf("%q -> %q (%s)", turn.Question, res.Question, res.Rule)
				for _, w := range turn.Resolved {
					if !strings.Contains(strings.ToLower(res.Question), strings.ToLower(w)) {
						t.Errorf("turn %d: %q resolved as %q, missing %q", i, turn.Question, res.Question, w)
					}
				}
				if i == 0 && res.Changed {
					t.Errorf("first turn %q changed to %q", turn.Question, res.Question)
				}
				history = append(history, Turn{Question: res.Question, Entities: EntitiesFrom(strings.Join(turn.Gold, " "), stmts)})
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func inCorpus(docs []*corpus.Document, s string) bool {
	for _, d := range docs {
		if strings.Contains(d.Text, s) {
			return true
		}
	}
	return false
}
