-- A CRITICAL incident's own Slack channel (its room), one row per incident that has one. Written at
-- raise, with the outbox rows that create it; channel_id is filled in as soon as Slack has created
-- it (or said the name is taken by it), so a retry, a restart or another replica finds the room here
-- and never creates a second one. state: 'creating' until then; 'open'; 'archived' once Slack has
-- archived it (nothing is posted there after); 'unavailable' when the bot may not create it (the
-- incident stays in its channel only, as without rooms), why in note.
CREATE TABLE incident_room (
    incident_id  INTEGER PRIMARY KEY REFERENCES incident(id),
    name         TEXT NOT NULL,
    private      INTEGER NOT NULL,
    channel_id   TEXT,
    state        TEXT NOT NULL DEFAULT 'creating'
                 CHECK (state IN ('creating', 'open', 'archived', 'unavailable')),
    note         TEXT,
    created_at   INTEGER NOT NULL,
    archived_at  INTEGER
);
