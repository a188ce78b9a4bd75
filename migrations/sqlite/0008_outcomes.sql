-- What trained people went on to do: a store opened, a first sale, monthly sales, a job found, a
-- change in income. Who reported it (learner, trainer, office) and when; trainers and offices
-- confirm. A correction is a new record naming the one it replaces: nothing is overwritten.
CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    platform TEXT,
    store_name TEXT,
    happened_at BIGINT,
    month TEXT,
    amount_fen BIGINT,
    orders BIGINT,
    employer TEXT,
    job_kind TEXT,
    away BIGINT,
    note TEXT,
    reported_by BIGINT NOT NULL REFERENCES users (id),
    reporter_role TEXT NOT NULL,
    reported_at BIGINT NOT NULL,
    confirmed_by BIGINT REFERENCES users (id),
    confirmed_at BIGINT,
    replaces BIGINT REFERENCES outcomes (id)
);

CREATE INDEX outcomes_user ON outcomes (user_id, kind);
CREATE INDEX outcomes_replaces ON outcomes (replaces);

-- Calls to trained people 3, 6 and 12 months after their certificate: due, reached or not
-- reachable (with the date to try again).
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    months BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    contacted_at BIGINT,
    contacted_by BIGINT REFERENCES users (id),
    next_at BIGINT,
    note TEXT,
    UNIQUE (user_id, months)
);

CREATE INDEX follow_ups_due ON follow_ups (status, due_at);

-- Where every learner stands, one row each, recomputed from the tables above whenever something
-- about the learner changes: what reports add up. The region's ancestry is copied in, so a
-- report for a county, township or village is one indexed scan.
CREATE TABLE learner_facts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id),
    course_id TEXT,
    village_id BIGINT,
    township_id BIGINT,
    county_id BIGINT,
    household_id BIGINT,
    target_group TEXT NOT NULL,
    class_id BIGINT,
    enrolled_at BIGINT NOT NULL,
    last_active_at BIGINT,
    lessons_completed BIGINT NOT NULL,
    completed_at BIGINT,
    certified_at BIGINT,
    store_opened_at BIGINT,
    first_sale_at BIGINT,
    employed_at BIGINT,
    sales_fen BIGINT NOT NULL
);

CREATE INDEX learner_facts_county ON learner_facts (county_id, enrolled_at);
CREATE INDEX learner_facts_township ON learner_facts (township_id, enrolled_at);
CREATE INDEX learner_facts_village ON learner_facts (village_id, enrolled_at);
CREATE INDEX learner_facts_class ON learner_facts (class_id);
