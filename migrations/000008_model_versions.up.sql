-- Title-encoder model versions: every model the admins may promote, with its
-- manifest (metrics on every evaluation suite, the training data counts and
-- time range, the feedback it learnt from) and who trained and promoted it.
-- At most one is current: the model the servers run. dir is where its files
-- are; empty for the model built into the binary, which stays the default.
CREATE TABLE model_versions (
    version     text PRIMARY KEY,
    manifest    jsonb NOT NULL,
    dir         text NOT NULL DEFAULT '',
    trained_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    promoted_by bigint REFERENCES users (id) ON DELETE SET NULL,
    promoted_at timestamptz,
    current     boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX model_versions_one_current ON model_versions (current) WHERE current;
