-- A course may say what finishing it takes: all (lessons and module tests), lessons or tests.
ALTER TABLE courses ADD COLUMN completion TEXT NOT NULL DEFAULT 'all';
