-- Foundation: agent links, the daily standup, durable timers, the outbox and the audit log.
-- Instants are epoch milliseconds (UTC); days are ISO dates in the config's zone.

CREATE TABLE agent_link (
    agent       TEXT PRIMARY KEY,
    slack_user  TEXT NOT NULL,
    linked_by   TEXT NOT NULL,
    linked_at   INTEGER NOT NULL
);

CREATE TABLE standup (
    day          TEXT PRIMARY KEY,
    opened_at    INTEGER,
    opened_by    TEXT,
    reminded_at  INTEGER,
    closed_at    INTEGER
);

CREATE TABLE standup_update (
    day           TEXT NOT NULL,
    agent         TEXT NOT NULL,
    security      TEXT,
    blockers      TEXT,
    commitments   TEXT,
    coordination  TEXT,
    posted_at     INTEGER NOT NULL,
    late          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, agent)
);

CREATE TABLE out_of_office (
    id          INTEGER PRIMARY KEY,
    agent       TEXT NOT NULL,
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    reason      TEXT,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX out_of_office_agent ON out_of_office(agent, last_day);

CREATE TABLE timer (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    due_at        INTEGER NOT NULL,
    fired_at      INTEGER,
    cancelled_at  INTEGER,
    UNIQUE (kind, subject)
);
CREATE INDEX timer_pending ON timer(due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    dedupe_key       TEXT UNIQUE,
    destination      TEXT NOT NULL,
    action           TEXT NOT NULL CHECK (action IN ('post', 'update')),
    update_of        TEXT,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER,
    slack_channel    TEXT,
    slack_ts         TEXT,
    last_error       TEXT
);
CREATE INDEX outbox_pending ON outbox(status, destination, id);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT
);
