DROP INDEX IF EXISTS candidates_import_key_idx;
DROP INDEX IF EXISTS vacancies_import_key_idx;
ALTER TABLE candidates DROP COLUMN IF EXISTS import_key;
ALTER TABLE vacancies DROP COLUMN IF EXISTS import_key;
