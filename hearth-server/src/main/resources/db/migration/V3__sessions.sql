-- Sessions: a client's stateful conversation, bound to the engine its SparkSession lives on.
-- Times are BIGINT microseconds since the epoch, as in statements.
CREATE TABLE sessions (
    id            VARCHAR(128)  NOT NULL,
    owner         VARCHAR(256)  NOT NULL,
    context       VARCHAR(128)  NOT NULL,
    -- the Spark SQL conf it was opened with, as a JSON object
    conf_json     TEXT          NOT NULL,
    engine_id     VARCHAR(128)  NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    last_used_at  BIGINT        NOT NULL,
    closed_at     BIGINT,
    -- no CHECK on the reason: new reasons should not need a migration
    close_reason  VARCHAR(32),
    CONSTRAINT sessions_pk PRIMARY KEY (id),
    CONSTRAINT sessions_state_ck CHECK (state IN ('OPEN', 'CLOSED'))
);

-- An owner's sessions, newest first, continuing after (created_at, id).
CREATE INDEX sessions_owner_created_idx ON sessions (owner, created_at DESC, id DESC);

-- Idle sessions (state OPEN, last_used_at < cutoff), open sessions after a restart.
CREATE INDEX sessions_state_used_idx ON sessions (state, last_used_at);

-- Open sessions of an engine that ended.
CREATE INDEX sessions_engine_state_idx ON sessions (engine_id, state);
