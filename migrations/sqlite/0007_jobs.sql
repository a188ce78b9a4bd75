-- Background work shared by every server on this database: a server claims a queued job (or one
-- whose lease ran out because its server died) by setting a lease, renews the lease while it
-- works, and records the end. A job that keeps failing ends as 'failed' after max_attempts.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    max_attempts BIGINT NOT NULL,
    run_after BIGINT NOT NULL,
    lease_until BIGINT,
    worker TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);

CREATE INDEX jobs_ready ON jobs (state, run_after);

-- An uploaded file a job works on (a household CSV), removed when the job ends.
CREATE TABLE job_files (
    job_id BIGINT PRIMARY KEY REFERENCES jobs (id),
    bytes BLOB NOT NULL
);

-- Which job does an import's work, so its page can tell a queued, running or abandoned one.
ALTER TABLE household_imports ADD COLUMN job_id BIGINT;
