-- PostgreSQL twin of db/migration/V9__api_tokens.sql: the same tables and columns, the same version.
-- Epoch milliseconds and counts are BIGINT, generated ids identity columns, REAL is DOUBLE PRECISION.
-- One API token per agent, for agents that are programs (see dev.phasebot.api).
-- Only the SHA-256 of the token is kept: the token itself is shown once, to the lead who issued it.
-- Issuing again replaces the row (the old token stops working); revoking keeps the row, with who and when.
CREATE TABLE api_tokens (
    agent       TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    issued_at   BIGINT NOT NULL,
    issued_by   TEXT NOT NULL,
    revoked_at  BIGINT,
    revoked_by  TEXT
);
