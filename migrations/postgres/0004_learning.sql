-- Learning: progress events, quiz attempts and certificates.

-- What a learner did in a lesson. `event_id` is made by the client (the page's form carries it),
-- so a retried or replayed submission is stored once.
CREATE TABLE progress_events (
    user_id BIGINT NOT NULL REFERENCES users (id),
    event_id TEXT NOT NULL,
    lesson_id TEXT NOT NULL REFERENCES lessons (id),
    kind TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);

CREATE INDEX progress_events_lesson ON progress_events (user_id, lesson_id);

-- Every graded quiz: a lesson's quiz or a module test.
CREATE TABLE quiz_attempts (
    user_id BIGINT NOT NULL REFERENCES users (id),
    event_id TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    correct BIGINT NOT NULL,
    total BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    answers TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (user_id, event_id)
);

CREATE INDEX quiz_attempts_target ON quiz_attempts (user_id, target_kind, target_id);

-- One certificate per learner per course version, signed with the server's Ed25519 key.
CREATE TABLE certificates (
    code TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    course_id TEXT NOT NULL REFERENCES courses (id),
    course_version TEXT NOT NULL,
    payload TEXT NOT NULL,
    signature TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    region_id BIGINT REFERENCES regions (id),
    revoked_at BIGINT,
    revoked_reason TEXT,
    UNIQUE (user_id, course_id, course_version)
);
