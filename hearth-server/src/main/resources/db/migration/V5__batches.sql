-- Batches: whole Spark applications run to completion in a process of their own, one row each.
-- args and conf as JSON text; times as BIGINT microseconds since the epoch, like statements.
-- No foreign key to artifacts: a batch's record outlives the artifact it ran.
CREATE TABLE batches (
    id             VARCHAR(128)   NOT NULL,
    owner          VARCHAR(256)   NOT NULL,
    artifact_id    VARCHAR(128)   NOT NULL,
    class_name     VARCHAR(1024)  NOT NULL,
    args_json      TEXT           NOT NULL,
    conf_json      TEXT           NOT NULL,
    state          VARCHAR(16)    NOT NULL,
    created_at     BIGINT         NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    pid            BIGINT,
    exit_code      INTEGER,
    error_code     VARCHAR(128),
    error_message  TEXT,
    CONSTRAINT batches_pk PRIMARY KEY (id),
    CONSTRAINT batches_state_ck CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'KILLED'))
);

-- An owner's batches, newest first.
CREATE INDEX batches_owner_created_idx ON batches (owner, created_at DESC, id DESC);

-- Unfinished batches after a restart.
CREATE INDEX batches_state_created_idx ON batches (state, created_at);
