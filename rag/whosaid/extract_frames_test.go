package whosaid

import "testing"

// TestExtractFrames covers the frames of reported speech around the verb:
// attributions set off by commas inside the statement, and the like.
func TestExtractFrames(t *testing.T) {
	runExtractCases(t, []struct {
		name string
		text string
		want []brief
	}{
		{
			name: "a parenthetical attribution between the subject and its verb",
			text: "The new stadium, the mayor said, would be paid for by a hotel tax.",
			want: []brief{{"mayor", "", "", Indirect, "The new stadium, the mayor said, would be paid for by a hotel tax"}},
		},
		{
			name: "a parenthetical attribution after a subordinate clause",
			text: "If the rain holds off, grower Ines Moreau said, the harvest will be the best in a decade.",
			want: []brief{{"Ines Moreau", "grower", "", Indirect, "If the rain holds off, grower Ines Moreau said, the harvest will be the best in a decade"}},
		},
		{
			name: "a parenthetical attribution after a short opening phrase, the speaker after the verb",
			text: "Back in 2009, said Tom Weir, an economist, the river ran brown for weeks.",
			want: []brief{{"Tom Weir", "economist", "", Indirect, "Back in 2009, said Tom Weir, an economist, the river ran brown for weeks"}},
		},
		{
			name: "a participle after the attribution is not part of the statement",
			text: "The budget is balanced, Treasurer Ana Brook said, citing higher tax receipts.",
			want: []brief{
				{"Ana Brook", "Treasurer", "", Indirect, "The budget is balanced"},
				{"Ana Brook", "Treasurer", "", Indirect, "higher tax receipts"},
			},
		},
		{
			name: "a phrase of time or place after the attribution belongs to it",
			text: "The budget is balanced, Treasurer Ana Brook said, in a speech to the council.",
			want: []brief{{"Ana Brook", "Treasurer", "", Indirect, "The budget is balanced"}},
		},
		{
			name: "a question put to the speaker before what they said",
			text: "Asked about the late trains, the minister said new carriages would arrive by May.",
			want: []brief{
				{Unattributed, "", "", Indirect, "the late trains"},
				{"minister", "", "", Indirect, "new carriages would arrive by May"},
			},
		},
		{
			name: "a question in a passive frame, with a phrase of time before its topic",
			text: "Striker Jo Amadi was asked on Sunday whether he would stay at the club.",
			want: []brief{{Unattributed, "", "", Indirect, "whether he would stay at the club"}},
		},
		{
			name: "an adverbial question with a name as its topic",
			text: "When asked about Okafor, the coach shrugged.",
			want: []brief{{Unattributed, "", "", Indirect, "Okafor"}},
		},
		{
			name: "someone who asks is a speaker, not a question frame",
			text: "Councillor Rhys Evans asked whether the depot would close.",
			want: []brief{{"Rhys Evans", "Councillor", "", Indirect, "asked whether the depot would close"}},
		},
		{
			name: "asked to do something is a request, not a question",
			text: "When asked to leave, the protesters sat down.",
			want: nil,
		},
		{
			name: "a noun of saying with a possessive pronoun",
			text: "Mayor Ruth Okafor toured the depot. Her call for a public inquiry into the fire was rejected.",
			want: []brief{{"Ruth Okafor", "Mayor", "", Indirect, "a public inquiry into the fire"}},
		},
		{
			name: "a noun of saying that a verb of saying already reports is one statement",
			text: "Mayor Ruth Okafor toured the depot. She repeated her call for a public inquiry into the fire.",
			want: []brief{{"Ruth Okafor", "Mayor", "", Indirect, "her call for a public inquiry into the fire"}},
		},
		{
			name: "a noun of saying with a name as possessor, the statement a clause",
			text: "The court heard Okafor's claim that the contract was void.",
			want: []brief{{"Okafor", "", "", Indirect, "the contract was void"}},
		},
		{
			name: "what a noun of saying carries stops at the verb it is the subject of",
			text: "Councillor Tom Hale's remarks about the bus lanes were cheered.",
			want: []brief{{"Tom Hale", "", "", Indirect, "the bus lanes"}},
		},
		{
			name: "a noun of saying whose speaker is no one named is no statement",
			text: "Their calls for a recount went unheard.",
			want: nil,
		},
		{
			name: "a day after a noun of saying is when, not what",
			text: "Dana Ruiz left the club. Her comments on Tuesday surprised the fans.",
			want: nil,
		},
		{
			name: "German quotation marks",
			text: "„Wir bleiben hier“, said tenant Ute Brandt.",
			want: []brief{{"Ute Brandt", "tenant", "", Direct, "Wir bleiben hier"}},
		},
		{
			name: "guillemets split by the attribution, the second sentence unsplit",
			text: "«On reste», said tenant Luc Martin. «Pas question de partir.»",
			want: []brief{{"Luc Martin", "tenant", "", Direct, "On reste», said tenant Luc Martin. «Pas question de partir."}},
		},
		{
			name: "a future act of saying inside the same speaker's clause is not another statement",
			text: "The union said it would ask the court for an injunction.",
			want: []brief{{"union", "", "", Indirect, "it would ask the court for an injunction"}},
		},
		{
			name: "a weekday after a name is not part of it",
			text: "A host asked Mayor Ida Lund Wednesday if the pool would reopen.\n\n“It will open in June,” Lund said.",
			want: []brief{
				{"host", "", "", Indirect, "asked Mayor Ida Lund Wednesday if the pool would reopen"},
				{"Ida Lund", "Mayor", "", Direct, "It will open in June"},
			},
		},
		{
			name: "a dateline is not the subject a participle of saying goes back to",
			text: "LISBON, May 3 (Wire) - Portugal's prime minister, Rui Costa, backed the treaty on Monday, saying it would protect fishing jobs.",
			want: []brief{{"Rui Costa", "prime minister", "", Indirect, "it would protect fishing jobs"}},
		},
		{
			name: "a capital after a colon is not part of a name",
			text: "The council was told: If Okafor agrees, the hall is free.\n\n“We will see about the hall,” Okafor said.",
			want: []brief{{"Okafor", "", "", Direct, "We will see about the hall"}},
		},
		{
			name: "a short sentence of function words is a quotation, not a title",
			text: "“I will be there,” Okafor said.",
			want: []brief{{"Okafor", "", "", Direct, "I will be there"}},
		},
		{
			name: "a city and its state in an aside are not the speaker",
			text: "Governor Amy Kim, during a town hall meeting in Austin, Texas, said the plan would fail.",
			want: []brief{{"Amy Kim", "Governor", "", Indirect, "the plan would fail"}},
		},
		{
			name: "a closing attribution with its time and a phrase after it",
			text: "Ruiz won the county primary, the Daily Wire declared on Thursday, two days after the vote.",
			want: []brief{{"Daily Wire", "", "", Indirect, "Ruiz won the county primary"}},
		},
	})
}
