-- Places, accounts and sign-in sessions.

-- County → township → village, with administrative codes (行政区划代码) where known.
CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    parent_id BIGINT REFERENCES regions (id),
    level TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT UNIQUE
);

-- `login` is the phone number or user name typed at sign-in, normalised.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    region_id BIGINT REFERENCES regions (id),
    must_change_password BIGINT NOT NULL DEFAULT 0,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

-- `id` is the SHA-256 of the cookie's token: a stolen database holds no usable session.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Recent failed sign-ins, per account and per address, for throttling.
CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_login ON sign_in_failures (login, failed_at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, failed_at);
