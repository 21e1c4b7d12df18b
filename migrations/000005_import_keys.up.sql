-- CSV imports are idempotent: each imported row carries a key (the file's
-- external_id, or a hash of the row), and a row whose key exists is skipped,
-- so re-running the same file duplicates nothing.
ALTER TABLE vacancies ADD COLUMN import_key text;
ALTER TABLE candidates ADD COLUMN import_key text;
CREATE UNIQUE INDEX vacancies_import_key_idx ON vacancies (import_key) WHERE import_key IS NOT NULL;
CREATE UNIQUE INDEX candidates_import_key_idx ON candidates (import_key) WHERE import_key IS NOT NULL;
