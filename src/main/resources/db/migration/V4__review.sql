-- The weekly technical review: what the team records during the week (decisions, metrics,
-- topics), and each week's review as run (agenda, notes, action items).

CREATE TABLE decision (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    agent  TEXT NOT NULL,
    text   TEXT NOT NULL,
    link   TEXT
);

CREATE TABLE metric (
    name             TEXT PRIMARY KEY,
    unit             TEXT,
    lower_is_better  INTEGER NOT NULL,
    baseline         REAL NOT NULL,
    baseline_at      INTEGER NOT NULL
);

CREATE TABLE metric_value (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL REFERENCES metric(name),
    value  REAL NOT NULL,
    at     INTEGER NOT NULL,
    agent  TEXT NOT NULL
);
CREATE INDEX metric_value_name ON metric_value(name, at);

CREATE TABLE review_item (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    agent  TEXT NOT NULL,
    text   TEXT NOT NULL
);

CREATE TABLE review (
    day          TEXT PRIMARY KEY,
    starts_at    INTEGER NOT NULL,
    agenda_at    INTEGER,
    opened_at    INTEGER,
    opened_by    TEXT,
    closed_at    INTEGER,
    agenda       TEXT
);

CREATE TABLE review_note (
    id            INTEGER PRIMARY KEY,
    day           TEXT NOT NULL REFERENCES review(day),
    at            INTEGER NOT NULL,
    agent         TEXT NOT NULL,
    text          TEXT NOT NULL,
    action_owner  TEXT,
    task_id       TEXT
);
