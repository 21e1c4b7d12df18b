-- Decisions on matches: a recruiter marks a candidate a good fit or not a fit
-- for a vacancy; a candidate marks a position interesting or not for them.
-- One current decision per side and pair (a new one replaces it; the audit
-- log keeps the history). Both titles and the model versions of both vectors
-- are kept, because training learns from the titles as they were decided on.
-- Erasing a candidate erases their decisions (ON DELETE CASCADE).
CREATE TABLE decisions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vacancy_id      bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    candidate_id    bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    side            text NOT NULL CHECK (side IN ('recruiter', 'candidate')),
    decision        text NOT NULL CHECK (decision IN ('good_fit', 'not_a_fit', 'interested', 'not_for_me')),
    reason          text NOT NULL DEFAULT '' CHECK (char_length(reason) <= 500),
    decided_by      bigint REFERENCES users (id) ON DELETE SET NULL,
    decided_at      timestamptz NOT NULL DEFAULT now(),
    vacancy_title   text NOT NULL,
    candidate_title text NOT NULL,
    vacancy_model   text NOT NULL DEFAULT '',
    candidate_model text NOT NULL DEFAULT '',
    CHECK ((side = 'recruiter') = (decision IN ('good_fit', 'not_a_fit'))),
    UNIQUE (vacancy_id, candidate_id, side)
);
CREATE INDEX decisions_candidate_idx ON decisions (candidate_id);
CREATE INDEX decisions_decided_at_idx ON decisions (decided_at);

-- A decision changes whom a vacancy's or a candidate's list leaves out, so
-- the index's catch-up hears of it like any indexed row: as a change to the
-- decisions of the vacancy and of the candidate.
ALTER TABLE index_changes DROP CONSTRAINT index_changes_entity_check;
ALTER TABLE index_changes ADD CONSTRAINT index_changes_entity_check
    CHECK (entity IN ('candidate', 'vacancy', 'exclusion_rule', 'vacancy_decisions', 'candidate_decisions'));

CREATE FUNCTION record_decision_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d decisions;
BEGIN
    IF TG_OP = 'DELETE' THEN d := OLD; ELSE d := NEW; END IF;
    INSERT INTO index_changes (entity, entity_id) VALUES ('vacancy_decisions', d.vacancy_id), ('candidate_decisions', d.candidate_id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER decisions_index_change AFTER INSERT OR UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION record_decision_change();
