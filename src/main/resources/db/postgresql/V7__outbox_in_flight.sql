-- PostgreSQL twin of db/migration/V7__outbox_in_flight.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
-- A post is recorded as in flight before its Web API call and cleared once its outcome is
-- written. A row still in flight at the next attempt (the process died during the call, or
-- the answer was lost) may already be in Slack, so the worker first looks for it by the
-- metadata it was posted with instead of posting it again.
-- attempt_started_at: epoch milliseconds when that unanswered attempt began, NULL when none is.
ALTER TABLE outbox ADD COLUMN attempt_started_at BIGINT;
