-- Nothing to change on SQLite: its one writer already orders a roll-up rebuild (which deletes a
-- county's dirty mark before it reads the county's facts, in one transaction) and the writes
-- that mark the county. The PostgreSQL migration of the same number makes its marking writers
-- hold the mark's row until they commit. The statement keeps the two folders' versions equal.
SELECT 1;
