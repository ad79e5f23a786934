-- Statements, one row each. Runs unchanged on H2 (default mode) and PostgreSQL.
-- Times are BIGINT microseconds since the epoch (UTC): the same type, precision and ordering on
-- both databases, no time zone conversion in drivers, and exactly what PostgreSQL timestamps hold.
-- TEXT for SQL text and JSON: unbounded on PostgreSQL; H2 2.4 reads it as CHARACTER VARYING of up
-- to 1,000,000,000 characters (checked in INFORMATION_SCHEMA), read and written as plain strings.
CREATE TABLE statements (
    id                VARCHAR(128)  NOT NULL,
    owner             VARCHAR(256)  NOT NULL,
    statement_text    TEXT          NOT NULL,
    parameters_json   TEXT          NOT NULL,
    result_format     VARCHAR(32)   NOT NULL,
    row_limit         BIGINT,
    idempotency_key   VARCHAR(256),
    state             VARCHAR(16)   NOT NULL,
    created_at        BIGINT        NOT NULL,
    started_at        BIGINT,
    finished_at       BIGINT,
    engine_id         VARCHAR(128),
    error_code        VARCHAR(128),
    error_message     TEXT,
    sql_state         VARCHAR(16),
    manifest_json     TEXT,
    result_expires_at BIGINT,
    CONSTRAINT statements_pk PRIMARY KEY (id),
    -- NULL keys never collide: both databases treat NULLs in a unique constraint as distinct.
    CONSTRAINT statements_owner_idempotency_key_uq UNIQUE (owner, idempotency_key),
    CONSTRAINT statements_state_ck
        CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED'))
);

-- An owner's statements, newest first, continuing after (created_at, id).
CREATE INDEX statements_owner_created_idx ON statements (owner, created_at DESC, id DESC);

-- Expired results (state SUCCEEDED, result_expires_at < now) and unfinished work after a restart.
CREATE INDEX statements_state_expires_idx ON statements (state, result_expires_at);
