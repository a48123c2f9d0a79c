package bot

import (
	"regexp"
	"sort"
	"strings"

	"github.com/newsbot/storybot/internal/lang"
)

// Discord message syntax, as Discord parses it.
var (
	// customEmojiRE is <:name:id> or <a:name:id>.
	customEmojiRE = regexp.MustCompile(`<a?:\w{1,32}:\d{5,20}>`)
	// mentionRE is a user (<@id>, <@!id>), role (<@&id>), channel (<#id>)
	// or slash command (</name:id>) mention, or @everyone / @here.
	mentionRE = regexp.MustCompile(`<@[!&]?\d{5,20}>|<#\d{5,20}>|</[\w -]{1,32}:\d{5,20}>|@(?:everyone|here)\b`)
	// urlRE is a link Discord makes live: a bare http(s) URL, optionally in
	// angle brackets.
	urlRE = regexp.MustCompile(`<?\bhttps?://[^\s<>]+>?`)
	// maskedLinkRE is [label](url), with an optional title.
	maskedLinkRE = regexp.MustCompile(`\[([^\[\]]*)\]\(\s*<?([^()\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	// spoilerRE is ||hidden text||.
	spoilerRE = regexp.MustCompile(`\|\|([\s\S]*?)\|\|`)
	// codeFenceRE is a ``` fence with an optional language.
	codeFenceRE = regexp.MustCompile("```[A-Za-z0-9_+-]*\\n?")
)

// openingRE matches a greeting and/or an addressee opening a message:
// "hey bot, ", "hi there! ", "bot: ", "hello ".
var openingRE = func() *regexp.Regexp {
	alt := func(words []string) string {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`)
		}
		return "(?:" + strings.Join(q, "|") + ")"
	}
	greet, addr := alt(longestFirst(lang.Phrases("greetings"))), alt(longestFirst(lang.Phrases("addressees")))
	// A greeting set off by punctuation or followed by an addressee ("hey,
	// ", "hey bot "), or an addressee alone set off by punctuation ("bot:
	// "). A greeting word running on into the question ("greetings from
	// Tehran…") stays.
	return regexp.MustCompile(`(?i)^(?:` + greet + `\s*[,:;!.\-–—]+\s+|` + greet + `\s+` + addr + `\b\s*[,:;!.\-–—]*\s+|` + addr + `\s*[,:;!\-–—]+\s+)`)
}()

// longestFirst sorts phrases so that "good morning" is tried before a
// shorter entry it starts with.
func longestFirst(p []string) []string {
	p = append([]string(nil), p...)
	sort.SliceStable(p, func(i, j int) bool { return len(p[i]) > len(p[j]) })
	return p
}

// CleanQuestion takes out of a question what is Discord syntax rather than
// words to answer: custom emoji, mentions (users, roles, channels,
// @everyone, @here), links (a masked link keeps its label), and an opening
// greeting such as "hey bot,". Discord, the console and `bot ask` all pass
// questions through it before the engine sees them.
func CleanQuestion(q string) string {
	q = customEmojiRE.ReplaceAllString(q, " ")
	q = mentionRE.ReplaceAllString(q, " ")
	q = maskedLinkRE.ReplaceAllString(q, "$1")
	q = urlRE.ReplaceAllString(q, " ")
	q = strings.Join(strings.Fields(q), " ")
	for {
		loc := openingRE.FindStringIndex(q)
		if loc == nil || loc[1] == len(q) {
			break // keep a message that is nothing but a greeting
		}
		q = strings.TrimLeft(q[loc[1]:], " ,:;!.-–—")
	}
	return strings.TrimSpace(q)
}

// markdownInline are the characters Discord's markdown gives a meaning
// anywhere in a line; markdownLineStart those that mean something only at
// the start of a line (headings, quotes, lists, subtext).
const (
	markdownInline    = "\\*_~`|[]<"
	markdownLineStart = "#>-"
)

// escapeMarkdown makes member-written text show as typed: no bold,
// spoiler, heading, quote or masked link renders, and "https\://" keeps a
// URL from becoming a live link.
func escapeMarkdown(s string) string {
	var b strings.Builder
	lineStart := true
	for i, r := range s {
		switch {
		case strings.ContainsRune(markdownInline, r),
			lineStart && strings.ContainsRune(markdownLineStart, r),
			r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '\n' {
			lineStart = true
		} else if r != ' ' && r != '\t' {
			lineStart = false
		}
	}
	return b.String()
}

// unescapeMarkdown undoes escapeMarkdown.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(markdownInline+markdownLineStart+":", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// plainModelText takes out of an LLM answer's own words what the quoted
// sources do not contain: links and masked links, mentions, custom emoji,
// spoiler tags and code fences. An article can carry instructions the model
// obeys; the bot still never says what its sources do not. It reports
// whether anything was taken out.
func plainModelText(text string, quotes []string) (string, bool) {
	inSources := func(s string) bool {
		for _, q := range quotes {
			if strings.Contains(q, s) {
				return true
			}
		}
		return false
	}
	changed := false
	drop := func(re *regexp.Regexp, keep func(m []string) string) {
		text = re.ReplaceAllStringFunc(text, func(m string) string {
			if inSources(m) {
				return m
			}
			changed = true
			return keep(re.FindStringSubmatch(m))
		})
	}
	none := func([]string) string { return "" }
	drop(maskedLinkRE, none)
	drop(urlRE, none)
	drop(mentionRE, none)
	drop(customEmojiRE, none)
	drop(spoilerRE, func(m []string) string { return m[1] })
	drop(codeFenceRE, none)
	if strings.Contains(text, "`") && !inSources("`") {
		text, changed = strings.ReplaceAll(text, "`", ""), true
	}
	if !changed {
		return text, false
	}
	// Tidy the gaps left behind, line by line.
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n")), true
}
