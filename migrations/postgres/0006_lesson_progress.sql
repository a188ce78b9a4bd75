-- One progress row per learner and lesson: the first opening and the first completion. Reading a
-- lesson looks up this row instead of aggregating the learner's events, and opening a lesson
-- again writes nothing. Completion events stay in progress_events (stored once per event id).
CREATE TABLE lesson_progress (
    user_id BIGINT NOT NULL REFERENCES users (id),
    lesson_id TEXT NOT NULL REFERENCES lessons (id),
    opened_at BIGINT NOT NULL,
    completed_at BIGINT,
    PRIMARY KEY (user_id, lesson_id)
);

INSERT INTO lesson_progress (user_id, lesson_id, opened_at, completed_at)
SELECT user_id, lesson_id, MIN(at), MIN(CASE WHEN kind = 'completed' THEN at END)
FROM progress_events GROUP BY user_id, lesson_id;

-- Indexes for reading by region (reports) and by parent (the region tree).
CREATE INDEX users_region ON users (region_id);
CREATE INDEX certificates_region ON certificates (region_id);
CREATE INDEX regions_parent ON regions (parent_id);
