package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the command line in-process with a clean configuration: no
// .env file, no settings from the developer's environment, a fresh data dir.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runWith(t, nil, args...)
}

// runWith is run with some settings in its environment.
func runWith(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, LookupEnv: environment(env)}
	if !hasFlag(args, "--data-dir") {
		args = append([]string{"--data-dir", t.TempDir()}, args...)
	}
	code = m.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

// environment is an environment holding env and nothing else, whatever
// the developer's holds: the settings of one Main, so tests that configure
// it differently run at once.
func environment(env map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := env[name]
		return v, ok
	}
}

func hasFlag(args []string, flag string) bool {
	for _, a := range args {
		if a == flag {
			return true
		}
	}
	return false
}

func TestAskJSONContract(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "ask", "--json", "Did Iran admit sending missiles?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"question", "answer", "abstained", "mode", "citations"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing field %q in %s", k, out)
		}
	}
	if got["abstained"] != false || got["mode"] != "extractive" {
		t.Errorf("got abstained %v mode %v, want false, extractive", got["abstained"], got["mode"])
	}
	cites, _ := got["citations"].([]any)
	if len(cites) == 0 {
		t.Fatalf("no citations in %s", out)
	}
	for _, c := range cites {
		m := c.(map[string]any)
		for _, k := range []string{"n", "doc", "title", "published", "url", "quote", "start", "end"} {
			if _, ok := m[k]; !ok {
				t.Errorf("citation lacks %q: %v", k, m)
			}
		}
		if m["published"] != "2022-11-05" {
			t.Errorf("got published %v, want 2022-11-05", m["published"])
		}
	}
	if !strings.Contains(strings.ToLower(got["answer"].(string)), "denied") &&
		!strings.Contains(got["answer"].(string), "missile part is completely wrong") {
		t.Errorf("answer does not say Iran denied sending missiles: %s", got["answer"])
	}
}

func TestAskText(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "ask", "What did Dmitry Kuleba propose?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"[1]", "· 2022-11-05", "> ", "severing ties", "-- Answered by: extractive"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// Discord syntax pasted into a question is taken out before answering, as
// in Discord.
func TestAskStripsDiscordSyntax(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "ask", "hey bot, <@1234567890123456789> <:pepe:1122334455667788990> What did Dmitry Kuleba propose? https://example.com/x")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "== What did Dmitry Kuleba propose? ==") || !strings.Contains(out, "severing ties") {
		t.Errorf("got %s, want the answer to the question without its Discord syntax", out)
	}
}

func TestAskAbstains(t *testing.T) {
	t.Parallel()
	out, _, code := run(t, "ask", "--json", "What is the capital of Australia?")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Abstained bool              `json:"abstained"`
		Answer    string            `json:"answer"`
		Citations []json.RawMessage `json:"citations"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Abstained || len(got.Citations) != 0 || strings.Contains(strings.ToLower(got.Answer), "canberra") {
		t.Errorf("got %+v, want an abstention with no citations", got)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"empty question", []string{"ask", "  "}, 1, "Please ask a question"},
		{"no question", []string{"ask"}, 2, "requires at least 1 arg"},
		{"unknown command", []string{"fly"}, 2, "unknown command"},
		{"unknown flag", []string{"ask", "--loud", "q"}, 2, "unknown flag"},
		{"missing corpus folder", []string{"--corpus", "/nonexistent/folder", "ask", "q?"}, 1, "corpus folder"},
		{"missing questions file", []string{"eval", "/nonexistent.jsonl"}, 1, "questions file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errOut, code := run(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("got exit %d and %q, want exit %d and a message containing %q", code, errOut, tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestEvalSharedQuestions(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "eval", filepath.Join("testdata", "questions.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if !strings.HasSuffix(strings.TrimSpace(out), "12 passed, 0 failed") {
		t.Errorf("got %s", out)
	}
}

func TestEvalReportsFailures(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "q.jsonl")
	body := `{"id":"x1","question":"What did Dmitry Kuleba propose?","all":[["a phrase that is not there"]],"gold":[]}` + "\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "eval", "--json", path)
	if code != 1 {
		t.Errorf("got exit %d, want 1 for a failing question", code)
	}
	var got struct {
		Passed, Failed int
		Results        []struct {
			ID       string
			Failures []string
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Passed != 0 || got.Failed != 1 || len(got.Results) != 1 || len(got.Results[0].Failures) == 0 {
		t.Errorf("got %+v", got)
	}
}

func TestIngestIncremental(t *testing.T) {
	t.Parallel()
	corpusDir, dataDir := t.TempDir(), t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(corpusDir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "---\ntitle: Bridge opens\npublished: 2024-05-02\n---\nThe mayor opened the new bridge on Thursday. Traffic moved at once.")
	write("b.txt", "The council approved the budget. It includes money for parks.")
	ingest := func() string {
		out, errOut, code := run(t, "--corpus", corpusDir, "--data-dir", dataDir, "ingest")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return out
	}
	if out := ingest(); !strings.Contains(out, "2 documents") || !strings.Contains(out, "2 added") {
		t.Errorf("first ingest: %s", out)
	}
	if out := ingest(); !strings.Contains(out, "0 chunks embedded") {
		t.Errorf("second ingest re-embedded: %s", out)
	}
	write("b.txt", "Caf\xe9 budget.")
	out := ingest()
	if !strings.Contains(out, "skipped") || !strings.Contains(out, "b.txt") || !strings.Contains(out, "1 kept") {
		t.Errorf("a bad file should be reported and its indexed version kept: %s", out)
	}
	ans, _, _ := run(t, "--corpus", corpusDir, "--data-dir", dataDir, "ask", "What did the council approve?")
	if !strings.Contains(ans, "budget") {
		t.Errorf("the kept document no longer answers: %s", ans)
	}
}

func TestTimelineJSON(t *testing.T) {
	t.Parallel()
	out, errOut, code := run(t, "timeline", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Events []struct {
			Date, Precision, Quote, Doc string
			DateText                    string `json:"date_text"`
			Start, End                  int
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Events) < 5 {
		t.Fatalf("got %d events, want the story's chronology", len(got.Events))
	}
	first, last := got.Events[0], got.Events[len(got.Events)-1]
	if first.Date != "2022-02" || first.Precision != "before" {
		t.Errorf("first event: got %s/%s, want 2022-02/before (drones sent months before the war)", first.Date, first.Precision)
	}
	if last.Date != "2022-11-05" || last.Precision != "day" {
		t.Errorf("last event: got %s/%s, want the acknowledgement on 2022-11-05", last.Date, last.Precision)
	}
	for i, ev := range got.Events {
		if i > 0 && ev.Date < got.Events[i-1].Date[:min(len(ev.Date), len(got.Events[i-1].Date))] {
			t.Errorf("event %d (%s) is before event %d (%s)", i, ev.Date, i-1, got.Events[i-1].Date)
		}
		if ev.Quote == "" || ev.DateText == "" || ev.End <= ev.Start {
			t.Errorf("event %d lacks quote, date text or offsets: %+v", i, ev)
		}
	}

	out, _, _ = run(t, "timeline", "--json", "sanctions")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ev := range got.Events {
		if strings.Contains(ev.Quote, "punitive measures") {
			found = true
		}
	}
	if !found || len(got.Events) >= 8 {
		t.Errorf("topic sanctions: got %d events, want the punitive measures among a few", len(got.Events))
	}
}

// A base URL's password and the API key never reach the log, at any level.
func TestSecretsStayOutOfTheLog(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"OPENAI_BASE_URL": "http://llm-user:llm-password@127.0.0.1:1/v1", "OPENAI_API_KEY": "sk-secret-key-value",
		"OPENAI_EMBED_MODEL": "local", "OPENAI_TIMEOUT": "2s", "LOG_LEVEL": "debug",
	}
	out, errOut, code := runWith(t, env, "ask", "What did Dmitry Kuleba propose?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "127.0.0.1:1") {
		t.Fatalf("want the base URL logged (without its password); log:\n%s", errOut)
	}
	for _, secret := range []string{"llm-password", "llm-user", "sk-secret-key-value"} {
		if strings.Contains(errOut+out, secret) {
			t.Errorf("output shows %q:\n%s", secret, errOut)
		}
	}
}
