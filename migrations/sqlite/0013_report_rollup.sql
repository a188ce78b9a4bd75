-- Roll-ups of `learner_facts`, so a report over a county or the whole province adds up a few
-- hundred rows instead of every learner. Per county, one row for the county, each of its
-- townships and each class (area_key: the township's or class's id, 0 for none), for each course
-- and target group and for all of them ('' in course_key or group_key), because villages and
-- households are counted distinct; stage counts per month besides. A county is marked dirty by
-- the triggers below whenever a fact a report counts changes, and rebuilt from `learner_facts`
-- before the next report reads it, so what a report shows is always exact.
CREATE TABLE report_rollup (
    county_key BIGINT NOT NULL,
    area TEXT NOT NULL,
    area_key BIGINT NOT NULL,
    course_key TEXT NOT NULL,
    group_key TEXT NOT NULL,
    villages BIGINT NOT NULL,
    households BIGINT NOT NULL,
    poor_households BIGINT NOT NULL,
    enrolled BIGINT NOT NULL,
    completed BIGINT NOT NULL,
    certified BIGINT NOT NULL,
    store_opened BIGINT NOT NULL,
    first_sale BIGINT NOT NULL,
    employed BIGINT NOT NULL,
    sales_fen BIGINT NOT NULL,
    PRIMARY KEY (county_key, area, area_key, course_key, group_key)
);

CREATE TABLE report_rollup_months (
    county_key BIGINT NOT NULL,
    course_key TEXT NOT NULL,
    group_key TEXT NOT NULL,
    stage BIGINT NOT NULL,
    month TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (county_key, course_key, group_key, stage, month)
);

-- Counties whose roll-ups are out of date (0: learners without a county).
CREATE TABLE report_rollup_dirty (
    county_key BIGINT PRIMARY KEY
);

INSERT OR IGNORE INTO report_rollup_dirty (county_key)
SELECT DISTINCT COALESCE(county_id, 0) FROM learner_facts;

-- "Active in the last 30 days" moves with the clock, so it is counted live, from this index alone.
CREATE INDEX learner_facts_active ON learner_facts
    (last_active_at, county_id, township_id, class_id, target_group, course_id);

-- Triggers mark a county with INSERT ... WHERE NOT EXISTS, not INSERT OR IGNORE: SQLite lets the
-- conflict clause of the statement that fired a trigger (an upsert of facts) override the
-- trigger's own.
CREATE TRIGGER learner_facts_rollup_insert AFTER INSERT ON learner_facts
BEGIN
    INSERT INTO report_rollup_dirty (county_key) SELECT COALESCE(NEW.county_id, 0)
    WHERE NOT EXISTS (SELECT 1 FROM report_rollup_dirty WHERE county_key = COALESCE(NEW.county_id, 0));
END;

-- Lesson counts and activity change on every lesson and are not rolled up: they mark nothing.
CREATE TRIGGER learner_facts_rollup_update AFTER UPDATE ON learner_facts
WHEN OLD.course_id IS NOT NEW.course_id OR OLD.village_id IS NOT NEW.village_id
  OR OLD.township_id IS NOT NEW.township_id OR OLD.county_id IS NOT NEW.county_id
  OR OLD.household_id IS NOT NEW.household_id OR OLD.target_group IS NOT NEW.target_group
  OR OLD.enrolled_at IS NOT NEW.enrolled_at OR OLD.completed_at IS NOT NEW.completed_at
  OR OLD.certified_at IS NOT NEW.certified_at OR OLD.store_opened_at IS NOT NEW.store_opened_at
  OR OLD.first_sale_at IS NOT NEW.first_sale_at OR OLD.employed_at IS NOT NEW.employed_at
  OR OLD.sales_fen IS NOT NEW.sales_fen
BEGIN
    INSERT INTO report_rollup_dirty (county_key) SELECT COALESCE(OLD.county_id, 0)
    WHERE NOT EXISTS (SELECT 1 FROM report_rollup_dirty WHERE county_key = COALESCE(OLD.county_id, 0));
    INSERT INTO report_rollup_dirty (county_key) SELECT COALESCE(NEW.county_id, 0)
    WHERE NOT EXISTS (SELECT 1 FROM report_rollup_dirty WHERE county_key = COALESCE(NEW.county_id, 0));
END;

CREATE TRIGGER learner_facts_rollup_delete AFTER DELETE ON learner_facts
BEGIN
    INSERT INTO report_rollup_dirty (county_key) SELECT COALESCE(OLD.county_id, 0)
    WHERE NOT EXISTS (SELECT 1 FROM report_rollup_dirty WHERE county_key = COALESCE(OLD.county_id, 0));
END;

-- Monthly sales are rolled up per month: any outcome written or confirmed marks its county.
CREATE TRIGGER outcomes_rollup_insert AFTER INSERT ON outcomes
BEGIN
    INSERT INTO report_rollup_dirty (county_key)
    SELECT COALESCE(f.county_id, 0) FROM learner_facts f WHERE f.user_id = NEW.user_id
      AND NOT EXISTS (SELECT 1 FROM report_rollup_dirty d WHERE d.county_key = COALESCE(f.county_id, 0));
END;

CREATE TRIGGER outcomes_rollup_update AFTER UPDATE ON outcomes
BEGIN
    INSERT INTO report_rollup_dirty (county_key)
    SELECT COALESCE(f.county_id, 0) FROM learner_facts f WHERE f.user_id = NEW.user_id
      AND NOT EXISTS (SELECT 1 FROM report_rollup_dirty d WHERE d.county_key = COALESCE(f.county_id, 0));
END;
