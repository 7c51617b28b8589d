-- PostgreSQL twin of db/migration/V12__replica_memory.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT.
-- What one process kept in memory and several replicas must share: a Slack request signed
-- correctly and replayed to another replica is refused there too (dev.phasebot.slack.
-- SlackRequestVerifier), and the API's calls per minute are counted for all replicas together
-- (dev.phasebot.api.RateLimit).
-- A Slack signature already accepted, refused if it comes again: expires_at is the epoch
-- millisecond from which its timestamp is refused anyway (outside the five-minute window).
CREATE TABLE slack_request_seen (
    signature   TEXT PRIMARY KEY,
    expires_at  BIGINT NOT NULL
);
-- An API caller's calls in its current fixed window (the window starts at its first call).
CREATE TABLE api_call_window (
    caller        TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    calls         BIGINT NOT NULL
);
