-- The redirect URLs of published integrations, learnt from integrations-service, and what their last check found.
CREATE TABLE redirect_watch (
    integration_id   UUID        PRIMARY KEY,
    owner_account_id BIGINT      NOT NULL,
    url              TEXT        NOT NULL,
    published        BOOLEAN     NOT NULL,
    status           TEXT        CHECK (status IN ('ok', 'failing')),  -- null until the first check
    checked_at       TIMESTAMPTZ,
    error            TEXT
);
