-- Webhook deliveries waiting for (another) attempt (docs/webhooks.md). A delivered one is deleted; a
-- DEAD one (given up after webhooks.max-attempts) and a GONE one (the receiver answered 410) stay
-- for operators, and a GONE row keeps further events of its resource from going to its URL.
CREATE TABLE webhook_deliveries (
    event_seq        BIGINT        NOT NULL,
    callback_url     VARCHAR(2048) NOT NULL,
    resource_kind    VARCHAR(16)   NOT NULL,
    resource_id      VARCHAR(128)  NOT NULL,
    body             TEXT          NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  BIGINT        NOT NULL,
    last_error       VARCHAR(1024),
    updated_at       BIGINT        NOT NULL,
    CONSTRAINT webhook_deliveries_pk PRIMARY KEY (event_seq)
);

-- The due ones, and one resource's queue in order.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_resource_idx ON webhook_deliveries (resource_kind, resource_id, event_seq);

-- A statement's result sink ({"table": ...} or {"jdbc": {"target", "table"}}, "mode") and, once it
-- SUCCEEDED, the rows it wrote (docs/api.md, "Result sinks"); null for a result kept in chunks.
ALTER TABLE statements ADD COLUMN sink_json TEXT;
