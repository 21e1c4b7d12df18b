// Package matching holds jobmatch's domain: candidates, vacancies, languages
// with CEFR levels, locations, exclusion rules, users and audit entries, and
// (in matching/engine) the search pipeline. It imports no web, database
// or model framework, so every adapter speaks in these types.
package matching
