-- PostgreSQL twin of db/migration/V11__dependency_order.sql: the order a task's dependencies
-- and a gate's blocks were written in, as a column.
ALTER TABLE task_dependency ADD COLUMN ord BIGINT NOT NULL DEFAULT 0;
ALTER TABLE gate_block ADD COLUMN ord BIGINT NOT NULL DEFAULT 0;
