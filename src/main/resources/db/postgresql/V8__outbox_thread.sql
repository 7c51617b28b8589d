-- PostgreSQL twin of db/migration/V8__outbox_thread.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
-- A post may reply in the thread of an earlier one, named by that one's dedupe key; the
-- delivery worker looks up the parent's Slack ts when it sends the reply.
ALTER TABLE outbox ADD COLUMN thread_of TEXT;
