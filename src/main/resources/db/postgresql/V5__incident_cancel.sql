-- PostgreSQL twin of db/migration/V5__incident_cancel.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
-- An incident raised in error can be cancelled: its clock stops and the review leaves it out.
-- It is stored as closed (status 'resolved', which the V2 CHECK allows) with cancelled_at
-- set: widening the CHECK would mean rebuilding a table that three others reference, which
-- enforced foreign keys forbid inside a migration's transaction.
ALTER TABLE incident ADD COLUMN cancelled_at BIGINT;
ALTER TABLE incident ADD COLUMN cancelled_by TEXT;
ALTER TABLE incident ADD COLUMN cancel_reason TEXT;
