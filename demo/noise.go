package demo

// Job-ad decoration, per language: what ads and people add around a job title.
// Written for jobmatch from how ads in each market read, not copied from a
// dataset. The title language decides seniority words and abbreviations; the
// ad's country decides gender markers, contract words and urgency, because a
// German ad writes "(m/w/d)" and "Vollzeit" after an English title too.

// seniority holds the level words put before (prefix) or after (postfix) a
// title. French and Spanish ads often put "Senior" after the title.
type seniority struct{ prefix, postfix []string }

var seniorityWords = map[string]seniority{
	"en": {
		prefix: []string{"Senior", "Senior", "Sr.", "Sr", "Junior", "Junior", "Jr.", "Lead", "Principal", "Staff",
			"Trainee", "Intern", "Graduate", "Mid-level", "Entry Level", "Experienced", "Assistant"},
		postfix: []string{"II", "III", "I", "- Senior", "(Junior)"},
	},
	"de": {
		prefix: []string{"Senior", "Senior", "Junior", "Junior", "Sr.", "Werkstudent", "Praktikant", "Azubi", "Aushilfe",
			"Stellv.", "Teamleiter", "Erfahrener", "Quereinsteiger"},
		postfix: []string{"mit Berufserfahrung", "- Quereinsteiger willkommen", "(Senior)", "(Junior)"},
	},
	"fr": {
		prefix:  []string{"Senior", "Junior", "Stagiaire", "Alternant", "Apprenti", "Stage -", "Alternance -"},
		postfix: []string{"Senior", "Junior", "confirmé", "expérimenté", "- débutant accepté", "en alternance"},
	},
	"es": {
		prefix:  []string{"Senior", "Junior", "Becario/a", "Becario", "Prácticas -"},
		postfix: []string{"Senior", "Junior", "Sr.", "Jr.", "con experiencia", "sin experiencia", "en prácticas"},
	},
}

// abbreviationsByLang are the short forms ads use for whole words, per
// language; English ones also apply to English words inside local titles
// ("Senior Marketing Manager" in a German ad). Several forms means ads vary.
var abbreviationsByLang = map[string]map[string][]string{
	"en": {
		"Developer": {"Dev", "Dev"}, "Engineer": {"Eng.", "Engr"}, "Manager": {"Mgr", "Mngr"}, "Assistant": {"Asst.", "Asst"},
		"Senior": {"Sr.", "Sr"}, "Junior": {"Jr.", "Jr"}, "Representative": {"Rep"}, "Administrator": {"Admin"},
		"Administrative": {"Admin"}, "Specialist": {"Spec."}, "Technician": {"Tech"}, "Department": {"Dept."},
		"Operations": {"Ops"}, "Customer": {"Cust."}, "Management": {"Mgmt"}, "Coordinator": {"Coord."},
		"Director": {"Dir."}, "Executive": {"Exec."}, "Supervisor": {"Supv."}, "Maintenance": {"Maint."},
	},
	"de": {
		"Sachbearbeiter": {"SB"}, "Mitarbeiter": {"MA", "Mitarb."}, "Geschäftsführer": {"GF"}, "Ingenieur": {"Ing."},
		"Kaufmann": {"Kfm."}, "Kauffrau": {"Kffr."}, "Kaufmännischer": {"Kfm.", "kaufm."}, "Assistent": {"Ass."},
		"Techniker": {"Techn."}, "Leiter": {"Ltr."}, "Verwaltung": {"Verw."}, "Buchhaltung": {"Buchh."},
	},
	"fr": {
		"Responsable": {"resp.", "Resp."}, "Assistant": {"Asst.", "Ass."}, "Assistante": {"Asst."}, "Ingénieur": {"Ing."},
		"Technicien": {"Tech.", "Techn."}, "Commercial": {"Cial"}, "Développeur": {"Dév.", "Dev"}, "Directeur": {"Dir."},
		"administratif": {"admin."}, "Administrateur": {"Admin"},
	},
	"es": {
		"Ingeniero": {"Ing."}, "Técnico": {"Téc.", "Tco."}, "Auxiliar": {"Aux."}, "Administrativo": {"Admvo.", "Admin."},
		"Coordinador": {"Coord."}, "Responsable": {"Resp.", "resp."}, "Desarrollador": {"Dev", "Desarr."}, "Director": {"Dir."},
		"Administrador": {"Admin"},
	},
}

// compoundAbbreviations shorten the end of German compounds
// ("Bankkaufmann" → "Bankkfm.").
var compoundAbbreviations = []struct{ suffix, short string }{
	{"kaufmann", "kfm."}, {"kauffrau", "kffr."},
}

// germanGenderForms are the ways German ads mark the feminine form on the
// noun itself ("Entwickler/in", "Entwickler:in", "Entwickler*in", "EntwicklerIn").
var germanGenderForms = []string{"/in", "/in", ":in", "*in", "In", "/-in"}

// adWords are the decorations of one job-ad market.
type adWords struct {
	gender     []string // gender markers, repeated entries weigh more
	genderRate float64  // share of ads carrying one
	contract   []string // employment type and hours
	urgent     []string // after the title
	urgentPre  []string // before the title ("Se busca Camarero")
	remote     []string
	locSeps    []string // how the city is attached ("- Berlin", "| Madrid", "in Köln")
}

var adMarkets = map[string]adWords{
	"en": {
		gender:     []string{"(m/f/d)", "(f/m/x)", "(all genders)", "(m/f)"},
		genderRate: 0.05,
		contract:   []string{"full-time", "- Full Time", "part-time", "(Part Time)", "- Permanent", "- Contract", "(Temp)", "- Fixed Term", "- Nights", "Weekend"},
		urgent:     []string{"- urgent", "URGENT", "- immediate start", "immediate start", "needed", "wanted", "ASAP"},
		urgentPre:  []string{"Urgently Required:", "Hiring:", "We're hiring:"},
		remote:     []string{"- Remote", "(Remote)", "100% remote", "- Hybrid", "(remote, EU)"},
		locSeps:    []string{" - ", " | ", " – ", " in ", " - "},
	},
	"de": {
		gender:     []string{"(m/w/d)", "(m/w/d)", "(m/w/d)", "(m/w/d)", "(w/m/d)", "(m/f/d)", "(d/m/w)", "(m/w/x)", "(gn)", "m/w/d"},
		genderRate: 0.5,
		contract:   []string{"Vollzeit", "(Vollzeit)", "in Vollzeit", "Teilzeit", "(Teilzeit)", "in Voll- oder Teilzeit", "(Vollzeit/Teilzeit)", "Minijob", "(Minijob)", "auf Minijob-Basis", "- unbefristet", "befristet", "20 Std./Woche"},
		urgent:     []string{"ab sofort", "- ab sofort", "gesucht", "dringend gesucht", "zum nächstmöglichen Zeitpunkt"},
		remote:     []string{"- Remote", "(remote)", "- Homeoffice möglich", "(100% Homeoffice)", "- hybrid"},
		locSeps:    []string{" - ", " in ", " | ", " – ", " - "},
	},
	"fr": {
		gender:     []string{"(H/F)", "(H/F)", "(H/F)", "(F/H)", "H/F", "(h/f)", "(H/F/X)"},
		genderRate: 0.45,
		contract:   []string{"CDI", "- CDI", "(CDI)", "CDD", "- CDD 6 mois", "temps plein", "- temps plein", "temps partiel", "CDI temps plein", "- Intérim", "en alternance"},
		urgent:     []string{"urgent", "- URGENT", "- poste à pourvoir immédiatement", "- dès que possible"},
		remote:     []string{"- Télétravail", "(télétravail partiel)", "- Full remote", "- hybride"},
		locSeps:    []string{" - ", " | ", " à ", " – ", " - "},
	},
	"es": {
		gender:     []string{"(h/m)", "(m/f)", "(H/M)", "(m/h)"},
		genderRate: 0.12,
		contract:   []string{"jornada completa", "- jornada completa", "media jornada", "jornada parcial", "- contrato indefinido", "(indefinido)", "fines de semana", "temporada de verano"},
		urgent:     []string{"urgente", "- URGENTE", "- incorporación inmediata", "incorporación inmediata"},
		urgentPre:  []string{"Se busca", "Se necesita", "Se precisa"},
		remote:     []string{"- Remoto", "(teletrabajo)", "- 100% remoto", "- híbrido"},
		locSeps:    []string{" - ", " | ", " en ", " – ", " | "},
	},
}

// marketOf is the job-ad market of a country: the language its ads decorate
// titles in. Swiss ads follow the title's language (German or French).
func marketOf(country, titleLang string) string {
	switch country {
	case "DE", "AT":
		return "de"
	case "CH":
		if titleLang == "fr" {
			return "fr"
		}
		return "de"
	case "FR", "BE":
		return "fr"
	case "ES":
		return "es"
	}
	return "en"
}

// localTitleShare is, per country, the percentage of titles written in a
// local language we have titles for; the rest are English, as international
// employers and IT ads write them. Countries not listed use English titles.
// Immigrants may still name their job in their own language (see candidate).
var localTitleShare = map[string][]struct {
	lang    string
	percent int
}{
	"DE": {{"de", 62}}, "AT": {{"de", 68}}, "CH": {{"de", 45}, {"fr", 25}},
	"FR": {{"fr", 70}}, "BE": {{"fr", 40}}, "ES": {{"es", 72}},
	"US": {{"es", 6}}, // ads for Spanish speakers in the US
}

// localCityNames are the names ads in the local language use for a city.
var localCityNames = map[string]string{
	"Munich": "München", "Cologne": "Köln", "Nuremberg": "Nürnberg", "Frankfurt am Main": "Frankfurt",
	"Vienna": "Wien", "Zurich": "Zürich", "Geneva": "Genève", "Seville": "Sevilla",
	"Brussels": "Bruxelles", "Antwerp": "Anvers", "Ghent": "Gand",
}

// showcase vacancies have fixed titles so that the searches the README and
// issues talk about ("Sr. Golang Dev", "Pflegefachkraft", "Enfermera") find
// the same neighbours in every demo database. Each is spread over the
// generated vacancies at a fixed position; everything else about it (employer,
// languages, description) is generated as usual. occupation is the canonical
// English title; city "" means any city of the country.
var showcase = []struct {
	title, occupation, country, city string
}{
	{"Golang Developer", "Go Developer", "DE", "Berlin"},
	{"Pflegefachkraft", "Registered Nurse", "DE", ""},
	{"Staff Go Developer", "Go Developer", "NL", ""},
	{"Nurse", "Registered Nurse", "IE", ""},
	{"Sr. Golang Dev", "Go Developer", "GB", "London"},
	{"Staff Nurse", "Registered Nurse", "GB", ""},
	{"Enfermera", "Registered Nurse", "ES", ""},
	{"Infirmière (h/f)", "Registered Nurse", "FR", ""},
	{"Desarrollador Golang Sr.", "Go Developer", "ES", "Barcelona"},
	{"Pflegefachkraft (m/w/d) Vollzeit ab sofort", "Registered Nurse", "AT", ""},
	{"Développeur Go (H/F) - CDI", "Go Developer", "FR", "Paris"},
	{"Enfermero/a (h/m) - jornada completa", "Registered Nurse", "ES", "Madrid"},
	{"Sr. Go Eng. - Remote", "Go Developer", "US", ""},
	{"Gesundheits- und Krankenpfleger/in", "Registered Nurse", "CH", "Zurich"},
	{"IDE - Infirmier/ère (H/F) | Lyon", "Registered Nurse", "FR", "Lyon"},
	{"Jefe de ventas | Madrid", "Sales Manager", "ES", "Madrid"},
	{"Camarero/a - incorporación inmediata", "Waiter", "ES", ""},
	{"Kfm. Angestellter (m/w/d) in Teilzeit", "Administrative Assistant", "DE", ""},
}
