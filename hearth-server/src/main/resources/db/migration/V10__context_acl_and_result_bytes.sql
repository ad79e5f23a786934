-- Context ACLs: who may use a context and who may change it, each a JSON array of entries (a user
-- name, "group:<name>" or "*"). NULL, as in rows from before this migration, is the default: used
-- by everyone ("*"), changed by its creator.
ALTER TABLE contexts ADD COLUMN use_acl TEXT;
ALTER TABLE contexts ADD COLUMN manage_acl TEXT;

-- The bytes a succeeded statement's or job's result holds in the result store, for the per-user
-- quota quota.max-result-bytes (NULL for results stored before this migration: not counted).
ALTER TABLE statements ADD COLUMN result_bytes BIGINT;

-- An owner's unfinished work and stored results, counted for quotas at every submission.
CREATE INDEX statements_owner_state_idx ON statements (owner, state);
