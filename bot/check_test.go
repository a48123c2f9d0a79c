package bot

import (
	"strings"
	"testing"

	"github.com/newsbot/storybot/rag"
)

// TestCheckEmbedEscapesTheClaim checks that a claim's words, in the title
// and repeated in the explanation, never render as a link or formatting.
func TestCheckEmbedEscapesTheClaim(t *testing.T) {
	claim := "[Iran](https://evil.example) sent **missiles**"
	e := CheckEmbed(rag.CheckResult{Claim: claim, Verdict: rag.NotFound, Explanation: "The sources never mention [Iran](https://evil.example), **missiles**."})
	for _, s := range []string{e.Title, e.Description} {
		if strings.Contains(s, "](https://") || strings.Contains(s, "**missiles**") {
			t.Errorf("got %q, want the claim's markdown escaped", s)
		}
	}
	if !strings.Contains(e.Description, "Not found") {
		t.Errorf("got %q, want the verdict", e.Description)
	}
}
