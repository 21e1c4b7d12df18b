DROP TABLE IF EXISTS audit_log;
DROP TABLE IF EXISTS exclusion_rules;
DROP TABLE IF EXISTS vacancy_languages;
DROP TABLE IF EXISTS vacancies;
DROP TABLE IF EXISTS candidate_languages;
DROP TABLE IF EXISTS candidates;
DROP TABLE IF EXISTS users;
