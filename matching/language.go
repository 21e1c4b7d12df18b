package matching

import (
	"fmt"
	"sort"
)

// LanguageSkill is one language with a CEFR level. For a candidate it is what
// they speak; for a vacancy it is the minimum level required.
type LanguageSkill struct {
	Code  LanguageCode `json:"code"`
	Level Level        `json:"level"`
}

// String formats the skill as "German C1".
func (s LanguageSkill) String() string { return s.Code.Name() + " " + s.Level.String() }

// LanguageInput is a language as typed by a user, before parsing.
type LanguageInput struct {
	Code  string `json:"code"`
	Level string `json:"level"`
}

// maxLanguages bounds the list so one profile cannot bloat the index payload.
const maxLanguages = 20

// parseLanguages turns user input into skills, reporting problems under
// field[i].code / field[i].level. Duplicated codes are refused rather than
// silently merged, because the user should decide which level is right.
func parseLanguages(p *problems, field string, in []LanguageInput) []LanguageSkill {
	if len(in) > maxLanguages {
		p.add(field, fmt.Sprintf("list at most %d languages", maxLanguages))
		return nil
	}
	out := make([]LanguageSkill, 0, len(in))
	seen := map[LanguageCode]bool{}
	for i, l := range in {
		code, err := ParseLanguageCode(l.Code)
		p.addErr(fmt.Sprintf("%s[%d].code", field, i), err)
		level, lerr := ParseLevel(l.Level)
		p.addErr(fmt.Sprintf("%s[%d].level", field, i), lerr)
		if err != nil || lerr != nil {
			continue
		}
		if seen[code] {
			p.add(fmt.Sprintf("%s[%d].code", field, i), fmt.Sprintf("%s is listed twice; keep one level per language", code.Name()))
			continue
		}
		seen[code] = true
		out = append(out, LanguageSkill{code, level})
	}
	sortSkills(out)
	return out
}

func sortSkills(s []LanguageSkill) {
	sort.Slice(s, func(i, j int) bool { return s[i].Code < s[j].Code })
}

// LevelOf returns the level for code, or 0 when the language is not listed.
func LevelOf(skills []LanguageSkill, code LanguageCode) Level {
	for _, s := range skills {
		if s.Code == code {
			return s.Level
		}
	}
	return 0
}

// MeetsAll reports whether skills satisfy every requirement (code at least level).
func MeetsAll(skills, required []LanguageSkill) bool {
	for _, r := range required {
		if !LevelOf(skills, r.Code).AtLeast(r.Level) {
			return false
		}
	}
	return true
}
