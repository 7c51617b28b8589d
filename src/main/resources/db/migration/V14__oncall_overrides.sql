-- An on-call override (/oncall override): agent takes role's pages from starts_at until ends_at,
-- whoever the rotation or the plan names. A cancel ends it early and keeps the row, with who and when.
-- role is "lead", "contact" or a team's slug (an area owner's rotation).
CREATE TABLE oncall_overrides (
    id            INTEGER PRIMARY KEY,
    role          TEXT NOT NULL,
    agent         TEXT NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    created_by    TEXT NOT NULL,
    cancelled_at  INTEGER,
    cancelled_by  TEXT
);
-- Every page asks "who covers this role now?" inside its write: one indexed look-up.
CREATE INDEX oncall_overrides_by_role ON oncall_overrides(role, ends_at);
