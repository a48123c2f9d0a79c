package whosaid

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// brief is the part of a statement the pattern tests compare.
type brief struct {
	Speaker, Role, Via, Kind, Quote string
}

func (b brief) String() string {
	return fmt.Sprintf("%s/%s/%s %s %q", b.Speaker, b.Role, b.Via, b.Kind, b.Quote)
}

func textDoc(text string) *corpus.Document {
	return corpus.NewDocument("test.txt", "test", time.Time{}, "", "", corpus.Clean(text))
}

func briefs(stmts []Statement) []brief {
	out := make([]brief, len(stmts))
	for i, s := range stmts {
		out[i] = brief{s.Speaker, s.Role, s.Via, s.Kind, s.Quote}
	}
	return out
}

func runExtractCases(t *testing.T, tests []struct {
	name string
	text string
	want []brief
}) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := textDoc(tt.text)
			got := Extract(d)
			for _, s := range got {
				if d.Text[s.Start:s.End] != s.Quote {
					t.Errorf("quote %q is not the text at [%d:%d]", s.Quote, s.Start, s.End)
				}
			}
			gb := briefs(got)
			if len(gb) != len(tt.want) {
				t.Fatalf("got %d statements %v, want %d %v", len(gb), gb, len(tt.want), tt.want)
			}
			for i := range gb {
				if gb[i] != tt.want[i] {
					t.Errorf("statement %d: got %v, want %v", i, gb[i], tt.want[i])
				}
			}
		})
	}
}

func TestExtractPatterns(t *testing.T) {
	runExtractCases(t, []struct {
		name string
		text string
		want []brief
	}{
		{
			name: "speaker after the quote, inverted, with role",
			text: "“We are ready,” said the company's chief executive, Jane Moreau.",
			want: []brief{{"Jane Moreau", "chief executive", "", Direct, "We are ready"}},
		},
		{
			name: "speaker before the quote with a colon",
			text: `Police chief Ahmed Karimi said: "The road will stay closed."`,
			want: []brief{{"Ahmed Karimi", "Police chief", "", Direct, "The road will stay closed."}},
		},
		{
			name: "quote spanning sentences",
			text: "“We lost everything. The water came in an hour,” said resident Tom Hughes.",
			want: []brief{{"Tom Hughes", "resident", "", Direct, "We lost everything. The water came in an hour"}},
		},
		{
			name: "partial quote woven into reported speech: the whole clause, not the fragment",
			text: "The mayor, Carlos Mendes, promised the city would “never again” ignore flood warnings.",
			want: []brief{{"Carlos Mendes", "mayor", "", Indirect, "promised the city would “never again” ignore flood warnings"}},
		},
		{
			name: "partial quote of several words: the clause and the quoted words",
			text: "The mayor, Carlos Mendes, said the city would “never again ignore the warnings of its own engineers”.",
			want: []brief{
				{"Carlos Mendes", "mayor", "", Indirect, "the city would “never again ignore the warnings of its own engineers”"},
				{"Carlos Mendes", "mayor", "", Direct, "never again ignore the warnings of its own engineers"},
			},
		},
		{
			name: "told an outlet: the outlet is the channel",
			text: "“Prices will rise,” Sarah Lee told Reuters.",
			want: []brief{{"Sarah Lee", "", "Reuters", Direct, "Prices will rise"}},
		},
		{
			name: "agency cites a minister as saying",
			text: "The state agency, KNA, cites Interior Minister Pavel Novak as saying “The border is secure.”",
			want: []brief{{"Pavel Novak", "Interior Minister", "KNA", Direct, "The border is secure."}},
		},
		{
			name: "quoted by a newspaper",
			text: "Pavel Novak was quoted by the Daily Post as saying “We will act.”",
			want: []brief{{"Pavel Novak", "", "Daily Post", Direct, "We will act."}},
		},
		{
			name: "cited as saying",
			text: "Economy Minister Lina Saar was cited as saying that growth would slow.",
			want: []brief{{"Lina Saar", "Economy Minister", "", Indirect, "growth would slow"}},
		},
		{
			name: "said on a day that",
			text: "The Westport Ministry of Trade said on Friday that exports had fallen by 8 per cent.",
			want: []brief{{"Westport Ministry of Trade", "", "", Indirect, "exports had fallen by 8 per cent"}},
		},
		{
			name: "denial keeps its verb",
			text: "Harbour Bank denied claims that it had hidden the losses.",
			want: []brief{{"Harbour Bank", "", "", Indirect, "denied claims that it had hidden the losses"}},
		},
		{
			name: "according to, first",
			text: "According to the regional fire service, the blaze started in the kitchen.",
			want: []brief{{"regional fire service", "", "", Indirect, "the blaze started in the kitchen"}},
		},
		{
			name: "according to, last",
			text: "The blaze started in the kitchen, according to the regional fire service.",
			want: []brief{{"regional fire service", "", "", Indirect, "The blaze started in the kitchen"}},
		},
		{
			name: "which X denies",
			text: "Rebel commanders say the army shelled the village, which the army denies.",
			want: []brief{
				{"Rebel commanders", "", "", Indirect, "the army shelled the village"},
				{"army", "", "", Indirect, "which the army denies"},
			},
		},
		{
			name: "proposal keeps its verb",
			text: "Finance Minister Ana Ruiz proposed raising the tax on sugar.",
			want: []brief{{"Ana Ruiz", "Finance Minister", "", Indirect, "proposed raising the tax on sugar"}},
		},
		{
			name: "attribution closing the sentence",
			text: "The lab will reopen in May, Dr. Ivan Petrov said.",
			want: []brief{{"Ivan Petrov", "", "", Indirect, "The lab will reopen in May"}},
		},
		{
			name: "attribution in the middle of the sentence",
			text: "An eruption began late on Monday, the Icelandic Meteorological Office said, sending lava towards the town.",
			want: []brief{{"Icelandic Meteorological Office", "", "", Indirect, "An eruption began late on Monday"}},
		},
		{
			name: "a role with two phrases",
			text: "“It is powerful,” said Magnus Gudmundsson, a professor of geophysics at the University of Iceland.",
			want: []brief{{"Magnus Gudmundsson", "professor of geophysics at the University of Iceland", "", Direct, "It is powerful"}},
		},
		{
			name: "said X, the spokesperson",
			text: "The talks had failed, said Priya Raman, the group's spokesperson.",
			want: []brief{{"Priya Raman", "spokesperson", "", Indirect, "The talks had failed"}},
		},
		{
			name: "two speakers in one sentence",
			text: "Mayor Lisa Chen said the budget was balanced, but councillor Mark Boyd said it relied on one-off sales.",
			want: []brief{
				{"Lisa Chen", "Mayor", "", Indirect, "the budget was balanced"},
				{"Mark Boyd", "councillor", "", Indirect, "it relied on one-off sales"},
			},
		},
		{
			name: "a quotation after another clause is not the first speaker's",
			text: "Anton Weiss said the deal was done, but the workers were furious: “This is a scam.”",
			want: []brief{
				{"Anton Weiss", "", "", Indirect, "the deal was done"},
				{Unattributed, "", "", Direct, "This is a scam."},
			},
		},
		{
			name: "a scare quote stays inside reported speech",
			text: "General Ivo Marek said the so-called ‘special operation’ would go on until spring.",
			want: []brief{{"Ivo Marek", "General", "", Indirect, "the so-called ‘special operation’ would go on until spring"}},
		},
		{
			name: "guillemets",
			text: "« Nous resterons », said Mayor Anne Hidalgo.",
			want: []brief{{"Anne Hidalgo", "Mayor", "", Direct, "Nous resterons"}},
		},
		{
			name: "quote with no speaker",
			text: "“Enough is enough.”",
			want: []brief{{Unattributed, "", "", Direct, "Enough is enough."}},
		},
		{
			name: "participle of saying continues the speaker",
			text: "Ruth Adler, a lawyer for the families, said the ruling was a victory, adding that an appeal was likely.",
			want: []brief{
				{"Ruth Adler", "lawyer for the families", "", Indirect, "the ruling was a victory"},
				{"Ruth Adler", "lawyer for the families", "", Indirect, "an appeal was likely"},
			},
		},
		{
			name: "a participle with an adverb after an inverted attribution",
			text: "The plant will close in May, said Eva Lind, adding, however, that no jobs would be lost.",
			want: []brief{
				{"Eva Lind", "", "", Indirect, "The plant will close in May"},
				{"Eva Lind", "", "", Indirect, "no jobs would be lost"},
			},
		},
		{
			name: "scare quotes are not statements",
			text: "The drones, known locally as ‘lawnmowers’, flew low. These attacks used so-called ‘kamikaze’ drones. It was a ‘historic’ day for the town.",
			want: nil,
		},
		{
			name: "apostrophes are not quotation marks",
			text: "The minister’s aides said the plan’s cost was still unclear to everyone.",
			want: []brief{{"minister’s aides", "", "", Indirect, "the plan’s cost was still unclear to everyone"}},
		},
		{
			name: "no speech verb, no statement",
			text: "The bridge was closed for repairs in March. Traffic moved to the ring road.",
			want: nil,
		},
		{
			name: "speech words used otherwise are not statements",
			text: "The United States imposed new tariffs on steel imports in March.\nShe was told to leave the building after the alarm sounded.\nThe company notes that were printed in 1990 are no longer valid.\nPolice stress tests showed the bridge was unsafe.\nThe storm claims more lives every year in the region.\nThe ‘green’ bonds sold out in an hour.\nResidents' warnings went unheeded for years.",
			want: nil,
		},
		{
			name: "not saying is not a statement",
			text: "The Harbour Bank had not immediately replied to a request for comment.",
			want: nil,
		},
		{
			name: "a parenthetical between subject and verb",
			text: "Treasury Secretary Janet Yellen, speaking in Ohio, said the economy remained strong.",
			want: []brief{{"Janet Yellen", "Treasury Secretary", "", Indirect, "the economy remained strong"}},
		},
		{
			name: "a verb with its preposition",
			text: "The World Health Organization warned of a risk of cholera outbreaks.",
			want: []brief{{"World Health Organization", "", "", Indirect, "warned of a risk of cholera outbreaks"}},
		},
		{
			name: "an adverbial after the verb is not a closing attribution",
			text: "The interior ministry said at least 12 people had died.",
			want: []brief{{"interior ministry", "", "", Indirect, "at least 12 people had died"}},
		},
		{
			name: "a day between subject and verb, and a participle with a partial quote",
			text: "The Kremlin on Monday rejected a report that it had moved troops, calling it “pure fiction”.",
			want: []brief{
				{"Kremlin", "", "", Indirect, "rejected a report that it had moved troops"},
				{"Kremlin", "", "", Direct, "pure fiction"},
			},
		},
		{
			name: "a prepositional parenthetical and a colon",
			text: "President Volodymyr Zelensky, in his nightly address, said: “We are ready for any scenario.”",
			want: []brief{{"Volodymyr Zelensky", "President", "", Direct, "We are ready for any scenario."}},
		},
		{
			name: "an indefinite description in apposition is a role, not a speaker",
			text: "Hale, a Republican, dismissed the criticism as unfounded. Spending had risen by 4%, he said.",
			want: []brief{
				{"Hale", "Republican", "", Indirect, "dismissed the criticism as unfounded"},
				{"Hale", "Republican", "", Indirect, "Spending had risen by 4%"},
			},
		},
		{
			name: "an anonymous source is its description",
			text: "A NATO official, speaking on condition of anonymity, said the alliance was “watching closely”.",
			want: []brief{{"NATO official", "", "", Indirect, "the alliance was “watching closely”"}},
		},
		{
			name: "an institution told is not a channel; a post on a platform is",
			text: "Kiev's envoy to the UN, Sergiy Kyslytsya, told the Security Council that Russia was lying. “This is theatre,” Kyslytsya wrote on Telegram.",
			want: []brief{
				{"Sergiy Kyslytsya", "envoy to the UN", "", Indirect, "Russia was lying"},
				{"Sergiy Kyslytsya", "envoy to the UN", "Telegram", Direct, "This is theatre"},
			},
		},
		{
			name: "two speakers of one statement",
			text: "The EU and the UK said in a joint statement that they would respond.",
			want: []brief{{"EU and UK", "", "", Indirect, "they would respond"}},
		},
		{
			name: "single quotes inside a quotation",
			text: "“He told me ‘go home’ and shut the door,” said Olga Ivanova, a resident of the town.",
			want: []brief{{"Olga Ivanova", "resident of the town", "", Direct, "He told me ‘go home’ and shut the door"}},
		},
		{
			name: "names with initials and lower-case articles",
			text: "“We will win,” said George W. Bush. Egyptian President Abdel Fattah al-Sisi said the border would stay open.",
			want: []brief{
				{"George W. Bush", "", "", Direct, "We will win"},
				{"Abdel Fattah al-Sisi", "Egyptian President", "", Indirect, "the border would stay open"},
			},
		},
		{
			name: "inverted attribution with a phrase after it, and an age",
			text: "“We are closing,” said Hugo Brandt in a statement. “It hurts,” Brandt, 61, said.",
			want: []brief{
				{"Hugo Brandt", "", "", Direct, "We are closing"},
				{"Hugo Brandt", "", "", Direct, "It hurts"},
			},
		},
		{
			name: "speaker in the middle of a quotation",
			text: "“They've had their chances,” Lang said, “and they've wasted them.”",
			want: []brief{
				{"Lang", "", "", Direct, "They've had their chances,” Lang said, “and they've wasted them."},
			},
		},
		{
			name: "a title in quotation marks",
			text: "The film “The Long Dry Summer” opened in May.",
			want: nil,
		},
	})
}

func TestExtractCoreference(t *testing.T) {
	runExtractCases(t, []struct {
		name string
		text string
		want []brief
	}{
		{
			name: "the diplomat is the foreign minister",
			text: "Foreign Minister Karl Berg met his counterpart on Monday. The diplomat said talks had been useful.",
			want: []brief{{"Karl Berg", "Foreign Minister", "", Indirect, "talks had been useful"}},
		},
		{
			name: "the whole description picks the right minister",
			text: "Foreign Minister Karl Berg met Defence Minister Ola Dahl. Dahl said the army was ready. The foreign minister said talks would go on.",
			want: []brief{
				{"Ola Dahl", "Defence Minister", "", Indirect, "the army was ready"},
				{"Karl Berg", "Foreign Minister", "", Indirect, "talks would go on"},
			},
		},
		{
			name: "a role noun never resolves to someone named after it",
			text: "The minister said the deal was close. Later, Foreign Minister Karl Berg arrived.",
			want: []brief{{"minister", "", "", Indirect, "the deal was close"}},
		},
		{
			name: "she is the woman, not the nearest name",
			text: "Anna Weber and her deputy, Paul Kern, arrived late. “We are sorry,” she said.",
			want: []brief{{"Anna Weber", "", "", Direct, "We are sorry"}},
		},
		{
			name: "he after a woman's quote is the man",
			text: "Carl Nyberg opened the meeting. “It went well,” said the treasurer, Grace Obi. “We start on Monday,” he added.",
			want: []brief{
				{"Grace Obi", "treasurer", "", Direct, "It went well"},
				{"Carl Nyberg", "", "", Direct, "We start on Monday"},
			},
		},
		{
			name: "a pronoun prefers the subject of the sentence before",
			text: "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi. He said the talks were productive.",
			want: []brief{{"Vladimir Putin", "Russian President", "", Indirect, "the talks were productive"}},
		},
		{
			name: "honorifics give gender",
			text: "Ms Jordan Ellis spoke first, then Mr Robin Tate. “It was tense,” she said.",
			want: []brief{{"Jordan Ellis", "", "", Direct, "It was tense"}},
		},
		{
			name: "the university is the university named before",
			text: "Kestrel University opened a campus in Lagos. The university said it would enrol 500 students.",
			want: []brief{{"Kestrel University", "", "", Indirect, "it would enrol 500 students"}},
		},
		{
			name: "surname resolves to the full name",
			text: "Health Minister Olu Bello visited the clinic. Bello said vaccines would arrive soon.",
			want: []brief{{"Olu Bello", "Health Minister", "", Indirect, "vaccines would arrive soon"}},
		},
		{
			name: "it is the organisation",
			text: "The Fenwick Group reported record profits. It said demand had doubled in Asia.",
			want: []brief{{"Fenwick Group", "", "", Indirect, "demand had doubled in Asia"}},
		},
		{
			name: "it is the organisation that spoke, not the nearest group",
			text: "The interior ministry said at least 12 people had died. Rescue teams were still searching for survivors, it said.",
			want: []brief{
				{"interior ministry", "", "", Indirect, "at least 12 people had died"},
				{"interior ministry", "", "", Indirect, "Rescue teams were still searching for survivors"},
			},
		},
		{
			name: "a quotation running on into the next paragraph",
			text: "“The storm took the roof off the school.\n“We will rebuild it by spring,” said headteacher Ruth Okoro.",
			want: []brief{
				{"Ruth Okoro", "headteacher", "", Direct, "The storm took the roof off the school."},
				{"Ruth Okoro", "headteacher", "", Direct, "We will rebuild it by spring"},
			},
		},
		{
			name: "age and unknown descriptions set off by commas",
			text: "Her predecessor, John Carver, had warned that the market was fragile. Carver, 61, told the BBC that he was proud.",
			want: []brief{
				{"John Carver", "predecessor", "", Indirect, "the market was fragile"},
				{"John Carver", "predecessor", "BBC", Indirect, "he was proud"},
			},
		},
		{
			name: "the company is the company named before",
			text: "Shares in Northwind Energy fell sharply. The firm, based in Leeds, said its gas division had been hit by falling prices.",
			want: []brief{{"Northwind Energy", "", "", Indirect, "its gas division had been hit by falling prices"}},
		},
		{
			name: "the n-year-old is the person just named",
			text: "Firefighter Sofia Marin pulled two children from the car. “I just acted,” the 34-year-old said.",
			want: []brief{{"Sofia Marin", "Firefighter", "", Direct, "I just acted"}},
		},
		{
			name: "a statement from an organisation",
			text: "The Harbour Authority closed the port. “Safety comes first,” said a statement from the authority.",
			want: []brief{{"Harbour Authority", "", "", Direct, "Safety comes first"}},
		},
		{
			name: "a short sentence in quotation marks continues the speaker",
			text: "“First point. Second point,” said Ajay Banga.\n\n“Third point.”",
			want: []brief{
				{"Ajay Banga", "", "", Direct, "First point. Second point"},
				{"Ajay Banga", "", "", Direct, "Third point."},
			},
		},
		{
			name: "a name ending in -a is a woman's unless known otherwise",
			text: "Ajay Banga spoke after Kristalina Georgieva. “We must act,” he said.",
			want: []brief{{"Ajay Banga", "", "", Direct, "We must act"}},
		},
		{
			name: "a country is not a woman",
			text: "Russia denied the report. “We are ready,” she said.",
			want: []brief{
				{"Russia", "", "", Indirect, "denied the report"},
				{Unattributed, "", "", Direct, "We are ready"},
			},
		},
		{
			name: "a participle after a pronoun subject",
			text: "Anna Lee met John Park. “We agree,” Lee said. He disagreed, saying that the deal was unfair.",
			want: []brief{
				{"Anna Lee", "", "", Direct, "We agree"},
				{"John Park", "", "", Indirect, "the deal was unfair"},
			},
		},
		{
			name: "they is not guessed",
			text: "“We will be back,” they said.",
			want: []brief{{Unattributed, "", "", Direct, "We will be back"}},
		},
		{
			name: "a quote continues the previous speaker",
			text: "“We won,” said coach Dana Ortiz.\n\n“Next week will be harder.”",
			want: []brief{
				{"Dana Ortiz", "coach", "", Direct, "We won"},
				{"Dana Ortiz", "coach", "", Direct, "Next week will be harder."},
			},
		},
		{
			name: "the next sentence's quotation goes on with the same statement",
			text: "“We won,” said coach Dana Ortiz. “Next week will be harder.”",
			want: []brief{
				{"Dana Ortiz", "coach", "", Direct, "We won,” said coach Dana Ortiz. “Next week will be harder."},
			},
		},
		{
			name: "a quotation with an attribution of its own is a new statement",
			text: "“The bridge is safe,” said engineer Mara Quist. “It is falling apart,” said resident Tom Beale.",
			want: []brief{
				{"Mara Quist", "engineer", "", Direct, "The bridge is safe"},
				{"Tom Beale", "resident", "", Direct, "It is falling apart"},
			},
		},
		{
			name: "a quotation after reported speech is a statement of its own",
			text: "Quist said the bridge had been inspected. “Every bolt was checked.”",
			want: []brief{
				{"Quist", "", "", Indirect, "the bridge had been inspected"},
				{"Quist", "", "", Direct, "Every bolt was checked."},
			},
		},
	})
}

func TestExtractQuoteOffsets(t *testing.T) {
	d := textDoc("Iran’s envoy, Ali Rezaei, said: “It is over.”")
	got := Extract(d)
	if len(got) != 1 {
		t.Fatalf("got %d statements, want 1", len(got))
	}
	s := got[0]
	if want := strings.Index(d.Text, "It is over."); s.Start != want || s.End != want+len("It is over.") {
		t.Errorf("got [%d:%d], want [%d:%d]", s.Start, s.End, want, want+len("It is over."))
	}
	if s.Sentence != d.Text {
		t.Errorf("got sentence %q, want %q", s.Sentence, d.Text)
	}
}
