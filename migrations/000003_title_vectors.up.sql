-- Title vectors and the change log that keeps the in-process vector index in
-- step with Postgres.
--
-- Each searchable row stores its title vector, the encoder's confidence and
-- the model version that produced them. WARNING: vectors from different model
-- versions are not comparable; when the model changes, jobmatch re-encodes
-- every row whose model_version differs before it serves searches from them.

ALTER TABLE candidates
    ADD COLUMN title_vector     real[],
    ADD COLUMN title_confidence real,
    ADD COLUMN model_version    text;
ALTER TABLE vacancies
    ADD COLUMN title_vector     real[],
    ADD COLUMN title_confidence real,
    ADD COLUMN model_version    text;
ALTER TABLE exclusion_rules
    ADD COLUMN anchor_a_vector real[],
    ADD COLUMN anchor_b_vector real[],
    ADD COLUMN model_version   text;

-- index_changes records which rows changed, by the transaction that changed
-- them. The index remembers the oldest transaction still running when it last
-- caught up (pg_snapshot_xmin) and replays every change from that
-- transaction on: a change committed late by a long transaction is never
-- skipped, and replaying a change twice is harmless (the row is re-read).
CREATE TABLE index_changes (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity    text NOT NULL CHECK (entity IN ('candidate', 'vacancy', 'exclusion_rule')),
    entity_id bigint NOT NULL,
    xid       bigint NOT NULL DEFAULT (pg_current_xact_id()::text)::bigint
);
CREATE INDEX index_changes_xid_idx ON index_changes (xid);

CREATE FUNCTION record_index_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO index_changes (entity, entity_id) VALUES (TG_ARGV[0], OLD.id);
    ELSE
        INSERT INTO index_changes (entity, entity_id) VALUES (TG_ARGV[0], NEW.id);
    END IF;
    RETURN NULL;
END;
$$;

-- Triggers, not application code, record changes: every writer (web, API,
-- seeding, imports, psql) is covered. Language rows change only together
-- with their parent row, whose trigger records the change.
CREATE TRIGGER candidates_index_change AFTER INSERT OR UPDATE OR DELETE ON candidates
    FOR EACH ROW EXECUTE FUNCTION record_index_change('candidate');
CREATE TRIGGER vacancies_index_change AFTER INSERT OR UPDATE OR DELETE ON vacancies
    FOR EACH ROW EXECUTE FUNCTION record_index_change('vacancy');
CREATE TRIGGER exclusion_rules_index_change AFTER INSERT OR UPDATE OR DELETE ON exclusion_rules
    FOR EACH ROW EXECUTE FUNCTION record_index_change('exclusion_rule');
