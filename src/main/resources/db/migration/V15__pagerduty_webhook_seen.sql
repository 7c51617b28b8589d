-- PagerDuty's webhook events already handled (issue 22): PagerDuty delivers at least once and
-- redelivers what it thinks failed, so an event's id is remembered and a second sighting does
-- nothing. Kept in the store, so a restart and every replica know; seen_at (epoch millisecond)
-- lets old rows be swept once PagerDuty has long stopped retrying them.
CREATE TABLE pagerduty_webhook_seen (
    event_id  TEXT PRIMARY KEY,
    seen_at   INTEGER NOT NULL
);
