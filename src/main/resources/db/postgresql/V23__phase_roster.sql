-- The agents a phase expected at its standups (comma-separated agent ids), written when it
-- begins and at each start while it is current: its handoff report counts participation against
-- its own roster, not the next phase's, whose config may already be running when it is frozen.
ALTER TABLE phase ADD COLUMN roster TEXT;
