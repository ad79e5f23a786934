-- API tokens: bearer tokens a user creates for scripts and services (POST /v1/tokens).
-- A token's text is hth_<id>_<secret>: the id finds the row, and only the SHA-256 of the secret
-- is kept. The secret is 256 random bits, so a fast unsalted hash is right: nobody can guess
-- their way to a preimage, and a slow password hash (bcrypt) would only cost every request time.
-- Whoever reads this table learns owners and names, never a usable token.
-- Names are labels, not keys: several tokens of one owner may share one, so a replacement can be
-- made before the old token is revoked.
-- Times are BIGINT microseconds since the epoch, as in statements.
CREATE TABLE api_tokens (
    id             VARCHAR(128)  NOT NULL,
    owner          VARCHAR(256)  NOT NULL,
    name           VARCHAR(256)  NOT NULL,
    -- lower-case hex
    secret_sha256  VARCHAR(64)   NOT NULL,
    -- the owner's groups when the token was created (JSON array): a token carries no directory
    groups_json    TEXT          NOT NULL,
    created_at     BIGINT        NOT NULL,
    -- required: every token expires (auth.tokens.max-ttl)
    expires_at     BIGINT        NOT NULL,
    -- written at most once a minute per token, not on every request
    last_used_at   BIGINT,
    revoked_at     BIGINT,
    CONSTRAINT api_tokens_pk PRIMARY KEY (id)
);

-- An owner's tokens, newest first.
CREATE INDEX api_tokens_owner_created_idx ON api_tokens (owner, created_at DESC, id DESC);
