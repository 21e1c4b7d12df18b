-- jobmatch schema, version 1: accounts, candidates, vacancies, exclusion rules
-- and the audit log. Postgres is the source of truth; the vector index is
-- derived from these tables and can be rebuilt from them at any time.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text NOT NULL CHECK (email <> ''),
    role          text NOT NULL CHECK (role IN ('candidate', 'recruiter', 'admin')),
    -- A PHC-style hash string (algorithm, parameters, salt, hash); never the password.
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Emails are compared case-insensitively: "Ann@X.org" and "ann@x.org" are one account.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Levels are stored as 1..6 for A1..C2 so "at least B2" is a plain >= comparison.
-- Native speakers are stored as C2 (6).
CREATE TABLE candidates (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- A candidate account owns at most one profile; profiles may exist without an
    -- account (imported or demo data).
    user_id        bigint UNIQUE REFERENCES users (id) ON DELETE SET NULL,
    name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    email          text NOT NULL CHECK (email <> ''),
    desired_title  text NOT NULL CHECK (char_length(desired_title) BETWEEN 1 AND 200),
    city           text NOT NULL CHECK (city <> ''),
    country        text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    latitude       double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude      double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    open_to_remote boolean NOT NULL DEFAULT false,
    -- Opt-in: only searchable candidates may be shown to recruiters.
    searchable     boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidates_country_city_idx ON candidates (country, lower(city));

CREATE TABLE candidate_languages (
    candidate_id bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    code         text NOT NULL CHECK (code ~ '^[a-z]{2}$'),
    level        smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
    PRIMARY KEY (candidate_id, code)
);
-- Serves "language L at least level X" filters.
CREATE INDEX candidate_languages_code_level_idx ON candidate_languages (code, level);

CREATE TABLE vacancies (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The recruiter who owns the vacancy; kept when the account goes.
    recruiter_id bigint REFERENCES users (id) ON DELETE SET NULL,
    title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 20000),
    employer     text NOT NULL CHECK (char_length(employer) BETWEEN 1 AND 200),
    remote       boolean NOT NULL DEFAULT false,
    -- A vacancy has a location, or is remote; a remote vacancy may still name one.
    city         text,
    country      text CHECK (country ~ '^[A-Z]{2}$'),
    latitude     double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude    double precision CHECK (longitude BETWEEN -180 AND 180),
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vacancies_location_complete CHECK (
        (city IS NULL AND country IS NULL AND latitude IS NULL AND longitude IS NULL)
        OR (city IS NOT NULL AND country IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL)),
    CONSTRAINT vacancies_location_or_remote CHECK (remote OR city IS NOT NULL)
);
CREATE INDEX vacancies_country_city_idx ON vacancies (country, lower(city));
CREATE INDEX vacancies_recruiter_idx ON vacancies (recruiter_id);

CREATE TABLE vacancy_languages (
    vacancy_id bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    code       text NOT NULL CHECK (code ~ '^[a-z]{2}$'),
    min_level  smallint NOT NULL CHECK (min_level BETWEEN 1 AND 6),
    PRIMARY KEY (vacancy_id, code)
);
CREATE INDEX vacancy_languages_code_level_idx ON vacancy_languages (code, min_level);

-- An admin's correction: queries near anchor A never return results near anchor B.
-- Provenance (who, why, when) is mandatory, as for pkgsite's excluded prefixes.
CREATE TABLE exclusion_rules (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    anchor_a    text NOT NULL CHECK (char_length(anchor_a) BETWEEN 1 AND 200),
    anchor_b    text NOT NULL CHECK (char_length(anchor_b) BETWEEN 1 AND 200),
    -- Cosine similarity thresholds in (0, 1]: "within A's threshold" means similarity >= threshold_a.
    threshold_a real NOT NULL CHECK (threshold_a > 0 AND threshold_a <= 1),
    threshold_b real NOT NULL CHECK (threshold_b > 0 AND threshold_b <= 1),
    reason      text NOT NULL CHECK (reason <> ''),
    created_by  bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    enabled     boolean NOT NULL DEFAULT true
);

-- Who did what to which record, when. actor_label keeps the name readable after
-- the account is deleted; detail holds a small JSON summary, never secrets.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    actor_label text NOT NULL,
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   bigint,
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);
