-- A statement may run in a session, or run a job of a function instead of SQL text: one table and
-- one lifecycle for both kinds of work.
ALTER TABLE statements ADD COLUMN kind VARCHAR(16) DEFAULT 'STATEMENT' NOT NULL;
ALTER TABLE statements ADD COLUMN session_id VARCHAR(128);
-- The job (function, artifact, class, parameters) as JSON; NULL for SQL statements.
ALTER TABLE statements ADD COLUMN job_json TEXT;
-- A job's result when it is a value rather than a Dataset, as JSON.
ALTER TABLE statements ADD COLUMN result_value TEXT;
ALTER TABLE statements ADD CONSTRAINT statements_kind_ck CHECK (kind IN ('STATEMENT', 'JOB'));

-- An owner's statements or jobs, newest first.
CREATE INDEX statements_owner_kind_created_idx ON statements (owner, kind, created_at DESC, id DESC);

-- A session's statements, in the order they were accepted.
CREATE INDEX statements_session_created_idx ON statements (session_id, created_at, id);
