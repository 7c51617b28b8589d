-- PostgreSQL twin of db/migration/V10__outbox_parts.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
-- A message longer than Slack takes goes out as several parts: the first is the message, the
-- others replies in its thread. Each part delivered is kept, so an edit can change only the
-- parts whose content changed, and a post cut short (a crash, a 429, a 5xx between parts)
-- resumes with the parts still missing instead of posting the message again.
-- message_id: the outbox row that posted the message (an edit's parts are kept under the row
-- it edits); part: 0 for the message itself; digest: SHA-256 of what was sent (text and
-- blocks), NULL when unknown (a post found in Slack's history after a crash).
CREATE TABLE outbox_part (
    message_id     BIGINT NOT NULL REFERENCES outbox(id),
    part           BIGINT NOT NULL,
    slack_channel  TEXT NOT NULL,
    slack_ts       TEXT NOT NULL,
    digest         TEXT,
    PRIMARY KEY (message_id, part)
);

-- A row whose doc is rendered at delivery may be asked for again while it is pending (a burst
-- of late standup updates becomes one edit): each ask adds one here, in the asker's
-- transaction. A row is marked sent only if its revision is still the one it was rendered at;
-- otherwise it is rendered and sent again, so no change committed after the rendering is lost.
ALTER TABLE outbox ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
