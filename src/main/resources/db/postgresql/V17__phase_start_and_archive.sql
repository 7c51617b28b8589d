-- PostgreSQL twin of db/migration/V17__phase_start_and_archive.sql: the same tables and columns, the same version.
-- Epoch milliseconds are BIGINT.
-- The day a phase started when bot-config.yml leaves phase.start out: the day phasebot first
-- ran that phase (in the phase's zone), kept so a restart days later keeps the same first day.
-- Keyed by the phase's name, so a next phase gets a first day of its own.
CREATE TABLE phase_start (
    phase        TEXT PRIMARY KEY,
    day          TEXT NOT NULL,
    recorded_at  BIGINT NOT NULL
);

-- Plan items the config no longer has are archived, never deleted: their history (who started,
-- finished, ticked or passed them) stays. archived_at is when a sync found them gone; NULL is
-- live. One that comes back in the config is live again.
ALTER TABLE task ADD COLUMN archived_at BIGINT;

ALTER TABLE gate ADD COLUMN archived_at BIGINT;

ALTER TABLE task_deliverable ADD COLUMN archived_at BIGINT;

ALTER TABLE gate_criterion ADD COLUMN archived_at BIGINT;
