-- An incident's roles besides its assignee: the commander (NULL: the lead, the default) and the
-- communications role (NULL: unset; status reminders then go to the commander). Each hand-off is
-- also on the incident's timeline (incident_event, kind 'role').
ALTER TABLE incident ADD COLUMN commander TEXT;
ALTER TABLE incident ADD COLUMN communications TEXT;
