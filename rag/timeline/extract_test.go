package timeline

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsbot/storybot/corpus"
)

// want is one expected event: the phrase, the date ("" when unresolved) and
// the precision.
type want struct{ text, date, prec string }

func (w want) String() string { return fmt.Sprintf("%q→%q/%s", w.text, w.date, w.prec) }

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(corpus.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestExtractForms covers every form of date phrase and how it resolves. The
// default publication date is Saturday 5 November 2022.
func TestExtractForms(t *testing.T) {
	const sat = "2022-11-05"
	tests := []struct {
		name      string
		published string // "" means none
		text      string
		want      []want // every event, in document order
	}{
		// Absolute dates.
		{"day month year", sat, "The treaty was signed on 5 November 2021.", []want{{"on 5 November 2021", "2021-11-05", Day}}},
		{"abbreviated month day year", sat, "The vote took place on Nov. 5, 2020.", []want{{"on Nov. 5, 2020", "2020-11-05", Day}}},
		{"weekday before a date is one phrase", sat, "He died on Sunday, July 9, 1961, aged 88.", []want{{"on Sunday, July 9, 1961", "1961-07-09", Day}}},
		{"a weekday picks the year of a date given without one", sat, "The paper argued in an editorial on Sunday, November 6, that the port was ready.", []want{{"on Sunday, November 6", "2022-11-06", Day}}},
		{"a weekday that fits only a distant year leaves the tense's year", sat, "The mill flooded on Tuesday, Oct. 3.", []want{{"on Tuesday, Oct. 3", "2022-10-03", Day}}},
		{"a holiday in the past", sat, "The harbour froze on Christmas Day.", []want{{"on Christmas Day", "2021-12-25", Day}}},
		{"a holiday ahead", sat, "The harbour will reopen before Christmas.", []want{{"before Christmas", "2022-12-25", Before}}},
		{"a holiday with a typographic apostrophe", sat, "The harbour closed on New Year’s Eve.", []want{{"on New Year’s Eve", "2021-12-31", Day}}},
		{"a one-word holiday alone is a date", sat, "Christmas was quiet in the harbour.", []want{{"Christmas", "2021-12-25", Day}}},
		{"a holiday's name as a modifier is no date", sat, "Christmas shopping and Halloween costumes sold well.", nil},
		{"ISO date", sat, "Figures released on 2022-10-30 showed a drop.", []want{{"on 2022-10-30", "2022-10-30", Day}}},
		{"month day without year, past", sat, "The plant shut on November 2.", []want{{"on November 2", "2022-11-02", Day}}},
		{"month day after publication, past", sat, "The plant shut on December 12.", []want{{"on December 12", "2021-12-12", Day}}},
		{"month day after publication, future", sat, "The plant will shut on December 12.", []want{{"on December 12", "2022-12-12", Day}}},
		{"month and year", sat, "Prices rose in March 2022.", []want{{"in March 2022", "2022-03", Month}}},
		{"year", sat, "The firm was founded in 2021.", []want{{"in 2021", "2021", Year}}},
		{"early year", sat, "The firm was founded early 2019.", []want{{"early 2019", "2019", Year}}},
		{"before a month", sat, "The deal was done before March 2022.", []want{{"before March 2022", "2022-03", Before}}},
		{"a month of last year", sat, "The mill closed in June last year and reopened in January this year.", []want{{"in June last year", "2021-06", Month}, {"in January this year", "2022-01", Month}}},
		{"a day of last year", sat, "The vote on Dec. 12 last year was annulled.", []want{{"on Dec. 12 last year", "2021-12-12", Day}}},
		{"a month of next year", sat, "The line will open in March of next year.", []want{{"in March of next year", "2023-03", Month}}},
		{"year inherited within a sentence", sat, "Prices rose in March 2021 and fell in June.", []want{{"in March 2021", "2021-03", Month}, {"in June", "2021-06", Month}}},

		// Partial dates.
		{"bare month", sat, "The allegations began in September.", []want{{"in September", "2022-09", Month}}},
		{"early month", sat, "In early October, talks stalled.", []want{{"In early October", "2022-10", Month}}},
		{"mid month", sat, "In mid-October, the minister resigned.", []want{{"In mid-October", "2022-10", Month}}},
		{"late month", sat, "The war broke out in late February.", []want{{"in late February", "2022-02", Month}}},
		{"last winter", sat, "The roof collapsed last winter.", []want{{"last winter", "2021-12", Season}}},
		{"last winter in summer", "2023-06-20", "Work was halted last winter.", []want{{"last winter", "2022-12", Season}}},
		{"this spring", sat, "The park reopened this spring.", []want{{"this spring", "2022-03", Season}}},
		{"season with year", sat, "A pier was rebuilt in the summer of 2020.", []want{{"in the summer of 2020", "2020-06", Season}}},
		{"a season of last year", sat, "A pier was rebuilt in the summer of last year.", []want{{"in the summer of last year", "2021-06", Season}}},
		{"a season of next year", sat, "The pier will reopen in the spring of next year.", []want{{"in the spring of next year", "2023-03", Season}}},
		{"that season is of the year in focus", sat, "The mine closed in the spring of 2019 and reopened that fall.", []want{{"in the spring of 2019", "2019-03", Season}, {"that fall", "2019-09", Season}}},
		{"that winter after a January", sat, "The mine closed in January 2021. Later that winter, it flooded.", []want{{"in January 2021", "2021-01", Month}, {"Later that winter", "2020-12", Season}}},
		{"a month every year is a habit", sat, "Every year, the fair opens in August.", nil},
		{"a season each year is a habit", sat, "The fair moves to the coast in the summer each year.", nil},
		{"winter across years", sat, "Gas ran short during winter 2020-21.", []want{{"during winter 2020-21", "2020-12", Season}}},
		{"last year", sat, "Sales fell last year.", []want{{"last year", "2021", Year}}},
		{"last fiscal year", sat, "The mill lost money last fiscal year and expects a profit next fiscal year.", []want{{"last fiscal year", "2021", Year}, {"next fiscal year", "2023", Year}}},
		{"last and the month just gone is a year back", "2023-04-10", "The ferry sank last March.", []want{{"last March", "2022-03", Month}}},
		{"last and an earlier month of the year is this year's", "2023-04-10", "The ferry sank last January.", []want{{"last January", "2023-01", Month}}},
		{"last week is the ISO week before publication's", "2023-04-17", "The minister toured the docks last week.", []want{{"last week", "2023-W15", Week}}},
		{"last week in a Sunday paper is the ISO week before too", "2023-04-16", "The minister toured the docks last week.", []want{{"last week", "2023-W14", Week}}},
		{"an elided unit after last is the one just named", sat, "Exports were twice as high this year as last.", []want{{"this year", "2022", Year}, {"last", "2021", Year}}},
		{"last with its own noun is no elided unit", sat, "Exports were higher this month than last season's.", []want{{"this month", "2022-11", Month}}},
		{"a current year before a relative clause", sat, "The mill expects profits in the current fiscal year that beat its forecast.", []want{{"in the current fiscal year", "2022", Year}}},
		{"the year of a relative clause is no date", sat, "She left school the year her brother was born.", nil},

		// Weekdays.
		{"weekday past", sat, "The mayor said on Tuesday that the budget was balanced.", []want{{"on Tuesday", "2022-11-01", Day}}},
		{"weekday is the publication day", sat, "The minister said on Saturday that talks would go on.", []want{{"on Saturday", sat, Day}}},
		{"weekday future", sat, "The council will meet on Friday.", []want{{"on Friday", "2022-11-11", Day}}},
		{"weekday scheduled in a past-tense sentence", sat, "The match, scheduled for Sunday, was cancelled.", []want{{"for Sunday", "2022-11-06", Day}}},
		{"weekday of publication in the future is that day", sat, "The council will meet on Saturday to vote.", []want{{"on Saturday", sat, Day}}},
		{"next weekday of publication is a week on", sat, "The council meets next Saturday.", []want{{"next Saturday", "2022-11-12", Day}}},
		{"moved on a weekday is no schedule", "2022-11-08", "The talks moved on Sunday to Geneva, where they will resume.", []want{{"on Sunday", "2022-11-06", Day}}},
		{"slated for a weekday is one", "2022-11-08", "She canceled a rally slated for Wednesday.", []want{{"for Wednesday", "2022-11-09", Day}}},
		{"a second predicate's future does not reach the first's date", "2022-11-10", "The firm launched an advert on Tuesday and announced it would hire staff.", []want{{"on Tuesday", "2022-11-08", Day}}},
		{"a reported clause in the present takes the nearest occurrence", "2022-10-27", "The bank said it is calling for the redemption on Dec. 7 of its notes.", []want{{"on Dec. 7", "2022-12-07", Day}}},
		{"a present progressive is no future", "2022-11-11", "Voters are praising the mayor's speech on Thursday.", []want{{"on Thursday", "2022-11-10", Day}}},
		{"a condition in the present looks ahead", "2022-04-12", "The party needs a plan if its candidates lose in the fall.", []want{{"in the fall", "2022-09", Season}}},
		{"agreed to a noun is no plan", "2022-11-11", "The senator agreed to a phone call on Wednesday.", []want{{"on Wednesday", "2022-11-09", Day}}},
		{"due to a noun is a cause", sat, "Flights were grounded due to the storm on Friday.", []want{{"on Friday", "2022-11-04", Day}}},
		{"an -ed adjective is no past verb", "2024-05-24", "Entering the final contests in June, the senator leads by 271 pledged delegates.", []want{{"in June", "2024-06", Month}}},
		{"a season without tense is the nearest", "2024-05-24", "Some fear the party could struggle to unite in the summer.", []want{{"in the summer", "2024-06", Season}}},
		{"a clause of a list takes the present nearest to it", "2024-05-24", "She is on track to win through a mix of pledged delegates after contests in Ohio, Utah and four other states on June 7.", []want{{"on June 7", "2024-06-07", Day}}},
		{"a typographic apostrophe in 'll", "2024-01-31", "“I like her, and I’ll vote for her in November,” she said.", []want{{"in November", "2024-11", Month}}},
		{"a reported clause without that starts at its pronoun", "2022-11-08", "Party officials made clear Monday they have no plans to spend money on the race.", []want{{"Monday", "2022-11-07", Day}}},
		{"a present reported by a pronoun clause outweighs later -ed adjectives", "2022-10-27", "The bank said it is calling for the redemption on Dec. 7 of its preferred shares.", []want{{"on Dec. 7", "2022-12-07", Day}}},
		{"a quotation borrows no tense from outside it", "2024-08-12", "“It lets our side win a mandate in November,” the senators wrote.", []want{{"in November", "2024-11", Month}}},
		{"last weekday", sat, "Officials met last Saturday.", []want{{"last Saturday", "2022-10-29", Day}}},
		{"a weekday without tense is the nearer one", "2022-11-09", "The deadline is Friday.", []want{{"Friday", "2022-11-11", Day}}},
		{"a weekday without tense may be the nearer past one", "2022-11-08", "The deadline is Saturday.", []want{{"Saturday", "2022-11-05", Day}}},
		{"a weekday named for what it brought is over", "2022-11-08", "The notes convert at a premium over Friday's closing price.", []want{{"over Friday", "2022-11-04", Day}}},
		{"awaiting a day looks ahead", "2022-11-09", "Traders await Friday's jobs figures.", []want{{"Friday", "2022-11-11", Day}}},
		{"may looks ahead", "2022-11-09", "The court may rule on Friday.", []want{{"on Friday", "2022-11-11", Day}}},
		{"may have looks back", "2022-11-09", "The parcel may have arrived on Friday.", []want{{"on Friday", "2022-11-04", Day}}},
		{"the month May is no modal", "2022-11-09", "Exports fell in May, officials said.", []want{{"in May", "2022-05", Month}}},
		{"the past verb right after a weekday dates it", "2022-11-09", "The minister on Monday said the port will reopen.", []want{{"on Monday", "2022-11-07", Day}}},
		{"a future verb right after a weekday dates it", "2022-11-09", "The minister on Monday will open the port.", []want{{"on Monday", "2022-11-14", Day}}},

		// Relative dates.
		{"weeks ago", sat, "Talks collapsed two weeks ago.", []want{{"two weeks ago", "2022-10-22", About}}},
		{"days ago", sat, "The fire started three days ago.", []want{{"three days ago", "2022-11-02", Day}}},
		{"a few days ago", sat, "The fire started a few days ago.", []want{{"a few days ago", "2022-11-02", About}}},
		{"a vague count of years is approximate", sat, "The pier was rebuilt a few years ago.", []want{{"a few years ago", "2019", About}}},
		{"a vague count of months later is approximate", sat, "The mine closed in 2015. Several months later, the town lost its school.", []want{{"in 2015", "2015", Year}, {"Several months later", "2015", About}}},
		{"in years ahead", sat, "The bonds will be redeemed in five years.", []want{{"in five years", "2027", Year}}},
		{"in a year or so is approximate", sat, "The bonds will be redeemed in a year or so.", []want{{"in a year", "2023", About}}},
		{"weeks from now", sat, "The bridge opens two weeks from now.", []want{{"two weeks from now", "2022-11-19", About}}},
		{"in years as a length of time", sat, "It will be the biggest rise in five years, and prices rose in two years.", nil},
		{"yesterday", sat, "The fire started yesterday.", []want{{"yesterday", "2022-11-04", Day}}},
		{"the day before yesterday", sat, "The fire started the day before yesterday.", []want{{"the day before yesterday", "2022-11-03", Day}}},
		{"the day after tomorrow", sat, "The inquiry opens the day after tomorrow.", []want{{"the day after tomorrow", "2022-11-07", Day}}},
		{"last month", sat, "The EU imposed sanctions last month.", []want{{"last month", "2022-10", Month}}},
		{"next year", sat, "The bridge will open next year.", []want{{"next year", "2023", Year}}},
		{"by next year", "2023-06-20", "The firm expects to hire 40 staff by next year.", []want{{"by next year", "2024", Year}}},
		{"later that month", sat, "The strike began in September. Talks collapsed later that month.", []want{{"in September", "2022-09", Month}, {"later that month", "2022-09", Month}}},
		{"a week later", sat, "The election was held on 2 October. A week later the coalition collapsed.", []want{{"on 2 October", "2022-10-02", Day}, {"A week later", "2022-10-09", About}}},
		{"a clock time is on the day in focus", sat, "The fire began on Oct. 3. Crews arrived at 6 a.m.", []want{{"on Oct. 3", "2022-10-03", Day}, {"at 6 a.m.", "2022-10-03", Day}}},
		{"a clock time alone is on the publication day", sat, "Two men entered the shop around 7:15 p.m. and left.", []want{{"around 7:15 p.m.", sat, Day}}},
		{"a daily time is no event", sat, "The museum opens at 9 a.m. daily.", nil},
		{"a part of the day is on the day in focus", sat, "The dam failed on Oct. 3. By mid afternoon, crews had reached the valley.", []want{{"on Oct. 3", "2022-10-03", Day}, {"By mid afternoon", "2022-10-03", Day}}},
		{"a part of the day alone is on the publication day", sat, "Crowds gathered in the morning outside the court.", []want{{"in the morning", sat, Day}}},
		{"a part of the day in a habit is no event", sat, "Traders place their orders in the morning.", nil},
		{"a part of the day modifying a noun is no event", sat, "Shares slipped in morning trading.", nil},
		{"a run of days counted to publication", sat, "In the port, today is the fifth day of the strike.", []want{{"today is the fifth day", sat, Day}}},
		{"it's the nth day is the publication day", sat, "It's the third day of talks in the capital.", []want{{"the third day", sat, Day}}},
		{"it was the nth day is no date of its own", sat, "It was the third day of talks in the capital.", nil},
		{"the week of a day", sat, "The dam failed the week of Oct. 12.", []want{{"the week of Oct. 12", "2022-W41", Week}}},
		{"the weekend of a day", sat, "The dam failed on the weekend of Oct. 15.", []want{{"on the weekend of Oct. 15", "2022-W41", Week}}},
		{"the first week of a month is the first with its Thursday in it", sat, "The dam failed in the first week of October.", []want{{"in the first week of October", "2022-W40", Week}}},
		{"the last week of a month is no last week", sat, "The dam failed in the last week of October.", []want{{"in the last week of October", "2022-W43", Week}}},
		{"later that week", sat, "The dam failed on Oct. 12. Later that week, the town was evacuated.", []want{{"on Oct. 12", "2022-10-12", Day}, {"Later that week", "2022-W41", Week}}},
		{"the following week", sat, "The dam failed on Oct. 12. The mayor resigned the following week.", []want{{"on Oct. 12", "2022-10-12", Day}, {"the following week", "2022-W42", Week}}},
		{"the next morning", sat, "The dam failed on Oct. 12. The next morning, the valley flooded.", []want{{"on Oct. 12", "2022-10-12", Day}, {"The next morning", "2022-10-13", Day}}},
		{"that night", sat, "The dam failed on Oct. 12. That night, the valley flooded.", []want{{"on Oct. 12", "2022-10-12", Day}, {"That night", "2022-10-12", Day}}},
		{"by evening without an article", sat, "The dam failed on Oct. 12. By evening, the valley had flooded.", []want{{"on Oct. 12", "2022-10-12", Day}, {"By evening", "2022-10-12", Day}}},
		{"days later is some time after", sat, "The dam failed on Oct. 12. Days later, the valley flooded.", []want{{"on Oct. 12", "2022-10-12", Day}, {"Days later", "2022-10-12", After}}},
		{"months earlier is some time before", sat, "The dam failed on Oct. 12. Months earlier, engineers had warned of cracks.", []want{{"on Oct. 12", "2022-10-12", Day}, {"Months earlier", "2022-10-12", Before}}},
		{"the following weekday", sat, "The strike began on Oct. 12. Talks resumed the following Monday.", []want{{"on Oct. 12", "2022-10-12", Day}, {"the following Monday", "2022-10-17", Day}}},
		{"the previous weekday", sat, "Shares closed on Oct. 21, down from the previous Friday.", []want{{"on Oct. 21", "2022-10-21", Day}, {"the previous Friday", "2022-10-14", Day}}},
		{"a week or so ago", sat, "The letter arrived a week or so ago.", []want{{"a week or so ago", "2022-10-29", About}}},
		{"the following month", sat, "The plant closed in March. It was sold the following month.", []want{{"in March", "2022-03", Month}, {"the following month", "2022-04", Month}}},
		{"since then", sat, "The factory closed in 2019. It has stood empty since then.", []want{{"in 2019", "2019", Year}, {"since then", "2019", After}}},
		{"months before an event named elsewhere", sat, "The war broke out in March. Weapons were shipped months before the war.", []want{{"in March", "2022-03", Month}, {"months before the war", "2022-03", Before}}},
		{"anchor chosen by shared words", sat, "The election was held on 2 October. Prices rose in August. Three weeks after the election, the coalition collapsed.", []want{{"on 2 October", "2022-10-02", Day}, {"in August", "2022-08", Month}, {"Three weeks after the election", "2022-10-23", About}}},
		{"span dates the event it names", "2023-06-20", "The lab opened on Tuesday, two years after the project was first announced.", []want{{"on Tuesday", "2023-06-20", Day}, {"two years after", "2021", Year}}},
		{"span whose noun phrase matches too little", sat, "The House voted on Monday. The deal came a day after Biden met leaders at the White House.", []want{{"on Monday", "2022-10-31", Day}, {"a day after", "", About}}},
		{"a length of time before an event is no date", sat, "The council opened the bridge on Monday. Buyers must wait at least 30 days after the sale, repairs lasted two weeks after the opening, and the mayor served for nearly nine years after the opening.", []want{{"on Monday", "2022-10-31", Day}}},
		{"span without an anchor", sat, "Weapons were shipped months before the war.", []want{{"months before the war", "", Before}}},

		// Tense decides the direction.
		{"would start in April, written in March", "2024-03-10", "Engineers said repairs would start in April.", []want{{"in April", "2024-04", Month}}},
		{"closed in early November, written in March", "2024-03-10", "The crossing closed in early November.", []want{{"in early November", "2023-11", Month}}},
		{"will reopen in February, written in March", "2024-03-10", "The crossing will reopen in February.", []want{{"in February", "2025-02", Month}}},
		{"said on Monday that it expects", "2023-06-20", "The university said on Monday that it expects growth.", []want{{"on Monday", "2023-06-19", Day}}},

		{"reporting verb right before a weekday governs it", sat, "The agency said Saturday it would review the case.", []want{{"Saturday", sat, Day}}},
		{"a quotation's future does not reach the sentence before it", sat, "Councillors backed the harbour plan Friday. ``Our grandchildren will thank us,'' one said.", []want{{"Friday", "2022-11-04", Day}}},
		{"payable and of record lie ahead", sat, "The dividend is payable Dec. 15 to holders of record Nov. 30.", []want{{"Dec. 15", "2022-12-15", Day}, {"Nov. 30", "2022-11-30", Day}}},
		{"a deadline in a past-tense clause is the nearest one", sat, "The bank extended its offer until Nov. 20.", []want{{"until Nov. 20", "2022-11-20", Day}}},
		{"since is always in the past", sat, "Fares have risen since December and will rise again.", []want{{"since December", "2021-12", Month}}},
		{"a plan overtaken by events may lie ahead", sat, "The offer had been due to expire Nov. 8.", []want{{"Nov. 8", "2022-11-08", Day}}},
		{"an agreement to act later", sat, "The brewer announced an agreement to buy the maltings in January.", []want{{"in January", "2023-01", Month}}},
		{"something expected in a month ahead", sat, "The sale, which is expected in December, needs approval.", []want{{"in December", "2022-12", Month}}},
		{"as planned compares with a plan in a past clause", "2023-03-06", "The council let the works begin as originally planned Saturday.", []want{{"Saturday", "2023-03-04", Day}}},
		{"as planned in a clause with a modal looks ahead", "2023-03-06", "The works will begin as planned Saturday.", []want{{"Saturday", "2023-03-11", Day}}},
		{"a scheduling participle alone still looks ahead", "2023-03-06", "The vote, planned Saturday, needs a quorum.", []want{{"Saturday", "2023-03-11", Day}}},
		{"a time clause under a future in the past looks ahead", "2023-03-08", "The fund said it would sell its shares as soon as trading opened Monday.", []want{{"Monday", "2023-03-13", Day}}},
		{"a time clause under a past looks back", "2023-03-08", "The fund sold its shares as soon as trading opened Monday.", []want{{"Monday", "2023-03-06", Day}}},
		{"a quotation's future does not reach a time clause outside it", "2023-03-08", "``We will sell,'' the manager said when trading opened Monday.", []want{{"Monday", "2023-03-06", Day}}},
		{"a past verb before the preposition of a date governs it", "2023-07-13", "The judge died in February and the seat has yet to be filled.", []want{{"in February", "2023-02", Month}}},
		{"a past verb before the preposition outweighs a later would", "2023-08-03", "She used the same words when asked in May if she would run.", []want{{"in May", "2023-05", Month}}},
		{"a passive participle before a date takes its auxiliary's tense", sat, "Rules to be published in early January will decide it.", []want{{"in early January", "2023-01", Month}}},
		{"a past verb right before a weekday", sat, "Inspectors, who arrived Thursday for a visit likely to last a week, began work.", []want{{"Thursday", "2022-11-03", Day}}},
		{"a scheduled weekday", sat, "The vote, scheduled Tuesday, may slip.", []want{{"Tuesday", "2022-11-08", Day}}},
		{"a present-tense clause takes the nearest occurrence", sat, "Officials called it a relief, and the bridge is on schedule to open on Jan. 20.", []want{{"on Jan. 20", "2023-01-20", Day}}},
		{"a date that modifies a noun is the nearest one", sat, "Both candidates campaigned hard ahead of the Nov. 29 runoff.", []want{{"Nov. 29", "2022-11-29", Day}}},
		{"a date in an infinitive after a past verb", sat, "The mayor challenged her rival to debate him on Nov. 17.", []want{{"on Nov. 17", "2022-11-17", Day}}},
		{"a present passive is no past", sat, "The forecast is based on turnout on Dec. 4.", []want{{"on Dec. 4", "2022-12-04", Day}}},
		{"present-tense schedule", "2022-11-02", "Talks between the unions and the rail operator resume Monday.", []want{{"Monday", "2022-11-07", Day}}},

		{"a clock time before a deadline", sat, "The bank extended its offer until 5 p.m. EST Nov. 9.", []want{{"until 5 p.m. EST Nov. 9", "2022-11-09", Day}}},
		{"midnight before a weekday", "2022-11-07", "The offer had been scheduled to expire at midnight Friday.", []want{{"at midnight Friday", "2022-11-04", Day}}},
		{"a fiscal year ended on a day", sat, "For the year ended March 31, the mill earned $2 million.", []want{{"March 31", "2022-03-31", Day}}},
		{"month after a determiner", sat, "Under a June agreement, the port was leased.", []want{{"June", "2022-06", Month}}},
		{"a modifier month is the nearest one", sat, "The port is selling land under an October agreement.", []want{{"October", "2022-10", Month}}},
		{"possessive month", sat, "September's figures were revised.", []want{{"September", "2022-09", Month}}},
		{"this past spring", sat, "The orchard flooded this past spring.", []want{{"this past spring", "2022-03", Season}}},

		// Weeks and weekends are ISO weeks.
		{"this week", sat, "Ferry crews walked out this week.", []want{{"this week", "2022-W44", Week}}},
		{"last week", sat, "The regulator fined the operator last week.", []want{{"last week", "2022-W43", Week}}},
		{"last week across a year with 53 ISO weeks", "2021-01-06", "Snow closed the schools last week.", []want{{"last week", "2020-W53", Week}}},
		{"early next week", sat, "A ruling is expected early next week.", []want{{"early next week", "2022-W45", Week}}},
		{"the end of this week", "2022-11-02", "The pool will close at the end of this week.", []want{{"at the end of this week", "2022-W44", Week}}},
		{"over the weekend, past", "2022-11-07", "Volunteers cleared the beach over the weekend.", []want{{"over the weekend", "2022-W44", Week}}},
		{"the weekend ahead", "2022-11-02", "Forecasters expect snow over the weekend.", []want{{"over the weekend", "2022-W44", Week}}},
		{"an irregular past verb puts the weekend behind", "2022-11-07", "Rescuers over the weekend found two hikers.", []want{{"over the weekend", "2022-W44", Week}}},
		{"without tense, early in the week, the weekend just gone", "2022-11-08", "Shops in the old town are busier after the weekend.", []want{{"after the weekend", "2022-W44", After}}},
		{"without tense, late in the week, the coming weekend", "2022-11-10", "Shops in the old town are busier over the weekend.", []want{{"over the weekend", "2022-W45", Week}}},
		{"last weekend read on a Sunday", "2022-11-06", "The market opened last weekend.", []want{{"last weekend", "2022-W43", Week}}},

		// Ends of periods count from publication.
		{"the end of the month", sat, "The council hopes to decide by the end of the month.", []want{{"by the end of the month", "2022-11", Month}}},
		{"year-end ahead", sat, "The merger should close by year-end.", []want{{"by year-end", "2022", Year}}},
		{"since year-end looks back", sat, "The index has fallen 4% since year-end.", []want{{"since year-end", "2021", Year}}},
		{"year's end", sat, "New rules should be in place by year's end.", []want{{"by year's end", "2022", Year}}},
		{"year’s end with a typographic apostrophe", sat, "New rules should be in place by year’s end.", []want{{"by year’s end", "2022", Year}}},

		// Years without a preposition, and the year read from context.
		{"bare year as a modifier", sat, "A 2019 survey of the estuary found few seals.", []want{{"2019", "2019", Year}}},
		{"two bare years of a range", sat, "Output fell between 2015 and 2017.", []want{{"between 2015", "2015", Year}, {"2017", "2017", Year}}},
		{"season range of years", sat, "The 1996-97 season was the club's best.", []want{{"1996-97", "1996", Year}}},
		{"fiscal year", sat, "In fiscal 2021, the cooperative lost money.", []want{{"In fiscal 2021", "2021", Year}}},
		{"for a year", sat, "For 2021, the mill reported a small profit.", []want{{"For 2021", "2021", Year}}},
		{"the year means the current one", sat, "Shipments for the year were flat.", []want{{"for the year", "2022", Year}}},
		{"the year of a relative clause is no current year", sat, "It was 2019, the year Ms. Reyes took office, not the year the mill closed.", []want{{"2019", "2019", Year}}},
		{"the current fiscal year", sat, "The dairy expects higher sales in the current fiscal year.", []want{{"in the current fiscal year", "2022", Year}}},
		{"the past year", sat, "Membership grew over the past year.", []want{{"over the past year", "2021", Year}}},
		{"this past year", sat, "Enrolment fell this past year.", []want{{"this past year", "2021", Year}}},
		{"year-ago adjective", sat, "The year-ago figures were restated.", []want{{"year-ago", "2021", Year}}},
		{"that year counts from the date before it", sat, "The ferry sank in 1998. Two inquiries opened that year.", []want{{"in 1998", "1998", Year}, {"that year", "1998", Year}}},
		{"the year before", sat, "The bakery opened in 2010. Its owner had arrived the year before.", []want{{"in 2010", "2010", Year}, {"the year before", "2009", Year}}},
		{"until then", sat, "The toll ends on Nov. 30. Until then, drivers pay double.", []want{{"on Nov. 30", "2022-11-30", Day}, {"Until then", "2022-11-30", Before}}},
		{"a comparison after a year-earlier adjective", sat, "Year-earlier results were restated. Sales rose from a year earlier.", []want{{"Year-earlier", "2021", Year}, {"a year earlier", "2021", Year}}},
		{"comparisons all count from the reporting period", sat, "Profit was $4 million in 2021. Sales rose from a year earlier. Costs fell from a year earlier.", []want{{"in 2021", "2021", Year}, {"a year earlier", "2020", Year}, {"a year earlier", "2020", Year}}},

		{"earlier in the year is not moved by a comparison", sat, "Net rose to $9 million from $7 million a year ago. Floods had closed the plant earlier in the year.", []want{{"a year ago", "2021", Year}, {"earlier in the year", "2022", Year}}},
		{"earlier in the year follows a narrative date", sat, "The plant closed in 2015. Earlier in the year, workers had struck.", []want{{"in 2015", "2015", Year}, {"Earlier in the year", "2015", Year}}},
		{"earlier in the year with nothing before it", sat, "Floods closed the plant earlier in the year.", []want{{"earlier in the year", "2022", Year}}},
		{"spelled-out day of a month", sat, "Voters go to the polls this coming Sunday, November twentieth.", []want{{"Sunday, November twentieth", "2022-11-20", Day}}},
		{"the ordinal of a month", sat, "The ferry sank on the twenty-first of October.", []want{{"on the twenty-first of October", "2022-10-21", Day}}},
		{"spelled-out year", sat, "Then, in nineteen ninety-one, the mine closed.", []want{{"in nineteen ninety-one", "1991", Year}}},
		{"spelled-out year as a modifier", sat, "It recalled a nineteen eighty-six strike.", []want{{"nineteen eighty-six", "1986", Year}}},
		{"spelled-out month and year", sat, "March nineteen ninety-nine. The river rose again.", []want{{"March nineteen ninety-nine", "1999-03", Month}}},
		{"season of a spelled-out year", sat, "Prices last fell that low in the winter of nineteen ninety-four.", []want{{"in the winter of nineteen ninety-four", "1994-12", Season}}},
		{"the year two thousand", sat, "They promised clean water by the year two thousand.", []want{{"by the year two thousand", "2000", Year}}},
		{"two thousand and eight", sat, "The bank failed in two thousand and eight.", []want{{"in two thousand and eight", "2008", Year}}},
		{"a spelled count is no year", sat, "About two thousand people and twenty twelve-year-olds came.", nil},

		// Quarters and halves.
		{"third quarter, past", sat, "Profit rose 5% in the third quarter.", []want{{"in the third quarter", "2022-Q3", Quarter}}},
		{"quarter as a modifier in a forecast", sat, "The chain will post a third-quarter loss.", []want{{"third-quarter", "2022-Q3", Quarter}}},
		{"the next first quarter", sat, "The plant will reopen in the first quarter.", []want{{"in the first quarter", "2023-Q1", Quarter}}},
		{"a quarter in apposition is one period", sat, "In the year-ago quarter, the first quarter ended June 30, the mill lost money.", []want{{"In the year-ago quarter", "2021-Q1", Quarter}, {"June 30", "2022-06-30", Day}}},
		{"that quarter is the quarter named last", sat, "Profit fell in the third quarter ended Sept. 30. The firm moved its head office in October. Costs for that quarter rose.", []want{{"in the third quarter", "2022-Q3", Quarter}, {"Sept. 30", "2022-09-30", Day}, {"in October", "2022-10", Month}, {"for that quarter", "2022-Q3", Quarter}}},
		{"a quarter of a fiscal year", sat, "Losses began in the second quarter of fiscal 2020.", []want{{"in the second quarter of fiscal 2020", "2020-Q2", Quarter}}},
		{"a quarter named by its months", sat, "Exports rose in the April-June quarter.", []want{{"in the April-June quarter", "2022-Q2", Quarter}}},
		{"months of a fiscal quarter name no calendar quarter", sat, "Exports rose in the May-July quarter.", nil},
		{"quarter with its year", sat, "Losses began in the second quarter of 2020.", []want{{"in the second quarter of 2020", "2020-Q2", Quarter}}},
		{"year before the quarter", sat, "In the 2020 fourth quarter, the bank broke even.", []want{{"In the 2020 fourth quarter", "2020-Q4", Quarter}}},
		{"the year-ago quarter", sat, "In the year-ago quarter, the bank earned $2 million.", []want{{"In the year-ago quarter", "2021-Q3", Quarter}}},
		{"last year's quarter", sat, "Sales for last year's quarter were weaker.", []want{{"for last year's quarter", "2021-Q3", Quarter}}},
		{"the latest quarter", sat, "Deposits shrank in the latest quarter.", []want{{"in the latest quarter", "2022-Q3", Quarter}}},
		{"first half", sat, "Revenue doubled in the first half.", []want{{"in the first half", "2022-H1", Quarter}}},
		{"second half of a year", sat, "Growth should slow in the second half of 2023.", []want{{"in the second half of 2023", "2023-H2", Quarter}}},
		{"the quarter ended on a day", sat, "Net fell in the quarter ended Sept. 30.", []want{{"in the quarter", "2022-Q3", Quarter}, {"Sept. 30", "2022-09-30", Day}}},
		{"its fiscal quarter", sat, "The brewer lost money in its fiscal first quarter.", []want{{"in its fiscal first quarter", "2022-Q1", Quarter}}},
		{"that quarter counts from the quarter before", sat, "Sales rose in the second quarter of 2021. Costs fell that quarter.", []want{{"in the second quarter of 2021", "2021-Q2", Quarter}, {"that quarter", "2021-Q2", Quarter}}},
		{"a quarter that is no date", sat, "A quarter of the staff left, and half of them returned.", nil},

		{"year not inherited across a clause", "2021-08-04", "The company, founded in March 1998, said the recall would begin on August 16th.", []want{{"in March 1998", "1998-03", Month}, {"on August 16th", "2021-08-16", Day}}},
		{"no tense: the nearest year", "2023-01-13", "Lawmakers have until Feb. 17 to agree.", []want{{"until Feb. 17", "2023-02-17", Day}}},
		{"would have looks back", "2023-01-13", "The bill averted a shutdown that would have begun on Friday.", []want{{"on Friday", "2023-01-13", Day}}},
		{"this weekend after a word ending in a preposition", "2024-10-02", "Forecasters expect more rain this weekend.", []want{{"this weekend", "2024-W40", Week}}},
		{"part of a word is not a modifier", sat, "Nearly October storms hit.", nil},
		{"day range", sat, "The summit ran on October 20-21.", []want{{"on October 20-21", "2022-10-20", Day}}},

		// Publication-day leads.
		{"present perfect lead", sat, "Iran has acknowledged sending drones. It denied sending missiles.", []want{{"has acknowledged", sat, Day}}},
		{"lead with said claims no date phrase", sat, "The mayor said the budget was balanced.", []want{{"", sat, Day}}},
		{"lead and a dated clause", sat, "Iran has acknowledged sending drones, claiming that they arrived before the war broke out in late February.", []want{{"has acknowledged", sat, Day}, {"in late February", "2022-02", Month}}},
		{"a lead's date phrase after its verb dates it", sat, "The mayor has approved the budget, her office said Saturday.", []want{{"Saturday", sat, Day}}},
		{"a lead without a date phrase of its own day keeps its verb", sat, "The mayor has approved the budget, which takes effect on Dec. 1.", []want{{"has approved", sat, Day}, {"on Dec. 1", "2022-12-01", Day}}},
		{"lead dated by its own phrase", sat, "The mayor resigned in May. The council has accepted the resignation.", []want{{"in May", "2022-05", Month}}},
		{"a modal perfect lead is no publication-day event", sat, "Early counts suggest the polls may have missed the result.", nil},
		{"simple past lead", sat, "The mayor resigned.", nil},
		{"a headline in title case is not the lead", sat, "Ten Things the Mayor Has Said About Parking.\nThe council met in May.", []want{{"in May", "2022-05", Month}}},
		{"headline line is not the lead", sat, "Mayor quits\nThe council has accepted the resignation.", []want{{"has accepted", sat, Day}}},

		// No published date: absolute dates resolve, relative ones do not.
		{"unresolved ago", "", "Talks collapsed two weeks ago.", []want{{"two weeks ago", "", About}}},
		{"absolute without publication", "", "The treaty was signed on 5 November 2021.", []want{{"on 5 November 2021", "2021-11-05", Day}}},
		{"month without publication", "", "The strike began in September. Talks collapsed later that month.", []want{{"in September", "", Month}, {"later that month", "", Month}}},
		{"weekday without publication", "", "The council will meet on Friday.", []want{{"on Friday", "", Day}}},
		{"lead without publication", "", "Iran has acknowledged sending drones.", []want{{"has acknowledged", "", Day}}},

		// Not dates.
		{"modal may", sat, "Officials may march to the capital.", nil},
		{"numbers that are not years", sat, "The hall seats 1990 people, cost $2010 and measures 2015.5 square feet.", nil},
		{"a number in a name is no year", sat, "The crew of Flight 1549 landed on the river.", nil},
		{"a programme title is no date", sat, "The minister, speaking on the programme This Week, and on Radio Today, was calm.", nil},
		{"an index level is no year", sat, "The index closed at 2031.4 points.", nil},
		{"last minute", sat, "The delegation pulled out at the last minute.", nil},
		{"spring water", sat, "Spring water is sold here.", nil},
		{"the fall in prices", sat, "Shares rebounded after the fall in prices.", nil},
		{"a decade is no year", sat, "Prices doubled in the 1990s and in the mid-1980s.", nil},
		{"a named day", sat, "Stores opened early on Black Friday and Good Friday.", nil},
		{"fall as a verb", sat, "Prices fall when supply rises.", nil},
		{"one day", sat, "One day they will know.", nil},
		{"names with weekdays, months, seasons and today", sat, "Fans of Saturday Night Live and the \"Super Tuesday\" primary recalled the March on Washington, the start of the Summer Olympics and the ''Today'' show.", nil},
		{"of tomorrow is the future in general", sat, "The college trains the engineers of tomorrow.", nil},
		{"today's world is the present age", sat, "In today's world, few read maps, but today's edition has one.", []want{{"today", sat, Day}}},
		{"a weekday after each or every recurs", sat, "The ferry sails each Thursday, and the market opens every Monday morning.", nil},
		{"weekday nights in the plural recur", sat, "Buses will run on Friday and Saturday nights from Dec. 2.", []want{{"from Dec. 2", "2022-12-02", Day}}},
		{"a plural weekday recurs", sat, "The library now closes early on Sundays.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := corpus.NewDocument("t", "T", day(tt.published), "", "", tt.text)
			var got []want
			for _, e := range Extract(d) {
				got = append(got, want{e.DateText, e.Date, e.Precision})
				if e.Resolved != (e.Date != "") {
					t.Errorf("%q: got resolved %v with date %q", e.DateText, e.Resolved, e.Date)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSummary checks that summaries are the event's clause without the date.
func TestSummary(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"phrase removed", "The EU imposed sanctions last month.", "The EU imposed sanctions"},
		{"date-only clause borrows the next", "In early October, Russia launched airstrikes on cities, officials said.", "Russia launched airstrikes on cities"},
		{"short clause borrows the previous", "The mill's last miller, Tomas Brandt, died on Sunday, July 9, 1961, aged 88.", "Tomas Brandt died"},
		{"dangling words dropped", "Kiev made allegations as early as in September.", "Kiev made allegations"},
		{"thousands separator is not a clause break", "A grant of 200,000 euros was approved two weeks ago.", "A grant of 200,000 euros was approved"},
		{"long clause clipped", "Officials said " + strings.Repeat("the very long negotiations ", 10) + "ended last month.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := corpus.NewDocument("t", "T", day("2022-11-05"), "", "", tt.text)
			events := Extract(d)
			if len(events) == 0 {
				t.Fatalf("got no events from %q", tt.text)
			}
			got := events[len(events)-1].Summary
			if tt.want == "" {
				if len(got) > MaxSummary || !strings.HasSuffix(got, "…") {
					t.Errorf("got %q (%d bytes), want at most %d bytes ending in …", got, len(got), MaxSummary)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
