-- A recruiter's shortlist per vacancy: candidates they want to contact.
CREATE TABLE shortlists (
    vacancy_id   bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    -- Erasing a candidate removes them from every shortlist.
    candidate_id bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    added_by     bigint REFERENCES users (id) ON DELETE SET NULL,
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (vacancy_id, candidate_id)
);
CREATE INDEX shortlists_candidate_idx ON shortlists (candidate_id);
