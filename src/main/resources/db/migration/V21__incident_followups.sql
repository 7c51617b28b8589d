-- An incident's follow-ups: plan tasks made with /incident followup, linked to the incident so
-- its report and the review list the open ones. No foreign key to task: a plan reload may drop a
-- task, and the link then reads as a task no longer in the plan.
CREATE TABLE incident_followup (
    incident_id  INTEGER NOT NULL REFERENCES incident(id),
    task_id      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (incident_id, task_id)
);
