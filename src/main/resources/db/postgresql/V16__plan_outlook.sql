-- PostgreSQL twin of db/migration/V16__plan_outlook.sql: the same tables and columns, the same version.
-- Epoch milliseconds are BIGINT.
-- The plan's success metrics and handoff requirements: checklists in named groups, synced from
-- the config at start-up like deliverables and criteria (who checked an item, and when, stays;
-- an item the config drops is archived with its ticks, as deliverables and criteria are).
-- group_name is the group's name as the config states it.
CREATE TABLE success_metric (
    group_name  TEXT NOT NULL,
    idx         BIGINT NOT NULL,
    text        TEXT NOT NULL,
    checked_at  BIGINT,
    checked_by  TEXT,
    archived_at BIGINT,
    PRIMARY KEY (group_name, idx)
);

CREATE TABLE handoff_item (
    group_name  TEXT NOT NULL,
    idx         BIGINT NOT NULL,
    text        TEXT NOT NULL,
    checked_at  BIGINT,
    checked_by  TEXT,
    archived_at BIGINT,
    PRIMARY KEY (group_name, idx)
);

-- A risk's state; its name, mitigation and owner are the config's. Open while closed_at is
-- NULL; a close records who, when and why, a reopen clears them (the audit log keeps both).
CREATE TABLE plan_risk (
    id          TEXT PRIMARY KEY,
    closed_at   BIGINT,
    closed_by   TEXT,
    closed_why  TEXT
);
