package newssite

import "time"

// Bridge is a sample story: a swing bridge reopens after repairs.
var Bridge = Story{
	Path: "/2025/03/bridge-reopens", Title: "Swing bridge reopens after a year of repairs",
	Published: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC),
	Paras: []string{
		"The swing bridge over the Mardle canal reopened to traffic on Tuesday after twelve months of repairs.",
		"The county engineer, Priya Lomax, said the repairs cost 2.1 million pounds, slightly less than budgeted.",
		"Boats will again pass through the bridge every hour between 8am and 6pm, the canal trust said.",
		"Shopkeepers on Quay Street said trade had fallen by a third while the bridge was closed.",
		"The bridge, built in 1887, had been stuck in the open position since a gearbox failed last March.",
		"Engineers replaced the gearbox, the timber deck and two of the four bearings, Lomax said.",
		"Residents of the east bank had faced a detour of almost three miles to reach the town centre.",
		"The canal trust said it would run a small festival on the towpath next month to mark the reopening.",
	},
}

// Lighthouse is a sample story: a lighthouse gets a keeper.
var Lighthouse = Story{
	Path: "/2025/03/lighthouse-keeper", Title: "Lighthouse gets its first keeper in forty years",
	Published: time.Date(2025, 3, 9, 9, 0, 0, 0, time.UTC),
	Paras: []string{
		"The Skarn Point lighthouse has a resident keeper again for the first time in forty years.",
		"Tomas Vell, a retired fisherman, will live in the keeper's cottage and guide visitors from May.",
		"The heritage trust said 9,000 people visited the lighthouse last summer without any guide.",
		"The light itself has been automatic since 1985 and will stay so, the coastguard said.",
		"Vell said he had watched the lamp from his boat for most of his working life and was glad to look after it.",
		"The trust raised the money for the keeper's post from a public appeal that drew more than 1,200 donors.",
		"Tours of the tower will run twice a day, weather permitting, and tickets will cost five pounds.",
	},
}
