-- The plan: tasks with deliverables and dependencies, quality gates with criteria and what
-- they block, and the daily overdue check. Config-sourced rows are re-synced at start-up
-- without touching what was recorded in Slack (statuses, checks, passes).

CREATE TABLE task (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    priority       TEXT NOT NULL CHECK (priority IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    risk           TEXT NOT NULL CHECK (risk IN ('HIGH', 'MEDIUM', 'LOW')),
    owner          TEXT NOT NULL,
    due            TEXT NOT NULL,
    due_at         INTEGER,
    status         TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    source         TEXT NOT NULL CHECK (source IN ('config', 'slack')),
    position       INTEGER NOT NULL,
    started_at     INTEGER,
    done_at        INTEGER,
    done_override  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE task_deliverable (
    task_id     TEXT NOT NULL REFERENCES task(id),
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    checked_at  INTEGER,
    checked_by  TEXT,
    PRIMARY KEY (task_id, idx)
);

CREATE TABLE task_dependency (
    task_id     TEXT NOT NULL REFERENCES task(id),
    depends_on  TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('config', 'slack')),
    PRIMARY KEY (task_id, depends_on)
);

CREATE TABLE gate (
    number     INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due        TEXT NOT NULL,
    due_at     INTEGER,
    impact     TEXT,
    passed_at  INTEGER,
    passed_by  TEXT
);

CREATE TABLE gate_criterion (
    gate_number  INTEGER NOT NULL REFERENCES gate(number),
    idx          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    met_at       INTEGER,
    met_by       TEXT,
    PRIMARY KEY (gate_number, idx)
);

CREATE TABLE gate_block (
    gate_number  INTEGER NOT NULL REFERENCES gate(number),
    blocks       TEXT NOT NULL,
    PRIMARY KEY (gate_number, blocks)
);

CREATE TABLE overdue_check (
    day         TEXT PRIMARY KEY,
    checked_at  INTEGER NOT NULL
);
