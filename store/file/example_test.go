package file_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/newsbot/storybot/store"
	"github.com/newsbot/storybot/store/file"
)

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "storybot-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	st, err := file.Open(dir, store.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()

	at := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	st.AddPin(ctx, store.Pin{GuildID: "1", ChannelID: "2", MessageID: "3", Question: "Did Iran send drones?", PinnedAt: at})
	key := store.ConversationKey{GuildID: "1", ID: "thread-4"}
	st.AppendTurn(ctx, key, store.Turn{Question: "Who is the minister?", Answer: "…", At: time.Now()})

	pins, _ := st.LatestPins(ctx, "1", 10)
	conv, _ := st.Conversation(ctx, key)
	fmt.Println(pins[0].Question, pins[0].Status)
	fmt.Println(len(conv.Turns), conv.Turns[0].Question)
	// Output:
	// Did Iran send drones? current
	// 1 Who is the minister?
}
