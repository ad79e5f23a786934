-- Uploaded jars, one row each. The bytes are a file named by their SHA-256 under the artifact
-- directory (artifact.directory = <data-dir>/artifacts), so several rows, of any owners, may share
-- one file; the file goes with the last row that refers to it.
CREATE TABLE artifacts (
    id          VARCHAR(128)  NOT NULL,
    owner       VARCHAR(256)  NOT NULL,
    name        VARCHAR(256)  NOT NULL,
    sha256      VARCHAR(64)   NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    created_at  BIGINT        NOT NULL,
    CONSTRAINT artifacts_pk PRIMARY KEY (id)
);

-- An owner's artifacts, newest first.
CREATE INDEX artifacts_owner_created_idx ON artifacts (owner, created_at DESC, id DESC);

-- Whether any row still refers to a file.
CREATE INDEX artifacts_sha256_idx ON artifacts (sha256);
