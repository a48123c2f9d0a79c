package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/newsbot/storybot/rag"
	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

// TestConverseKeepsConversationsApart checks that a conversation is one
// thread of one server: the same thread id in another server, or another
// thread, has no history, and a restart (a new store on the same folder)
// loses none.
func TestConverseKeepsConversationsApart(t *testing.T) {
	ctx := context.Background()
	e, _, err := rag.Open(ctx, rag.Options{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := file.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	thread := store.ConversationKey{GuildID: "1400000000000000001", ID: "1700000000000000001"}
	if _, err := Converse(ctx, e, st, thread, "Did Iran send drones to Russia?"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = file.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tests := []struct {
		name string
		key  store.ConversationKey
		want string
	}{
		{"other server", store.ConversationKey{GuildID: "1400000000000000002", ID: thread.ID}, "And missiles?"},
		{"other thread", store.ConversationKey{GuildID: thread.GuildID, ID: "1700000000000000002"}, "And missiles?"},
		{"same thread after a restart", thread, "Did Iran send missiles to Russia?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Converse(ctx, e, st, tt.key, "And missiles?")
			if err != nil {
				t.Fatal(err)
			}
			if got.Resolved.Question != tt.want || got.Expired {
				t.Errorf("got %q (expired %v), want %q", got.Resolved.Question, got.Expired, tt.want)
			}
		})
	}
}

// TestConsoleConversation checks that the console does what Discord does:
// the session is one conversation, Follow up asks for the next question,
// /check answers privately with Post publicly, votes take a reason.
func TestConsoleConversation(t *testing.T) {
	ctx := context.Background()
	e, _, err := rag.Open(ctx, rag.Options{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := file.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := defaultOptions(e, t.TempDir())
	opts.Conversations, opts.Questions, opts.Feedback = st, st, st
	in := strings.Join([]string{
		"/ask Who is Iran's foreign minister?",
		"3", "What did he say about the missiles?", // Follow up
		"/ask And drones?",
		"5", "3", // 👎, didn't answer
		"/check claim: Iran gave Russia drones",
		"1", // Post publicly
		"/quit",
	}, "\n")
	var out strings.Builder
	if err := RunConsole(ctx, strings.NewReader(in), &out, opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Buttons: [1] Pin  [2] Sources  [3] Follow up  [4] Helpful  [5] Not helpful",
		"Your next question: type it on the next line",
		"Answered as: What did Hossein Amirabdollahian say about the missiles?",
		"Answered as: What did Hossein Amirabdollahian say about the drones?",
		"Thanks, noted: didn't answer.",
		"Buttons: [1] Post publicly",
		"✅ **Supported** by the sources",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("console output lacks %q:\n%s", want, out.String())
		}
	}
	if n := strings.Count(out.String(), "== Claim: Iran gave Russia drones =="); n != 2 {
		t.Errorf("got the verdict %d times, want it privately and then posted", n)
	}
}

// TestResolvedInFooter checks that a follow-up's answer can be asked again
// after a restart: its footer gives the standalone question, not the
// follow-up as typed.
func TestResolvedInFooter(t *testing.T) {
	turn := Turned{Asked: "And missiles?", FollowUp: rag.FollowUp{
		Answer:   rag.Answer{Question: "Did Iran send missiles to Russia?", Text: "Denied.", Mode: rag.ModeExtractive},
		Resolved: rag.Resolution{Question: "Did Iran send missiles to Russia?", Changed: true},
	}}
	e := FollowUpEmbed(turn)
	if e.Title != "And missiles?" {
		t.Errorf("got title %q, want the question as typed", e.Title)
	}
	if got, ok := resolvedIn(e); !ok || got != "Did Iran send missiles to Russia?" {
		t.Errorf("got %q, %v; want the standalone question from the footer", got, ok)
	}
	if _, ok := resolvedIn(AnswerEmbed(turn.Answer)); ok {
		t.Errorf("a plain answer's footer gave a resolved question")
	}
}
