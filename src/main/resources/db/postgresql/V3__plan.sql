-- PostgreSQL twin of db/migration/V3__plan.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
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
    due_at         BIGINT,
    status         TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
    source         TEXT NOT NULL CHECK (source IN ('config', 'slack')),
    position       BIGINT NOT NULL,
    started_at     BIGINT,
    done_at        BIGINT,
    done_override  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE task_deliverable (
    task_id     TEXT NOT NULL REFERENCES task(id),
    idx         BIGINT NOT NULL,
    text        TEXT NOT NULL,
    checked_at  BIGINT,
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
    number     BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due        TEXT NOT NULL,
    due_at     BIGINT,
    impact     TEXT,
    passed_at  BIGINT,
    passed_by  TEXT
);

CREATE TABLE gate_criterion (
    gate_number  BIGINT NOT NULL REFERENCES gate(number),
    idx          BIGINT NOT NULL,
    text         TEXT NOT NULL,
    met_at       BIGINT,
    met_by       TEXT,
    PRIMARY KEY (gate_number, idx)
);

CREATE TABLE gate_block (
    gate_number  BIGINT NOT NULL REFERENCES gate(number),
    blocks       TEXT NOT NULL,
    PRIMARY KEY (gate_number, blocks)
);

CREATE TABLE overdue_check (
    day         TEXT PRIMARY KEY,
    checked_at  BIGINT NOT NULL
);
