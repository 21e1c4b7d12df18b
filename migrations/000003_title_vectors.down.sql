DROP TRIGGER IF EXISTS exclusion_rules_index_change ON exclusion_rules;
DROP TRIGGER IF EXISTS vacancies_index_change ON vacancies;
DROP TRIGGER IF EXISTS candidates_index_change ON candidates;
DROP FUNCTION IF EXISTS record_index_change();
DROP TABLE IF EXISTS index_changes;
ALTER TABLE exclusion_rules DROP COLUMN IF EXISTS anchor_a_vector, DROP COLUMN IF EXISTS anchor_b_vector, DROP COLUMN IF EXISTS model_version;
ALTER TABLE vacancies DROP COLUMN IF EXISTS title_vector, DROP COLUMN IF EXISTS title_confidence, DROP COLUMN IF EXISTS model_version;
ALTER TABLE candidates DROP COLUMN IF EXISTS title_vector, DROP COLUMN IF EXISTS title_confidence, DROP COLUMN IF EXISTS model_version;
