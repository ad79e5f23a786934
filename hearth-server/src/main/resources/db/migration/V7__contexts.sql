-- Contexts made through the API (the "default" context comes from configuration and is not stored).
-- Times as in V1: BIGINT microseconds since the epoch.
CREATE TABLE contexts (
    name        VARCHAR(64)   NOT NULL,
    spec_json   TEXT          NOT NULL,
    created_by  VARCHAR(256)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL,
    CONSTRAINT contexts_pk PRIMARY KEY (name)
);

-- The context whose engines run a statement or job (NULL: the default context).
ALTER TABLE statements ADD COLUMN context VARCHAR(64);
