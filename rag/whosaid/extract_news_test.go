package whosaid

import (
	"strings"
	"testing"
)

// TestExtractNewsConventions covers the conventions of real news writing
// that the pattern tests above leave out. Every sentence is made up.
func TestExtractNewsConventions(t *testing.T) {
	runExtractCases(t, []struct {
		name string
		text string
		want []brief
	}{
		{
			name: "typewriter quotes: two apostrophes",
			text: "''The bridge will reopen in May,'' said Mayor Lena Brandt.",
			want: []brief{{"Lena Brandt", "Mayor", "", Direct, "The bridge will reopen in May"}},
		},
		{
			name: "typewriter quotes: backticks closed by apostrophes",
			text: "``We expect a long winter,'' said the farmer, Tomas Reyes.",
			want: []brief{{"Tomas Reyes", "farmer", "", Direct, "We expect a long winter"}},
		},
		{
			name: "a verb of saying from the broader list, neutral",
			text: "Councillor Ida Holm reiterated that the pool would stay open.",
			want: []brief{{"Ida Holm", "Councillor", "", Indirect, "the pool would stay open"}},
		},
		{
			name: "a verb of saying from the broader list, part of what was said",
			text: "Judge Omar Haddad scolded the lawyers for the delay.",
			want: []brief{{"Omar Haddad", "Judge", "", Indirect, "scolded the lawyers for the delay"}},
		},
		{
			name: "a question closes its sentence before the attribution",
			text: "“Who will pay for the repairs?” Kofi Mensah asked. “Not the tenants.”",
			want: []brief{
				{"Kofi Mensah", "", "", Direct, "Who will pay for the repairs?” Kofi Mensah asked. “Not the tenants."},
			},
		},
		{
			name: "a curly opening mark closed by a straight one",
			text: "“The harvest came early this year,\" said grower Elsa Lind.",
			want: []brief{{"Elsa Lind", "grower", "", Direct, "The harvest came early this year"}},
		},
		{
			name: "a party and state set off by commas",
			text: "Senator Joan Ivers, D-Maine, said the bill would pass by June.",
			want: []brief{{"Joan Ivers", "Senator", "", Indirect, "the bill would pass by June"}},
		},
		{
			name: "a party and state in parentheses",
			text: "Rep. Carl Dunne (R-Ohio) said the hearing had been postponed.",
			want: []brief{{"Carl Dunne", "Rep.", "", Indirect, "the hearing had been postponed"}},
		},
		{
			name: "a description the lexicon cannot read between name and verb",
			text: "Patrick Osei, head of lending at the cooperative credit society in the valley, said loans had doubled.",
			want: []brief{{"Patrick Osei", "", "", Indirect, "loans had doubled"}},
		},
		{
			name: "a scare quote closes the appositive",
			text: "Varga, who calls the tax a “trap,” said it would hurt small farms.",
			want: []brief{
				{"Varga", "", "", Indirect, "calls the tax a “trap,”"},
				{"Varga", "", "", Indirect, "it would hurt small farms"},
			},
		},
		{
			name: "a manner adverb between speaker and verb",
			text: "Mayor Ines Duarte sharply criticized the council for the delay.",
			want: []brief{{"Ines Duarte", "Mayor", "", Indirect, "criticized the council for the delay"}},
		},
		{
			name: "a description with a capitalised adjective",
			text: "The Liberal presidential nominee insisted that the polls were wrong.",
			want: []brief{{"Liberal presidential nominee", "", "", Indirect, "the polls were wrong"}},
		},
		{
			name: "a second verb of the same speaker after and",
			text: "Dr. Mara Quist praised the nurses and said the ward would reopen.",
			want: []brief{
				{"Mara Quist", "", "", Indirect, "praised the nurses"},
				{"Mara Quist", "", "", Indirect, "the ward would reopen"},
			},
		},
		{
			name: "a progressive verb is not a passive",
			text: "Governor Alan Pryce is touting the new rail link to voters.",
			want: []brief{{"Alan Pryce", "Governor", "", Indirect, "the new rail link to voters"}},
		},
		{
			name: "a trailing attribution with a weekday, the speaker's role unread by the grammar",
			text: "Two engineers were among the injured, Portuguese civil protection agency spokesman Rui Santos said Friday.",
			want: []brief{{"Rui Santos", "Portuguese civil protection agency spokesman", "", Indirect, "Two engineers were among the injured"}},
		},
		{
			name: "coordinated adjectives before a description",
			text: "The talks had stalled twice, current and former diplomats said.",
			want: []brief{{"current and former diplomats", "", "", Indirect, "The talks had stalled twice"}},
		},
		{
			name: "according to a source the grammar cannot read",
			text: "Turnout fell by a third, according to figures from the election board.",
			want: []brief{{"figures from the election board", "", "", Indirect, "Turnout fell by a third"}},
		},
		{
			name: "according to a speaker with a relative clause",
			text: "Rents will keep rising, according to Ada Voss, who studies housing at the institute.",
			want: []brief{{"Ada Voss", "", "", Indirect, "Rents will keep rising"}},
		},
		{
			name: "a demonstrative that ends the clause is not a complementizer",
			text: "Mayor Ben Ortiz says he wrote a bill to fix that.",
			want: []brief{{"Ben Ortiz", "Mayor", "", Indirect, "he wrote a bill to fix that"}},
		},
		{
			name: "a headline colon names the speaker",
			text: "Okonkwo: The port will be rebuilt by spring.",
			want: []brief{{"Okonkwo", "", "", Indirect, "The port will be rebuilt by spring"}},
		},
		{
			name: "a digest's colon before a quotation",
			text: "More from Lina Berg and Omar Salah: “Turnout in the north was the highest in a decade.”",
			want: []brief{{"Lina Berg and Omar Salah", "", "", Direct, "Turnout in the north was the highest in a decade."}},
		},
		{
			name: "a section label before a colon is not a speaker",
			text: "Update: The bridge reopened on Monday morning after repairs.",
			want: nil,
		},
		{
			name: "an inverted speaker the grammar cannot read",
			text: "“Nobody expected the vote to be this close,” said one Labour organiser.",
			want: []brief{{"Labour organiser", "", "", Direct, "Nobody expected the vote to be this close"}},
		},
		{
			name: "a description after a place, then the verb: the description spoke",
			text: "The grant will pay for a new roof in Tarvik, her lawyer said.",
			want: []brief{{"lawyer", "", "", Indirect, "The grant will pay for a new roof in Tarvik"}},
		},
		{
			name: "an age before a name is not part of it",
			text: "Nineteen-year-old Pia Lund said the race was the hardest of her life.",
			want: []brief{{"Pia Lund", "", "", Indirect, "the race was the hardest of her life"}},
		},
		{
			name: "people at a place spoke, not the place",
			text: "Fishermen in Port Varna complained that the new quota had halved their catch.",
			want: []brief{{"Fishermen in Port Varna", "", "", Indirect, "the new quota had halved their catch"}},
		},
		{
			name: "an inverted speaker with a relative clause",
			text: "“The data are clear,” said Ines Moro, a statistician who advises the board.",
			want: []brief{{"Ines Moro", "statistician", "", Direct, "The data are clear"}},
		},
		{
			name: "a relative clause between speaker and verb",
			text: "A ministry official who asked not to be named said Tuesday, “The deal is done.”",
			want: []brief{{"ministry official", "", "", Direct, "The deal is done."}},
		},
		{
			name: "a document speaks",
			text: "The lawsuit says “the city ignored every warning it received.”",
			want: []brief{{"lawsuit", "", "", Direct, "the city ignored every warning it received."}},
		},
		{
			name: "however set off by commas does not break the attribution",
			text: "Dunmore conceded, however, “We could have moved faster on the repairs.”",
			want: []brief{{"Dunmore", "", "", Direct, "We could have moved faster on the repairs."}},
		},
		{
			name: "a verb of saying about a topic",
			text: "Councillor Rob Tan spoke of a new deal for the harbour workers.",
			want: []brief{{"Rob Tan", "Councillor", "", Indirect, "spoke of a new deal for the harbour workers"}},
		},
		{
			name: "spoke to someone is not a statement",
			text: "Councillor Rob Tan spoke to the harbour workers for an hour.",
			want: nil,
		},
		{
			name: "a verb of saying in a relative clause set off by commas",
			text: "The grocers, who say the new parking rules drive customers away, met the mayor on Monday.",
			want: []brief{{"grocers", "", "", Indirect, "the new parking rules drive customers away"}},
		},
		{
			name: "an adjective before an inverted speaker's title",
			text: "“The levee held,” said former Gov. Ruth Amadi, who oversaw the repairs.",
			want: []brief{{"Ruth Amadi", "former Gov.", "", Direct, "The levee held"}},
		},
		{
			name: "a role the grammar cannot read after a quotation",
			text: "“We will find the money,” House majority whip Dana Ruiz told reporters.",
			want: []brief{{"Dana Ruiz", "House majority whip", "", Direct, "We will find the money"}},
		},
		{
			name: "a chain of appositives: the speaker opens it",
			text: "Ivo Petrak, chief executive of Lumen, a Prague software firm, said the merger was off.",
			want: []brief{{"Ivo Petrak", "chief executive of Lumen", "", Indirect, "the merger was off"}},
		},
		{
			name: "a place with commas inside a relative clause is not the speaker",
			text: "Noor Aziz, who moved to Leeds, England, in 2015, said the rent had doubled.",
			want: []brief{{"Noor Aziz", "", "", Indirect, "the rent had doubled"}},
		},
		{
			name: "the subject of a first verb speaks with the second",
			text: "Asked about the delay, Ms. Okoro smiled and said, “Patience.” Then she left.",
			want: []brief{{Unattributed, "", "", Indirect, "the delay"}, {"Okoro", "", "", Direct, "Patience."}},
		},
		{
			name: "as someone put it",
			text: "As the economist Lars Holm put it, “Cheap money never stays cheap.”",
			want: []brief{{"Lars Holm", "economist", "", Direct, "Cheap money never stays cheap."}},
		},
		{
			name: "a preposition after that belongs to the statement, not the verb",
			text: "Carla Ruiz said that for years the clinic had been short of nurses.",
			want: []brief{{"Carla Ruiz", "", "", Indirect, "for years the clinic had been short of nurses"}},
		},
		{
			name: "a participle citing reasons after a quotation's attribution",
			text: "“People are angry,” Senator Ada Kim said, citing rising rents and stagnant wages.",
			want: []brief{
				{"Ada Kim", "Senator", "", Direct, "People are angry"},
				{"Ada Kim", "Senator", "", Indirect, "rising rents and stagnant wages"},
			},
		},
		{
			name: "verbs of saying in a series share the speaker",
			text: "Mayor Tom Reyes praised the crews, thanked the volunteers and said the roads would reopen.",
			want: []brief{
				{"Tom Reyes", "Mayor", "", Indirect, "praised the crews"},
				{"Tom Reyes", "Mayor", "", Indirect, "thanked the volunteers"},
				{"Tom Reyes", "Mayor", "", Indirect, "the roads would reopen"},
			},
		},
		{
			name: "a closing according to with a source that runs on",
			text: "Turnout was highest among young voters, according to exit polls compiled by the networks.",
			want: []brief{{"exit polls", "", "", Indirect, "Turnout was highest among young voters"}},
		},
		{
			name: "a verb of saying after continue to",
			text: "Farmers continue to warn that the drought will cut the harvest by half.",
			want: []brief{{"Farmers", "", "", Indirect, "the drought will cut the harvest by half"}},
		},
		{
			name: "a clause that opens with a quotation and goes on",
			text: "Ms. Daly said that “the bridge is safe” and that the repairs would end in May.",
			want: []brief{
				{"Daly", "", "", Indirect, "“the bridge is safe” and that the repairs would end in May"},
				{"Daly", "", "", Direct, "the bridge is safe"},
			},
		},
		{
			name: "a second verb of saying after but",
			text: "Dr. Ken Aoki says the vaccine works but insists the trial must go on.",
			want: []brief{
				{"Ken Aoki", "", "", Indirect, "the vaccine works"},
				{"Ken Aoki", "", "", Indirect, "the trial must go on"},
			},
		},
		{
			name: "the bare form of a noun-like verb after an auxiliary",
			text: "Governor Lise Berg did note that revenue had fallen.",
			want: []brief{{"Lise Berg", "Governor", "", Indirect, "revenue had fallen"}},
		},
		{
			name: "a subject with a modifier the grammar cannot read",
			text: "Officials familiar with the talks say the deal could be signed next week.",
			want: []brief{{"Officials familiar with the talks", "", "", Indirect, "the deal could be signed next week"}},
		},
		{
			name: "a coordinated verb of saying takes the subject that opens the clause",
			text: "In a radio interview, Mayor Ida Lund defended the budget and said taxes would not rise.",
			want: []brief{
				{"Ida Lund", "Mayor", "", Indirect, "defended the budget"},
				{"Ida Lund", "Mayor", "", Indirect, "taxes would not rise"},
			},
		},
		{
			name: "according to without a comma before it",
			text: "The party leads by 12 seats according to a tally by the electoral office, but counting goes on.",
			want: []brief{{"tally by the electoral office", "", "", Indirect, "The party leads by 12 seats"}},
		},
		{
			name: "a closing attribution with a longer phrase of where or how",
			text: "The dam had cracked twice, the engineer Hana Sato said in answering the committee's questions.",
			want: []brief{{"Hana Sato", "engineer", "", Indirect, "The dam had cracked twice"}},
		},
		{
			name: "an abbreviation's full stop does not break a partly quoted clause",
			text: "Dr. Ana Ruiz says the U.S. needs “a real plan for rural clinics” before winter.",
			want: []brief{
				{"Ana Ruiz", "", "", Indirect, "the U.S. needs “a real plan for rural clinics” before winter"},
				{"Ana Ruiz", "", "", Direct, "a real plan for rural clinics"},
			},
		},
		{
			name: "according to a source that opens the sentence and runs to the comma",
			text: "According to F.A.A. flight logs, the jet flew 40 hours in May.",
			want: []brief{{"F.A.A. flight logs", "", "", Indirect, "the jet flew 40 hours in May"}},
		},
		{
			name: "a closing attribution after an indefinite description",
			text: "The driver, who lived in Leeds, worked as a nurse at the county hospital, the BBC reported.",
			want: []brief{{"BBC", "", "", Indirect, "The driver, who lived in Leeds, worked as a nurse at the county hospital"}},
		},
		{
			name: "a participle of saying after while or by",
			text: "Senator Eva Ortiz backed the bill while also warning that costs would rise. Her rival, Max Dahl, gained ground by arguing that the state must cut taxes.",
			want: []brief{
				{"Eva Ortiz", "Senator", "", Indirect, "costs would rise"},
				{"Max Dahl", "rival", "", Indirect, "the state must cut taxes"},
			},
		},
		{
			name: "a relative clause inside the statement is not a noun's",
			text: "As the Ledger has reported, cases that have gone to trial were rare.",
			want: []brief{{"Ledger", "", "", Indirect, "cases that have gone to trial were rare"}},
		},
		{
			name: "called upon",
			text: "Mayor Ines Kahn called upon the council to restore the bus routes.",
			want: []brief{{"Ines Kahn", "Mayor", "", Indirect, "called upon the council to restore the bus routes"}},
		},
		{
			name: "a speaker whose appositive holds a relative clause",
			text: "Ida Marsh, the former mayor of the city who now chairs the board, has also urged the council to wait.",
			want: []brief{{"Ida Marsh", "", "", Indirect, "urged the council to wait"}},
		},
		{
			name: "continuing to insist: the second verb speaks",
			text: "Governor Paul Okafor is continuing to insist the budget will balance.",
			want: []brief{{"Paul Okafor", "Governor", "", Indirect, "the budget will balance"}},
		},
		{
			name: "a pronoun with a contracted auxiliary",
			text: "Mayor Rosa Diaz met the unions. She's telling them that the deal is final.",
			want: []brief{{"Rosa Diaz", "Mayor", "", Indirect, "the deal is final"}},
		},
		{
			name: "a participle whose subject follows a conjunction and an adverb",
			text: "And even Judge Alan Wu tried to calm the room, noting that the hearing would resume.",
			want: []brief{{"Alan Wu", "Judge", "", Indirect, "the hearing would resume"}},
		},
		{
			name: "a clause after an inverted verb is not a speaker",
			text: "Among the members, about a third, 31 percent, say they will vote for the plan.",
			want: nil,
		},
		{
			name: "a second verb of saying after and with an auxiliary",
			text: "Mayor Lea Gray often questions the budget and has called for an audit of the port.",
			want: []brief{
				{"Lea Gray", "Mayor", "", Indirect, "questions the budget"},
				{"Lea Gray", "Mayor", "", Indirect, "called for an audit of the port"},
			},
		},
		{
			name: "in which someone said: the clause is the statement",
			text: "Senator Ivo Marin gave an interview, in which he said the tax would go.",
			want: []brief{{"Ivo Marin", "Senator", "", Indirect, "the tax would go"}},
		},
		{
			name: "a verb that attributes quotations reports speech with that",
			text: "Professor Ada Lind replied that the data had been checked twice.",
			want: []brief{{"Ada Lind", "Professor", "", Indirect, "the data had been checked twice"}},
		},
		{
			name: "a particle verb of saying",
			text: "Dr. Lena Ortiz pointed out that the clinic had no night staff.",
			want: []brief{{"Lena Ortiz", "", "", Indirect, "the clinic had no night staff"}},
		},
		{
			name: "describing something as something is a statement",
			text: "Union leaders described the offer as an insult to the workers.",
			want: []brief{{"Union leaders", "", "", Indirect, "described the offer as an insult to the workers"}},
		},
		{
			name: "an introductory phrase before the speaker is not the statement",
			text: "On Friday, Senator Kai Berg, the committee chair, called on the agency to publish its data.",
			want: []brief{{"Kai Berg", "Senator", "", Indirect, "called on the agency to publish its data"}},
		},
		{
			name: "called with a weekday before for",
			text: "Governor Nia Holt called Tuesday for a recount in three counties.",
			want: []brief{{"Nia Holt", "Governor", "", Indirect, "called Tuesday for a recount in three counties"}},
		},
		{
			name: "a dash-delimited aside after the verb",
			text: "Campaign manager Omar Reyes said — in a late-night post, no less — that donations had tripled.",
			want: []brief{{"Omar Reyes", "Campaign manager", "", Indirect, "donations had tripled"}},
		},
		{
			name: "a participle after a quotation's closing comma",
			text: "Mayor Ela Park said the zoning rules “will change by spring,” referring to the new code.",
			want: []brief{
				{"Ela Park", "Mayor", "", Indirect, "the zoning rules “will change by spring,”"},
				{"Ela Park", "Mayor", "", Direct, "will change by spring"},
				{"Ela Park", "Mayor", "", Indirect, "referring to the new code"},
			},
		},
		{
			name: "an inverted speaker followed by more words",
			text: "“We played our best game of the year,” said Hawks general manager Tom Reilly before turning to the injury list.",
			want: []brief{{"Tom Reilly", "Hawks general manager", "", Direct, "We played our best game of the year"}},
		},
		{
			name: "a description with a capitalised adjective before an inverted name",
			text: "“The border stays open,” said Chinese foreign ministry spokeswoman Li Wen.",
			want: []brief{{"Li Wen", "Chinese foreign ministry spokeswoman", "", Direct, "The border stays open"}},
		},
		{
			name: "a photo credit is not a person a pronoun stands for",
			text: "Tomas Brandt spoke after the vote. (Pavel Horak/AFP/Getty Images) “We will not leave,” he said.",
			want: []brief{{"Tomas Brandt", "", "", Direct, "We will not leave"}},
		},
		{
			name: "a credit run into a name is not part of it",
			text: "Getty Images Kevin Vickers said the plan was dead.",
			want: []brief{{"Kevin Vickers", "", "", Indirect, "the plan was dead"}},
		},
		{
			name: "a dateline is neither speaker nor statement",
			text: "LONDON — The talks resumed on Monday, the ministry said.",
			want: []brief{{"ministry", "", "", Indirect, "The talks resumed on Monday"}},
		},
		{
			name: "a pronoun stands for a person whose gender no list knows",
			text: "Okwudili Nnaji leads the board. “We will appeal,” he said.",
			want: []brief{{"Okwudili Nnaji", "", "", Direct, "We will appeal"}},
		},
		{
			name: "a market figure added is not speech",
			text: "The index had added 0.5 per cent by noon.",
			want: nil,
		},
		{
			name: "claiming responsibility for an attack is not a statement",
			text: "A local militia claimed responsibility for the attack on the convoy.",
			want: nil,
		},
		{
			name: "a title of a work and a nickname are not statements",
			text: "The film “The Boy Who Would Be Mayor” opens on Friday. Locals call him “Tiny” because of his size.",
			want: nil,
		},
		{
			name: "a headline in title case: its capitalised verb of saying",
			text: "Harbour Chief Says Strike Will End By Friday",
			want: []brief{{"Harbour Chief", "", "", Indirect, "Strike Will End By Friday"}},
		},
		{
			name: "a quotation goes on from reported speech in the sentence before",
			text: "Engineer Rui Costa said the pumps had failed twice. “We replaced them both in March.”",
			want: []brief{
				{"Rui Costa", "Engineer", "", Indirect, "the pumps had failed twice"},
				{"Rui Costa", "Engineer", "", Direct, "We replaced them both in March."},
			},
		},
		{
			name: "a quotation in a paragraph of its own does not go on from reported speech",
			text: "Engineer Rui Costa said the pumps had failed twice.\n\n“Nobody could have seen it coming.”",
			want: []brief{
				{"Rui Costa", "Engineer", "", Indirect, "the pumps had failed twice"},
				{Unattributed, "", "", Direct, "Nobody could have seen it coming."},
			},
		},
		{
			name: "a colon at the end of a paragraph introduces the next one's quotation",
			text: "Senator Mia Lowe continued:\n\n“We will not fund a bridge to nowhere.”",
			want: []brief{{"Mia Lowe", "Senator", "", Direct, "We will not fund a bridge to nowhere."}},
		},
		{
			name: "a participle after a place set off by commas speaks for the subject",
			text: "Mayor Ana Lima spoke in Porto, Portugal, saying the port would double in size.",
			want: []brief{{"Ana Lima", "Mayor", "", Indirect, "the port would double in size"}},
		},
		{
			name: "a place ending a chain of appositives is not the speaker",
			text: "Rosa Lind, founder of the Harbour Trust and a councillor from Leeds, Yorkshire, praised the plan.",
			want: []brief{{"Rosa Lind", "", "", Indirect, "praised the plan"}},
		},
		{
			name: "a capitalised adjective before a participle is not a speaker",
			text: "Additional reporting by Ana Costa in Lisbon.",
			want: nil,
		},
		{
			name: "an infinitive after a noun is not a modifier of a speaker",
			text: "Families urged the governor to apologize for his recent comments on the fire.",
			want: []brief{{"Families", "", "", Indirect, "urged the governor to apologize for his recent comments on the fire"}},
		},
		{
			name: "a relative pronoun is not part of a speaker's description",
			text: "Aid groups who work with refugees said the camp was full.",
			want: []brief{{"Aid groups", "", "", Indirect, "the camp was full"}},
		},
		{
			name: "an aside between dashes does not end the clause",
			text: "Director Ben Osei said the new wing -- funded by a local trust -- would open in June.",
			want: []brief{{"Ben Osei", "Director", "", Indirect, "the new wing -- funded by a local trust -- would open in June"}},
		},
		{
			name: "a participle's subject after an introductory phrase",
			text: "For months, Senator Ada Vance stayed out of the race, arguing that voters should decide.",
			want: []brief{{"Ada Vance", "Senator", "", Indirect, "voters should decide"}},
		},
		{
			name: "a short answer of a pronoun and an auxiliary",
			text: "Asked whether she would run again, Mayor Joan Pike said she would.",
			want: []brief{{Unattributed, "", "", Indirect, "whether she would run again"}, {"Joan Pike", "Mayor", "", Indirect, "she would"}},
		},
	})
}

// BenchmarkExtractRunOn extracts from one long unit with no full stop and
// an act of saying every few words, where matching each clause's end
// against every later act of saying once made extraction quadratic.
func BenchmarkExtractRunOn(b *testing.B) {
	d := textDoc(strings.Repeat("A B C D E F G H I J K L M N O P said ", 300))
	b.ReportAllocs()
	for b.Loop() {
		Extract(d)
	}
}
