-- The questions (and the order of their choices) one learner was given on one module-test page:
-- answers are graded against exactly this draw, and a draw is submitted once.
CREATE TABLE test_draws (
    user_id BIGINT NOT NULL REFERENCES users (id),
    id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    questions TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, id)
);
