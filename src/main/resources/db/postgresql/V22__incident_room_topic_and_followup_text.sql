-- The topic last set on an incident's room, so it is set again only when it changes (a deadline
-- met or missed, the severity changed, the incident closed).
ALTER TABLE incident_room ADD COLUMN topic TEXT;
-- A security incident's follow-up is a plan task everyone may read, titled without its words;
-- its words are kept here, with the incident, for the report that only the security channel sees.
ALTER TABLE incident_followup ADD COLUMN text TEXT;
