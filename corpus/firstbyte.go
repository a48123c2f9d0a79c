package corpus

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// byteSet is a set of byte values.
type byteSet [256]bool

// firstBytes returns the bytes a match of the anchored expression expr can
// start with, in its UTF-8 text: a line starting with any other byte cannot
// match it, which one table lookup says before the regexp engine starts.
// Where the expression's start is not a literal, a class or a choice of
// them, every byte is allowed.
func firstBytes(expr string) byteSet {
	var all byteSet
	for i := range all {
		all[i] = true
	}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return all
	}
	var set byteSet
	if !addFirst(&set, re.Simplify()) {
		return all
	}
	return set
}

// addFirst adds to set the first bytes of what re matches; it reports false
// when it cannot tell (re may match the empty string, or starts otherwise).
func addFirst(set *byteSet, re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return false
		}
		addRune(set, re.Rune[0], re.Flags&syntax.FoldCase != 0)
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 1024 {
				return false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				addRune(set, r, false)
			}
		}
		return len(re.Rune) > 0
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !addFirst(set, sub) {
				return false
			}
		}
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return addFirst(set, re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpBeginLine, syntax.OpBeginText:
				continue
			}
			return addFirst(set, sub)
		}
	}
	return false
}

// addRune adds the first byte of r's UTF-8 form, and with fold those of the
// runes it folds to.
func addRune(set *byteSet, r rune, fold bool) {
	var buf [utf8.UTFMax]byte
	for f := r; ; {
		utf8.EncodeRune(buf[:], f)
		set[buf[0]] = true
		if !fold {
			return
		}
		if f = unicode.SimpleFold(f); f == r {
			return
		}
	}
}
