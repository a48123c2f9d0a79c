package corpus

import "strings"

// The Markdown that is not prose is removed by three scanners, each the
// replacement of a regular expression (given in its comment; the tests check
// that both agree on random lines). A scanner reads a line once; the
// expressions' backtracking engine went over a line again for every
// replacement, a tenth of ingest on a folder of manuals.

// removeImages is `!\[[^\]]*\]\([^)]*\)` replaced by "".
func removeImages(t string) string {
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(t); i++ {
		if t[i] != '!' || t[i+1] != '[' {
			continue
		}
		end := bracketTarget(t, i+2, 0)
		if end < 0 {
			continue
		}
		b.WriteString(t[last:i])
		last, i = end, end-1
	}
	if last == 0 {
		return t
	}
	b.WriteString(t[last:])
	return b.String()
}

// removeLinkTargets is `\[([^\]]+)\]\([^)]*\)` replaced by "$1".
func removeLinkTargets(t string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '[' {
			continue
		}
		end := bracketTarget(t, i+1, 1)
		if end < 0 {
			continue
		}
		b.WriteString(t[last:i])
		b.WriteString(t[i+1 : strings.IndexByte(t[i+1:], ']')+i+1])
		last, i = end, end-1
	}
	if last == 0 {
		return t
	}
	b.WriteString(t[last:])
	return b.String()
}

// bracketTarget reads `[^\]]*\]\([^)]*\)` at t[i:], the label holding at
// least minLabel bytes, and returns where it ends, or -1. The label runs to
// the first "]" and the target to the first ")", so there is nothing to
// backtrack.
func bracketTarget(t string, i, minLabel int) int {
	close := strings.IndexByte(t[i:], ']')
	if close < minLabel || i+close+1 >= len(t) || t[i+close+1] != '(' {
		return -1
	}
	from := i + close + 2
	end := strings.IndexByte(t[from:], ')')
	if end < 0 {
		return -1
	}
	return from + end + 1
}

// removeEmphasis is `(\*\*|__|\*)([^*_]+)(\*\*|__|\*)` replaced by "$2".
func removeEmphasis(t string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(t); i++ {
		open := emphasisMark(t, i)
		if open == 0 {
			continue
		}
		// The text runs to the next "*" or "_", where the closing mark must
		// be; a shorter run would end before a byte that is neither. A "**"
		// that fails cannot be retried as "*": its text would start with "*".
		from := i + open
		n := strings.IndexAny(t[from:], "*_")
		if n <= 0 {
			continue
		}
		shut := emphasisMark(t, from+n)
		if shut == 0 {
			continue
		}
		b.WriteString(t[last:i])
		b.WriteString(t[from : from+n])
		last = from + n + shut
		i = last - 1
	}
	if last == 0 {
		return t
	}
	b.WriteString(t[last:])
	return b.String()
}

// emphasisMark is the length of the mark `\*\*|__|\*` at t[i:], or 0.
func emphasisMark(t string, i int) int {
	switch {
	case i >= len(t):
		return 0
	case strings.HasPrefix(t[i:], "**"), strings.HasPrefix(t[i:], "__"):
		return 2
	case t[i] == '*':
		return 1
	}
	return 0
}
