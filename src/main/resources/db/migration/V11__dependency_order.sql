-- The order a task's dependencies and a gate's blocks were written in, as a column: it was
-- SQLite's rowid, which PostgreSQL (the store for replicas) does not have. Rows keep the order
-- they had.
ALTER TABLE task_dependency ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
UPDATE task_dependency SET ord = rowid;
ALTER TABLE gate_block ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
UPDATE gate_block SET ord = rowid;
