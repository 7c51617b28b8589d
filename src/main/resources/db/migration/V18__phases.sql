-- Phases as a notion: one row per phase this install has run, in order. A phase begins when
-- phasebot first runs a config naming it (began_at) and ends when the lead closes it
-- (/phase close) or when a config naming the next phase starts (superseded). Its handoff report
-- is frozen into report (JSON) when it ends, so /phase report shows it as it was.
-- History (standups, incidents, decisions, metric values) is labelled by time: a record belongs
-- to the last phase that began at or before it, the first phase for anything older.
CREATE TABLE phase (
    name        TEXT PRIMARY KEY,
    position    INTEGER NOT NULL UNIQUE,
    first_day   TEXT NOT NULL,
    began_at    INTEGER NOT NULL,
    ended_at    INTEGER,
    ended_how   TEXT CHECK (ended_how IN ('closed', 'superseded')),
    ended_by    TEXT,
    reason      TEXT,
    report      TEXT
);

-- The previous phase's plan rows, moved out of the live tables when the next phase starts (its
-- tasks, gates and checklists start fresh): one row per table, the rows as a JSON array, so
-- nothing the team recorded is deleted without a trace.
CREATE TABLE phase_plan_archive (
    phase       TEXT NOT NULL REFERENCES phase(name),
    table_name  TEXT NOT NULL,
    rows_json   TEXT NOT NULL,
    archived_at INTEGER NOT NULL,
    PRIMARY KEY (phase, table_name)
);

-- A risk's words as the config stated them, kept with its state so a phase's report still names
-- its risks after the config has moved on to the next phase.
ALTER TABLE plan_risk ADD COLUMN risk TEXT;

ALTER TABLE plan_risk ADD COLUMN mitigation TEXT;

ALTER TABLE plan_risk ADD COLUMN owner TEXT;
