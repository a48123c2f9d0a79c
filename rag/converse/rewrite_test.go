package converse

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRewritePromptGolden(t *testing.T) {
	history := []Turn{
		{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister, {Name: "IRNA", Kind: Org}}},
		{Question: "What did Hossein Amirabdollahian say about the missiles?", Entities: []Entity{minister}},
	}
	p := RewritePrompt(history, "And   about the drones?")
	got := "SYSTEM:\n" + p.System + "\n\nUSER:\n" + p.User + "\n"
	path := filepath.Join("testdata", "rewrite_prompt.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("prompt differs from %s:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestRewritePromptKeepsLatestTurns(t *testing.T) {
	var history []Turn
	for range PromptTurns + 3 {
		history = append(history, Turn{Question: "Old question?"})
	}
	history = append(history, Turn{Question: "Newest question?"})
	p := RewritePrompt(history, "Why?")
	if got := countLines(p.User, ". Question: "); got != PromptTurns {
		t.Errorf("prompt shows %d turns, want %d", got, PromptTurns)
	}
}

func countLines(s, sub string) int {
	n := 0
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			n++
		}
	}
	return n
}

func TestAcceptRewrite(t *testing.T) {
	history := []Turn{{Question: "Who is Iran's foreign minister?", Entities: []Entity{minister}}}
	tests := []struct {
		name     string
		question string
		rewrite  string
		want     string
		rejected bool
	}{
		{"good rewrite", "What did he say about the missiles?",
			"What did Hossein Amirabdollahian say about the missiles?",
			"What did Hossein Amirabdollahian say about the missiles?", false},
		{"label and quotes are trimmed", "What did the minister deny?",
			`Standalone question: "What did Amirabdollahian deny?"`,
			"What did Amirabdollahian deny?", false},
		{"invented name falls back to the rules", "What did he say about the missiles?",
			"What did Ebrahim Raisi say about the missiles?",
			"What did Hossein Amirabdollahian say about the missiles?", true},
		{"invented fact falls back", "What did he say about the missiles?",
			"What did Hossein Amirabdollahian say about the ballistic missiles sold to Yemen?",
			"What did Hossein Amirabdollahian say about the missiles?", true},
		{"dropped words fall back", "What did he say about the missiles?",
			"What did Hossein Amirabdollahian say?",
			"What did Hossein Amirabdollahian say about the missiles?", true},
		{"empty falls back", "What did he say about the missiles?", "  ",
			"What did Hossein Amirabdollahian say about the missiles?", true},
		{"an answer instead of a rewrite falls back", "What did he say about the missiles?",
			"What did Hossein Amirabdollahian say about the missiles?\nHe said the missile part is wrong.",
			"What did Hossein Amirabdollahian say about the missiles?", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AcceptRewrite(history, tt.question, tt.rewrite)
			if got.Question != tt.want {
				t.Errorf("got %q, want %q", got.Question, tt.want)
			}
			if (err != nil) != tt.rejected {
				t.Errorf("err = %v, want rejected %v", err, tt.rejected)
			}
			if err != nil && !errors.Is(err, ErrRewrite) {
				t.Errorf("err = %v, want it to wrap ErrRewrite", err)
			}
			if !tt.rejected && got.Rule != "llm" {
				t.Errorf("Rule = %q, want llm", got.Rule)
			}
		})
	}
}
