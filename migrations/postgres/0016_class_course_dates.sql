-- A class teaches one course between two days (all optional for classes opened before).
ALTER TABLE classes ADD COLUMN course_id TEXT REFERENCES courses (id);
ALTER TABLE classes ADD COLUMN starts_on TEXT;
ALTER TABLE classes ADD COLUMN ends_on TEXT;
