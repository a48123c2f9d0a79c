package answer

import "testing"

func TestParseReply(t *testing.T) {
	const obj = `{"answer": "Yes [1].", "quotes": [{"n": 1, "quote": "we provided"}], "abstain": false}`
	tests := []struct {
		name        string
		content     string
		wantErr     bool
		wantAnswer  string
		wantQuotes  int
		wantAbstain bool
	}{
		{name: "plain", content: obj, wantAnswer: "Yes [1].", wantQuotes: 1},
		{name: "json fence", content: "```json\n" + obj + "\n```", wantAnswer: "Yes [1].", wantQuotes: 1},
		{name: "bare fence", content: "```\n" + obj + "\n```", wantAnswer: "Yes [1].", wantQuotes: 1},
		{name: "prose around", content: "Here you go:\n" + obj + "\nAnything else?", wantAnswer: "Yes [1].", wantQuotes: 1},
		{name: "abstain", content: `{"abstain": true}`, wantAbstain: true},
		{name: "braces inside strings", content: `{"answer": "a {b} c", "quotes": []}`, wantAnswer: "a {b} c"},
		{name: "not JSON", content: "I cannot answer that.", wantErr: true},
		{name: "truncated JSON", content: `{"answer": "Yes`, wantErr: true},
		{name: "wrong types", content: `{"answer": 3}`, wantErr: true},
		{name: "empty", content: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parseReply(tt.content)
			if tt.wantErr {
				if err == nil {
					t.Errorf("parseReply(%q): got %+v, want an error", tt.content, r)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseReply(%q): %v", tt.content, err)
			}
			if r.Answer != tt.wantAnswer || len(r.Quotes) != tt.wantQuotes || r.Abstain != tt.wantAbstain {
				t.Errorf("parseReply(%q): got answer %q, %d quotes, abstain %v; want %q, %d, %v", tt.content, r.Answer, len(r.Quotes), r.Abstain, tt.wantAnswer, tt.wantQuotes, tt.wantAbstain)
			}
		})
	}
}

func TestMarkUnverified(t *testing.T) {
	sources := []string{
		"The diplomat explained that the “drone part is true, and we provided Russia with a small number of drones.”",
		"Tehran also denied claims that it had provided Moscow with missiles.",
	}
	tests := []struct {
		name, text, want string
	}{
		{"verified curly quote kept", `He said the “drone part is true” [1].`, `He said the “drone part is true” [1].`},
		{"verified straight quote kept", `He said "we provided Russia with a small number of drones" [1].`, `He said "we provided Russia with a small number of drones" [1].`},
		{"verified across whitespace and quote style", `It "denied  claims that it had provided Moscow" [2].`, `It "denied  claims that it had provided Moscow" [2].`},
		{"fabricated curly quote", `He said “we sent thousands of missiles” [1].`, `He said we sent thousands of missiles [unverified] [1].`},
		{"fabricated straight quote", `He said "we sent thousands of missiles" [1].`, `He said we sent thousands of missiles [unverified] [1].`},
		{"one of two fabricated", `“drone part is true” but “missiles too”.`, `“drone part is true” but missiles too [unverified].`},
		{"no quotes", `Iran denied sending missiles [2].`, `Iran denied sending missiles [2].`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markUnverified(tt.text, sources); got != tt.want {
				t.Errorf("markUnverified(%q): got %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
