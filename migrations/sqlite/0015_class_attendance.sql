-- The in-person sessions of a training class (one per class and day) and who came to each.
CREATE TABLE class_sessions (
    id INTEGER PRIMARY KEY,
    class_id BIGINT NOT NULL REFERENCES classes (id),
    held_on TEXT NOT NULL,
    recorded_by BIGINT NOT NULL REFERENCES users (id),
    recorded_at BIGINT NOT NULL,
    UNIQUE (class_id, held_on)
);

CREATE TABLE attendance (
    session_id BIGINT NOT NULL REFERENCES class_sessions (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (session_id, user_id)
);

CREATE INDEX attendance_user ON attendance (user_id);
