-- Streams: long-running Structured Streaming queries, one row each (docs/streams.md).
-- spec_json holds what runs (source, SQL, sink, trigger, checkpoint), so a restart starts the very
-- same query; progress_json the latest micro-batches. Times as BIGINT microseconds since the epoch.
CREATE TABLE streams (
    id             VARCHAR(128)   NOT NULL,
    owner          VARCHAR(256)   NOT NULL,
    name           VARCHAR(128),
    context        VARCHAR(128)   NOT NULL,
    spec_json      TEXT           NOT NULL,
    external_id    VARCHAR(256),
    callback_url   TEXT,
    state          VARCHAR(16)    NOT NULL,
    engine_id      VARCHAR(128),
    restarts       INTEGER        NOT NULL,
    error_code     VARCHAR(128),
    error_message  TEXT,
    created_at     BIGINT         NOT NULL,
    started_at     BIGINT,
    ended_at       BIGINT,
    progress_json  TEXT           NOT NULL,
    CONSTRAINT streams_pk PRIMARY KEY (id),
    CONSTRAINT streams_state_ck CHECK (state IN ('QUEUED', 'RUNNING', 'STOPPED', 'FAILED'))
);

-- An owner's streams, newest first.
CREATE INDEX streams_owner_created_idx ON streams (owner, created_at DESC, id DESC);

-- Unfinished streams after a restart.
CREATE INDEX streams_state_created_idx ON streams (state, created_at);
