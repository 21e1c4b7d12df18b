-- CSV imports as rows, so any replica can show a job's progress and take
-- over a job whose replica died. A job is checked (the report was shown),
-- queued (an admin started it), running (a worker holds its lease), done or
-- failed. A worker claims a queued job, or a running one whose lease has
-- expired, with SELECT ... FOR UPDATE SKIP LOCKED, and renews the lease
-- while it writes. The import commits in one transaction together with the
-- job's "done", and only while the worker still holds the lease: a worker
-- that lost its lease cannot finish the job a second time, and the rows'
-- import keys skip anything already written.
CREATE TABLE import_jobs (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('vacancies', 'candidates')),
    file_name   text NOT NULL,
    actor_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    actor_label text NOT NULL,
    -- The checked records (importer.Report, gob-encoded, title vectors
    -- included); dropped once the job ends.
    records     bytea,
    valid       integer NOT NULL,
    state       text NOT NULL DEFAULT 'checked' CHECK (state IN ('checked', 'queued', 'running', 'done', 'failed')),
    done        integer NOT NULL DEFAULT 0,
    created     integer NOT NULL DEFAULT 0,
    skipped     integer NOT NULL DEFAULT 0,
    request_id  text NOT NULL DEFAULT '',
    lease_owner text,
    lease_until timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_jobs_claimable_idx ON import_jobs (created_at) WHERE state IN ('queued', 'running');
