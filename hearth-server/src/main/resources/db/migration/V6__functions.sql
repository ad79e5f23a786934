-- Functions: job classes from uploaded artifacts, registered under a name unique for their owner.
-- Times as in V1: BIGINT microseconds since the epoch.
CREATE TABLE functions (
    owner                  VARCHAR(256)  NOT NULL,
    name                   VARCHAR(64)   NOT NULL,
    artifact_id            VARCHAR(128)  NOT NULL,
    class_name             VARCHAR(1024) NOT NULL,
    context                VARCHAR(64)   NOT NULL,
    parameters_schema_json TEXT          NOT NULL,
    result_type            VARCHAR(2048) NOT NULL,
    created_at             BIGINT        NOT NULL,
    CONSTRAINT functions_pk PRIMARY KEY (owner, name)
);

-- Which functions use an artifact (an artifact in use cannot be deleted).
CREATE INDEX functions_artifact_idx ON functions (artifact_id);
