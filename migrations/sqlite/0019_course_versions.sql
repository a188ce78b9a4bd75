-- Courses as the database keeps them once trainers write in the browser. A course version is a
-- set of files in the `content/` format (paths relative to the course's folder), each file's
-- bytes kept once by their SHA-256. Publishing a version renders it into `courses`, `modules` and
-- `lessons`, whose ids stay the same, so progress, attempts and certificates stay attached.
CREATE TABLE content_blobs (
    hash TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
);

-- origin: files (imported from content/), browser, zip, rollback.
CREATE TABLE course_versions (
    id INTEGER PRIMARY KEY,
    course_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    folder TEXT NOT NULL,
    origin TEXT NOT NULL,
    version_hash TEXT NOT NULL,
    published_by BIGINT REFERENCES users (id),
    published_at BIGINT NOT NULL,
    note TEXT NOT NULL,
    UNIQUE (course_id, number)
);

CREATE TABLE course_version_files (
    version_id BIGINT NOT NULL REFERENCES course_versions (id),
    path TEXT NOT NULL,
    hash TEXT NOT NULL REFERENCES content_blobs (hash),
    PRIMARY KEY (version_id, path)
);

-- A picture's URL names its hash: it is served only when a version holds it as a picture.
CREATE INDEX course_version_files_hash ON course_version_files (hash);

-- A course's unpublished edits, one row per changed file over its latest version (hash NULL:
-- the draft deletes the file).
CREATE TABLE course_drafts (
    course_id TEXT NOT NULL,
    path TEXT NOT NULL,
    hash TEXT REFERENCES content_blobs (hash),
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (course_id, path)
);

-- Who may edit a course: its owner (the trainer who created it) and those granted editing.
CREATE TABLE course_editors (
    course_id TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    is_owner BIGINT NOT NULL,
    granted_by BIGINT REFERENCES users (id),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (course_id, user_id)
);

CREATE INDEX course_editors_user ON course_editors (user_id);

-- What `content/` held for a course at its last import: a restart re-imports only what changed
-- on disk since, over the latest version, so what was written in the browser stays.
CREATE TABLE course_disk_files (
    course_id TEXT NOT NULL,
    path TEXT NOT NULL,
    hash TEXT NOT NULL REFERENCES content_blobs (hash),
    PRIMARY KEY (course_id, path)
);
