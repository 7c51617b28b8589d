-- CRITICAL incident escalation: incidents, their milestones (the clock), the append-only
-- timeline, and one row per escalation notice so that no notice is ever sent twice.

CREATE TABLE incident (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    severity         TEXT NOT NULL CHECK (severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    security         INTEGER NOT NULL,
    description      TEXT,
    affects          TEXT,
    raised_by        TEXT NOT NULL,
    raised_at        INTEGER NOT NULL,
    owner            TEXT NOT NULL,
    assignee         TEXT NOT NULL,
    acknowledged_at  INTEGER,
    acknowledged_by  TEXT,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolved_at      INTEGER,
    resolved_by      TEXT,
    resolution       TEXT
);
CREATE INDEX incident_open ON incident(status);

CREATE TABLE incident_milestone (
    incident_id  INTEGER NOT NULL REFERENCES incident(id),
    idx          INTEGER NOT NULL,
    name         TEXT NOT NULL,
    act          TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    met_at       INTEGER,
    met_by       TEXT,
    met_text     TEXT,
    PRIMARY KEY (incident_id, idx)
);

CREATE TABLE incident_event (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incident(id),
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    detail       TEXT
);
CREATE INDEX incident_event_incident ON incident_event(incident_id, id);

CREATE TABLE incident_notice (
    incident_id  INTEGER NOT NULL REFERENCES incident(id),
    milestone    INTEGER NOT NULL,
    attempt      INTEGER NOT NULL,
    sent_at      INTEGER NOT NULL,
    late_ms      INTEGER NOT NULL,
    PRIMARY KEY (incident_id, milestone, attempt)
);
