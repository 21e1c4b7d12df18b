package postgres

import "jobmatch/matching"

// splitSkills turns skills into parallel arrays for unnest($n::text[], $m::smallint[]).
func splitSkills(skills []matching.LanguageSkill) (codes []string, levels []int16) {
	codes = make([]string, len(skills))
	levels = make([]int16, len(skills))
	for i, s := range skills {
		codes[i], levels[i] = string(s.Code), int16(s.Level)
	}
	return codes, levels
}

// joinSkills is the inverse of splitSkills, for rows read back.
func joinSkills(codes []string, levels []int16) []matching.LanguageSkill {
	out := make([]matching.LanguageSkill, len(codes))
	for i := range codes {
		out[i] = matching.LanguageSkill{Code: matching.LanguageCode(codes[i]), Level: matching.Level(levels[i])}
	}
	return out
}

// likePattern escapes s for a LIKE ... ESCAPE '\' "contains" match, so a user's
// "%" or "_" is matched literally.
func likePattern(s string) string {
	var b []byte
	b = append(b, '%')
	for i := 0; i < len(s); i++ {
		if s[i] == '%' || s[i] == '_' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(append(b, '%'))
}
