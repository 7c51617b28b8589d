-- PostgreSQL twin of db/migration/V13__home_opened.sql: the same table and columns, the same version.
-- Epoch milliseconds and counts are BIGINT.
-- The App Homes someone opened, and whether each shows the latest. Slack takes about 100
-- views.publish a minute, so only a Home its user opened is kept current (one never opened is
-- published when it is); kept here, not in memory, so a restart and every replica know.
-- wanted counts the changes this Home should show; shown is the count the last view Slack took
-- covered: wanted > shown is a stale Home, published once however many changes made it stale.
CREATE TABLE home_opened (
    slack_user  TEXT PRIMARY KEY,
    opened_at   BIGINT NOT NULL,
    wanted      BIGINT NOT NULL,
    shown       BIGINT NOT NULL
);
