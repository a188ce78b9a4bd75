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

INSERT INTO report_rollup_dirty (county_key)
SELECT DISTINCT COALESCE(county_id, 0) FROM learner_facts ON CONFLICT DO NOTHING;

-- "Active in the last 30 days" moves with the clock, so it is counted live, from this index alone.
CREATE INDEX learner_facts_active ON learner_facts
    (last_active_at, county_id, township_id, class_id, target_group, course_id);

CREATE FUNCTION mark_county_dirty(county BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_rollup_dirty (county_key) VALUES (COALESCE(county, 0)) ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION learner_facts_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM mark_county_dirty(OLD.county_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM mark_county_dirty(NEW.county_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER learner_facts_rollup_rows AFTER INSERT OR DELETE ON learner_facts
FOR EACH ROW EXECUTE FUNCTION learner_facts_rollup();

-- Lesson counts and activity change on every lesson and are not rolled up: they mark nothing.
CREATE TRIGGER learner_facts_rollup_update AFTER UPDATE ON learner_facts
FOR EACH ROW WHEN (
    (OLD.course_id, OLD.village_id, OLD.township_id, OLD.county_id, OLD.household_id,
     OLD.target_group, OLD.enrolled_at, OLD.completed_at, OLD.certified_at, OLD.store_opened_at,
     OLD.first_sale_at, OLD.employed_at, OLD.sales_fen)
    IS DISTINCT FROM
    (NEW.course_id, NEW.village_id, NEW.township_id, NEW.county_id, NEW.household_id,
     NEW.target_group, NEW.enrolled_at, NEW.completed_at, NEW.certified_at, NEW.store_opened_at,
     NEW.first_sale_at, NEW.employed_at, NEW.sales_fen))
EXECUTE FUNCTION learner_facts_rollup();

-- Monthly sales are rolled up per month: any outcome written or confirmed marks its county.
CREATE FUNCTION outcomes_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_county_dirty(f.county_id) FROM learner_facts f WHERE f.user_id = NEW.user_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER outcomes_rollup AFTER INSERT OR UPDATE ON outcomes
FOR EACH ROW EXECUTE FUNCTION outcomes_rollup();
