package whosaid

import "strings"

// A modest list of common given names by gender, drawn from many languages,
// so a pronoun can be matched to the right person. It is a generic resource:
// a name missing from it only leaves that person's gender unknown until a
// pronoun or an honorific settles it.
var (
	maleNames = set(
		"aaron", "abdul", "abdullah", "adam", "adrian", "ahmed", "ahmad", "alan", "albert", "alejandro", "alex", "alexander",
		"alexei", "ali", "amir", "anders", "andre", "andrew", "andrei", "andrzej", "angel", "anthony", "antonio", "arjun",
		"arthur", "ashok", "ben", "benjamin", "bernard", "bill", "bob", "boris", "brian", "bruce", "carl", "carlos", "charles",
		"chris", "christian", "christopher", "colin", "daniel", "david", "dennis", "diego", "dmitry", "dmitri", "donald",
		"douglas", "edward", "emmanuel", "eric", "erik", "felipe", "fernando", "francis", "francisco", "frank", "fred",
		"gary", "george", "gerald", "giorgio", "giuseppe", "gordon", "greg", "gregory", "hamid", "hans", "harry", "hassan",
		"henry", "hossein", "hugo", "ian", "ibrahim", "igor", "ivan", "jack", "jacob", "jacques", "james", "jamal", "jan",
		"javier", "jean", "jeff", "jeffrey", "jens", "jerome", "jim", "joe", "johan", "john", "jonathan", "jorge", "jose",
		"joseph", "juan", "karim", "karl", "keith", "ken", "kenneth", "kevin", "khalid", "kim", "klaus", "kofi", "kumar",
		"larry", "lars", "lee", "leo", "luis", "luca", "lukas", "mahmoud", "malik", "marco", "mark", "martin", "mateo",
		"matthew", "michael", "miguel", "mikhail", "mohammed", "mohammad", "muhammad", "mustafa", "nasser", "nicholas",
		"nikolai", "nikolay", "oleg", "oliver", "olaf", "omar", "oscar", "pablo", "patrick", "paul", "pedro", "peter",
		"philip", "pierre", "rahul", "raj", "rajesh", "ramon", "ravi", "reza", "richard", "robert", "roberto", "roger",
		"ronald", "rudolf", "ryan", "salman", "sam", "samuel", "sanjay", "scott", "sebastian", "sergei", "sergey",
		"simon", "stefan", "stephen", "steven", "suresh", "tariq", "thomas", "tim", "timothy", "tom", "tony", "viktor",
		"victor", "vijay", "vikram", "vladimir", "volodymyr", "walter", "william", "xavier", "yousef", "yusuf",
		"yuri", "hiroshi", "kenji", "takeshi", "jun", "hyun", "emeka", "chidi", "kwame", "tunde", "mehmet", "recep", "ahmet",
		"moshe", "yitzhak", "benny", "naftali", "olaf", "emmanuel", "rishi", "narendra", "joaquin", "rafael", "gabriel",
		"tobias", "felix", "max", "noah", "liam", "ethan", "lucas", "mason", "logan", "owen", "hamza", "farid", "marek",
		"piotr", "tomasz", "pavel", "petr", "jakub", "luka", "milan", "dragan", "nikos", "giorgos", "dimitris", "kostas",
		"nikita", "luca", "joshua", "ilya", "sasha", "mustafa", "musa", "yahya", "krishna", "akira", "ryota", "shota",
		"ajay", "amit", "anil", "sunil", "rohit", "arun", "deepak", "manoj", "sandeep", "vivek", "imran", "faisal",
		"juma", "elia", "andrea", "costa", "garcia", "silva", "souza", "moussa", "attila", "jonah", "noa", "barack",
	)
	femaleNames = set(
		"aisha", "alice", "alicia", "amanda", "amelia", "amina", "ana", "anna", "angela", "angelina", "anita", "ann", "anne",
		"annalena", "ashley", "barbara", "beatriz", "betty", "brenda", "camila", "carla", "carmen", "carol", "caroline",
		"catherine", "charlotte", "chloe", "christina", "christine", "claire", "claudia", "cristina", "deborah", "deepa",
		"diana", "donna", "dorothy", "elena", "elizabeth", "ella", "ellen", "emily", "emma", "eva", "fatima", "fiona",
		"francesca", "gabriela", "giulia", "grace", "hannah", "helen", "helena", "ingrid", "irina", "isabel", "isabella",
		"jacinda", "jane", "janet", "jennifer", "jessica", "joan", "joanna", "julia", "julie", "karen", "katarzyna", "kate",
		"katherine", "kathleen", "kavita", "kimberly", "kristina", "laura", "layla", "leila", "linda", "lisa", "liz", "lucia",
		"lucy", "maria", "marie", "marina", "marine", "margaret", "martha", "mary", "maya", "megan", "melissa", "mia",
		"michelle", "nadia", "nancy", "natalia", "natalie", "natasha", "nicola", "nicole", "nina", "olena", "olga",
		"olivia", "patricia", "paula", "priya", "rachel", "rebecca", "rosa", "ruth", "sandra", "sara", "sarah", "sharon",
		"sofia", "sophia", "sophie", "sunita", "susan", "svetlana", "tanya", "tatiana", "teresa", "ursula", "valentina",
		"vanessa", "victoria", "yulia", "zainab", "zara", "yuki", "keiko", "mei", "ling", "ngozi", "chioma", "ama",
		"ayesha", "meera", "ananya", "lakshmi", "kamala", "hillary", "nikki", "giorgia", "kaja", "liz", "theresa", "margrethe",
		"mette", "sanna", "magdalena", "agnieszka", "ewa", "marta", "lena", "greta", "heidi", "astrid", "sigrid", "ines",
		"lucie", "amelie", "chiara", "elisa", "rania", "noura", "samira", "yasmin", "zeynep", "elif", "hadas", "tamar",
		"miriam", "esther", "abigail", "zoe", "ava", "harper", "evelyn", "madison", "lily", "ruby", "freya", "maeve",
	)
)

// givenNameGender returns 'm' or 'f' for a known given name, 0 otherwise.
func givenNameGender(name string) byte {
	n := strings.ToLower(name)
	switch {
	case maleNames[n]:
		return 'm'
	case femaleNames[n]:
		return 'f'
	}
	return 0
}

// fullNameGender guesses the gender of a full name ("Kristalina
// Georgieva") from its given name: a known one, or else one ending in -a,
// a woman's in most European languages (the male exceptions are in
// maleNames). A single word ("Russia") is not judged by its ending.
func fullNameGender(parts []string) byte {
	if g := givenNameGender(parts[0]); g != 0 || len(parts) < 2 {
		return g
	}
	n := strings.ToLower(parts[0])
	if len(n) > 3 && strings.HasSuffix(n, "a") && !strings.Contains(n, "-") {
		return 'f'
	}
	return 0
}
