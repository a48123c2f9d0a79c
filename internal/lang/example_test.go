package lang_test

import (
	"fmt"

	"github.com/newsbot/storybot/internal/lang"
)

func ExampleTokenize() {
	for _, t := range lang.Tokenize("The minister said it.") {
		fmt.Println(t.Start, t.Word, t.Stem, lang.IsStopword(t.Word))
	}
	// Output:
	// 0 the the true
	// 4 minister minist false
	// 13 said say true
	// 18 it it true
}

func ExampleSpeechVerb() {
	v, ok := lang.SpeechVerb("denied")
	fmt.Println(v.Lemma, v.WithVerb, ok)
	// Output: deny true true
}
