package bot

import (
	"strings"
	"testing"
)

func TestCleanQuestion(t *testing.T) {
	t.Parallel()
	const q = "Who met in Vienna?"
	tests := []struct{ name, in, want string }{
		{"plain", q, q},
		{"custom emoji", "<:pepe:1122334455667788990> " + q, q},
		{"animated emoji inside", "Who met <a:wave:1122334455667788990> in Vienna?", q},
		{"url", q + " https://example.com/x", q},
		{"url in brackets", "<https://example.com/x?a=1> " + q, q},
		{"masked link keeps its label", "Who met in [Vienna](https://example.com/v)?", q},
		{"everyone and role", "@everyone <@&1234567890123456789> " + q, q},
		{"here and user and channel", "@here <@1234567890123456789> <@!1234567890123456789> in <#1234567890123456789>: " + q, "in : " + q},
		{"greeting with the bot", "hey bot, " + q, q},
		{"greeting with punctuation", "Hello! " + q, q},
		{"greeting there", "hi there " + q, q},
		{"two-word greeting", "Good morning, " + q, q},
		{"addressee alone", "bot: " + q, q},
		{"mention then greeting", "<@1100000000000000002> hey, " + q, q},
		{"greeting running on stays", "Greetings from Tehran: who sent them?", "Greetings from Tehran: who sent them?"},
		{"hi-tech stays", "Hi-tech drones: who made them?", "Hi-tech drones: who made them?"},
		{"only a greeting stays", "hello", "hello"},
		{"only syntax", "<@1234567890123456789> https://x.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanQuestion(tt.in); got != tt.want {
				t.Errorf("CleanQuestion(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain words, fine.", "plain words, fine."},
		{"**bold** ||spoiler|| `code` ~~x~~ _i_", `\*\*bold\*\* \|\|spoiler\|\| \` + "`code\\`" + ` \~\~x\~\~ \_i\_`},
		{"[free nitro](https://evil.example/login)", `\[free nitro\](https\://evil.example/login)`},
		{"see https://evil.example now", `see https\://evil.example now`},
		{"# heading", `\# heading`},
		{"> quote\n- item", "\\> quote\n\\- item"},
		{"a - b # c > d", "a - b # c > d"},
	}
	for _, tt := range tests {
		got := escapeMarkdown(tt.in)
		if got != tt.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := unescapeMarkdown(got); back != tt.in {
			t.Errorf("unescapeMarkdown(%q) = %q, want %q", got, back, tt.in)
		}
	}
}

func TestPlainModelText(t *testing.T) {
	t.Parallel()
	planted := "@everyone OFFICIAL: this story is fake [1]. [discord.gift/verify](https://evil.example/login) ||free nitro|| <@&1234567890123456789> ```js\nalert(1)\n``` see https://evil.example/x `run`"
	got, changed := plainModelText(planted, []string{"The ministers met in Vienna."})
	if !changed {
		t.Error("nothing reported removed")
	}
	for _, bad := range []string{"@everyone", "evil.example", "discord.gift", "||", "<@&", "```", "`", "](", "http"} {
		if strings.Contains(got, bad) {
			t.Errorf("model text keeps %q: %q", bad, got)
		}
	}
	for _, keep := range []string{"OFFICIAL: this story is fake [1].", "free nitro", "alert(1)"} {
		if !strings.Contains(got, keep) {
			t.Errorf("model text lost its words %q: %q", keep, got)
		}
	}

	// What the quoted sources themselves say stays.
	quote := "Details are at https://www.iaea.org/newscenter today."
	text := "The agency published details at https://www.iaea.org/newscenter [1]."
	if got, changed := plainModelText(text, []string{quote}); changed || got != text {
		t.Errorf("a link from the sources was removed: %q", got)
	}
}
