package web

import (
	"strconv"
	"time"

	"jobmatch/matching"
	"jobmatch/views/components"
	"jobmatch/views/pages"
)

const dateFormat = "2 Jan 2006"

func skills(ls []matching.LanguageSkill) []components.Skill {
	out := make([]components.Skill, len(ls))
	for i, l := range ls {
		out[i] = components.Skill{Language: l.Code.Name(), Level: l.Level.String()}
	}
	return out
}

func vacancyURL(id int64) string   { return "/vacancies/" + strconv.FormatInt(id, 10) }
func candidateURL(id int64) string { return "/candidates/" + strconv.FormatInt(id, 10) }

func vacancyRow(v matching.Vacancy) pages.VacancyRow {
	return pages.VacancyRow{
		URL: vacancyURL(v.ID), Title: v.Title, Employer: v.Employer, Location: v.Location.String(),
		Remote: v.Remote, Closed: v.Status == matching.StatusClosed, Languages: skills(v.Languages),
		Posted: v.CreatedAt.Format(dateFormat),
	}
}

func candidateRow(c matching.Candidate) pages.CandidateRow {
	return pages.CandidateRow{
		URL: candidateURL(c.ID), Name: c.Name, DesiredTitle: c.DesiredTitle, Location: c.Location.String(),
		OpenToRemote: c.OpenToRemote, Languages: skills(c.Languages),
	}
}

func formatTime(t time.Time) string { return t.Format("2 Jan 2006, 15:04 MST") }
