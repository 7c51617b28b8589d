-- PostgreSQL twin of db/migration/V6__plan_history.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
-- The plan's history as Slack changes it: who started and who finished a task, which fields
-- of a config task were edited in Slack (the next config sync leaves those alone), and which
-- dependencies were removed in Slack (the next config sync does not add them back).

ALTER TABLE task ADD COLUMN started_by TEXT;

ALTER TABLE task ADD COLUMN done_by TEXT;

CREATE TABLE task_field_edit (
    task_id    TEXT NOT NULL REFERENCES task(id),
    field      TEXT NOT NULL CHECK (field IN ('title', 'priority', 'risk', 'owner', 'due')),
    edited_at  BIGINT NOT NULL,
    edited_by  TEXT NOT NULL,
    PRIMARY KEY (task_id, field)
);

CREATE TABLE task_dependency_removal (
    task_id     TEXT NOT NULL REFERENCES task(id),
    depends_on  TEXT NOT NULL,
    removed_at  BIGINT NOT NULL,
    removed_by  TEXT NOT NULL,
    PRIMARY KEY (task_id, depends_on)
);
