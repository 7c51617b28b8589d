-- What one process kept in memory and several replicas must share (issue 20). On this file (one
-- process) both stay in memory, as before; the tables exist so both stores have one schema.
-- A Slack signature already accepted, refused if it comes again: expires_at is the epoch
-- millisecond from which its timestamp is refused anyway (outside the five-minute window).
CREATE TABLE slack_request_seen (
    signature   TEXT PRIMARY KEY,
    expires_at  INTEGER NOT NULL
);
-- An API caller's calls in its current fixed window (the window starts at its first call).
CREATE TABLE api_call_window (
    caller        TEXT PRIMARY KEY,
    window_start  INTEGER NOT NULL,
    calls         INTEGER NOT NULL
);
