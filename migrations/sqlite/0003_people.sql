-- Households and members, training classes, the audit log, household imports and one-time
-- password sheets. Regions are always county → township → village, so a region's scope is found
-- by at most two parent steps.

-- A household (户) in a village; `poverty_type` and `poverty_cause` are set for registered poor
-- households (建档立卡户) only.
CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    village_id BIGINT NOT NULL REFERENCES regions (id),
    poverty_type TEXT,
    poverty_cause TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX households_village ON households (village_id);

-- A member of a household. The identity number is stored encrypted (`id_cipher`), with a keyed
-- hash for look-up (`id_lookup`) and the masked form pages show (`id_masked`).
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_year BIGINT,
    relation TEXT NOT NULL,
    id_cipher TEXT,
    id_lookup TEXT UNIQUE,
    id_masked TEXT,
    phone TEXT,
    education TEXT,
    skills TEXT,
    target_group TEXT NOT NULL,
    user_id BIGINT UNIQUE REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE INDEX members_household ON members (household_id);

-- A training class run by a trainer; learners join with its code.
CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    trainer_id BIGINT NOT NULL REFERENCES users (id),
    region_id BIGINT NOT NULL REFERENCES regions (id),
    join_code TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE class_members (
    class_id BIGINT NOT NULL REFERENCES classes (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (class_id, user_id)
);

CREATE INDEX class_members_user ON class_members (user_id);

-- Who did what to whose data: sign-ins, denials, personal-data views, imports, exports.
-- `region_id` is the region the event concerns, so offices see their own region's entries.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    region_id BIGINT REFERENCES regions (id),
    detail TEXT NOT NULL,
    address TEXT NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);

-- A household CSV import: checked, then committed all at once; progress for the page.
CREATE TABLE household_imports (
    id INTEGER PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES users (id),
    file_name TEXT NOT NULL,
    dry_run BIGINT NOT NULL,
    status TEXT NOT NULL,
    rows_total BIGINT NOT NULL,
    rows_done BIGINT NOT NULL,
    households BIGINT NOT NULL,
    errors TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);

-- One-time passwords just given out, encrypted, shown once to the staff member who made them
-- and deleted after printing or within the hour.
CREATE TABLE password_sheets (
    id TEXT PRIMARY KEY,
    creator_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    cipher TEXT NOT NULL
);
