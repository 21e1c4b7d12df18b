package matching

// Occupation is a reference occupation, such as an ESCO occupation, with
// its ISCO-08 unit group code. The title map names regions of the title
// space by the nearest reference occupation.
type Occupation struct {
	Label string // preferred label, e.g. "nurse responsible for general care"
	ISCO  string // ISCO-08 code, e.g. "2221"; its first digit is the major group
}

// MajorGroup is the ISCO-08 major group of o (0–9), or -1 when its code
// does not start with a digit.
func (o Occupation) MajorGroup() int {
	if o.ISCO == "" || o.ISCO[0] < '0' || o.ISCO[0] > '9' {
		return -1
	}
	return int(o.ISCO[0] - '0')
}

// ISCOMajorGroups names the ten ISCO-08 major groups by their digit.
var ISCOMajorGroups = [10]string{
	"Armed forces occupations",
	"Managers",
	"Professionals",
	"Technicians and associate professionals",
	"Clerical support workers",
	"Service and sales workers",
	"Skilled agricultural, forestry and fishery workers",
	"Craft and related trades workers",
	"Plant and machine operators and assemblers",
	"Elementary occupations",
}
