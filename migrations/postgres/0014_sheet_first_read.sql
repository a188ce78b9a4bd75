-- When a password sheet was first shown: it can be opened again only briefly after that (to
-- print it), and is purged soon after rather than kept readable for the whole hour.
ALTER TABLE password_sheets ADD COLUMN first_read_at BIGINT;
