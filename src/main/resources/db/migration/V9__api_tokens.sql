-- One API token per agent, for agents that are programs (see dev.phasebot.api).
-- Only the SHA-256 of the token is kept: the token itself is shown once, to the lead who issued it.
-- Issuing again replaces the row (the old token stops working); revoking keeps the row, with who and when.
CREATE TABLE api_tokens (
    agent       TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    issued_at   INTEGER NOT NULL,
    issued_by   TEXT NOT NULL,
    revoked_at  INTEGER,
    revoked_by  TEXT
);
