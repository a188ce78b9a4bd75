-- A writer that marks a county dirty now holds the mark's row until it commits (DO UPDATE locks
-- the row, DO NOTHING did not), so a roll-up rebuild, which deletes the mark before it reads the
-- county's facts, waits for that writer and then reads its change. With DO NOTHING a rebuild
-- could delete the mark of a change not yet committed and then miss it.
CREATE OR REPLACE FUNCTION mark_county_dirty(county BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_rollup_dirty (county_key) VALUES (COALESCE(county, 0))
    ON CONFLICT (county_key) DO UPDATE SET county_key = EXCLUDED.county_key;
$$;
