-- Training runs of the admins' model page as rows, so every replica shows a
-- run's progress and result, and no two replicas train at once. The server
-- running a run holds a lease on it and renews it while it trains; a run
-- whose lease expired (its server died) is marked failed by whoever looks
-- next, and is not resumed: it can simply be started again.
CREATE TABLE training_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    stage       text NOT NULL,
    progress    double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    finished_at timestamptz,
    error       text NOT NULL DEFAULT '',
    version     text NOT NULL DEFAULT '', -- the model version it recorded
    server      text NOT NULL,            -- the server training it
    lease_until timestamptz
);
-- At most one run is unfinished: a second start, on any replica, violates it.
CREATE UNIQUE INDEX training_runs_one_unfinished ON training_runs ((true)) WHERE finished_at IS NULL;
