-- Course content imported from content/: rendered once, keyed by the stable ids of the files.
-- Rows are never deleted, only retired, so that learners' progress keeps pointing somewhere.

CREATE TABLE courses (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    title_en TEXT NOT NULL,
    summary TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    position BIGINT NOT NULL,
    level TEXT NOT NULL,
    intro_html TEXT NOT NULL,
    version_hash TEXT NOT NULL,
    retired BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

CREATE TABLE modules (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses (id),
    title TEXT NOT NULL,
    title_en TEXT NOT NULL,
    summary TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    position BIGINT NOT NULL,
    pass_mark BIGINT NOT NULL,
    test_questions BIGINT NOT NULL,
    intro_html TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    retired BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

CREATE INDEX modules_course ON modules (course_id, position);

CREATE TABLE lessons (
    id TEXT PRIMARY KEY,
    module_id TEXT NOT NULL REFERENCES modules (id),
    title TEXT NOT NULL,
    title_en TEXT NOT NULL,
    summary TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    position BIGINT NOT NULL,
    level TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    body_html TEXT NOT NULL,
    quiz_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    retired BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

CREATE INDEX lessons_module ON lessons (module_id, position);

-- One row, written first in every content import: concurrent imports (several servers starting
-- together) wait for each other instead of doing the same work at once.
CREATE TABLE content_import_lock (
    id BIGINT PRIMARY KEY,
    taken_at BIGINT NOT NULL
);
