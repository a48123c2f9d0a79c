package whosaid

// Speaker is someone who made statements, as offered by /who-said
// autocompletion.
type Speaker struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// Speakers returns the distinct speakers of statements in order of first
// appearance, each with the first role given for them. Unattributed
// statements have no speaker and are left out.
func Speakers(stmts []Statement) []Speaker {
	var out []Speaker
	index := map[string]int{}
	for _, s := range stmts {
		if s.Speaker == Unattributed || s.Speaker == "" {
			continue
		}
		i, ok := index[s.Speaker]
		if !ok {
			index[s.Speaker] = len(out)
			out = append(out, Speaker{Name: s.Speaker, Role: s.Role})
			continue
		}
		if out[i].Role == "" {
			out[i].Role = s.Role
		}
	}
	return out
}
