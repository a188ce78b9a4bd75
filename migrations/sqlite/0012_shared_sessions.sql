-- Sessions opened on a shared computer (an office's or a training room's): they end sooner and
-- their cookie ends with the browser.
ALTER TABLE sessions ADD COLUMN shared BIGINT NOT NULL DEFAULT 0;
