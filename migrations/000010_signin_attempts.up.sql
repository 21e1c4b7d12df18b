-- Sign-in attempt counts, shared by every replica so that N replicas enforce
-- one limit (auth.SignInLimiter). One row per bucket, as a generic cell rate
-- algorithm: full_at is when the bucket is full again; an attempt is allowed
-- while full_at is at most (burst - 1) intervals ahead, and moves it one
-- interval on. A row past full_at means the same as no row and is pruned.
-- The key is a SHA-256 of the limit's name and what it counts (an address,
-- an account), so no email or address is kept here.
CREATE TABLE signin_attempts (
    key     bytea PRIMARY KEY,
    full_at timestamptz NOT NULL
);
CREATE INDEX signin_attempts_full_at_idx ON signin_attempts (full_at);

-- Keys every replica must share, such as the one that signs device tokens
-- (a browser known to one replica is known to all). Created by the first
-- server that needs one.
CREATE TABLE shared_keys (
    name       text PRIMARY KEY,
    value      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
