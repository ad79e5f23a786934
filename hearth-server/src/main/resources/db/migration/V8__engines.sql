-- Engines the gateway launched, so a restarted gateway knows which engines may still run, can
-- prove itself to them and accept their re-registration. The secret is stored as given: the
-- gateway sends it on every call to the engine, so it cannot be a hash; whoever reads this store
-- can command its engines (as they can read every result's metadata).
-- Times are BIGINT microseconds since the epoch, as in statements.
CREATE TABLE engines (
    id            VARCHAR(128)  NOT NULL,
    secret        VARCHAR(256)  NOT NULL,
    share_key     VARCHAR(512)  NOT NULL,
    engine_user   VARCHAR(256)  NOT NULL,
    pid           BIGINT,
    host          VARCHAR(256),
    port          INTEGER,
    -- no CHECK: new engine states should not need a migration
    state         VARCHAR(16)   NOT NULL,
    started_at    BIGINT        NOT NULL,
    ended_at      BIGINT,
    log_file      VARCHAR(4096) NOT NULL,
    error         TEXT,
    CONSTRAINT engines_pk PRIMARY KEY (id)
);

-- Engines still live when a gateway starts.
CREATE INDEX engines_state_idx ON engines (state);
