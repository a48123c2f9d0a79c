package bot

import (
	"context"
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
