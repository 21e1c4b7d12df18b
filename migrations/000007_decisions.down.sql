DROP TABLE decisions;
DROP FUNCTION record_decision_change();
DELETE FROM index_changes WHERE entity IN ('vacancy_decisions', 'candidate_decisions');
ALTER TABLE index_changes DROP CONSTRAINT index_changes_entity_check;
ALTER TABLE index_changes ADD CONSTRAINT index_changes_entity_check
    CHECK (entity IN ('candidate', 'vacancy', 'exclusion_rule'));
