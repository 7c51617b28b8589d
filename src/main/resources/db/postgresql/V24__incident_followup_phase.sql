-- A follow-up's task as it was when its phase ended: the next phase's plan starts fresh (its T8
-- is another task), so the link is kept with the task's title, owner, due and status of then,
-- and the phase whose plan it was. NULL phase: the task is in the live plan.
ALTER TABLE incident_followup ADD COLUMN phase TEXT;
ALTER TABLE incident_followup ADD COLUMN owner TEXT;
ALTER TABLE incident_followup ADD COLUMN due TEXT;
ALTER TABLE incident_followup ADD COLUMN status TEXT;
