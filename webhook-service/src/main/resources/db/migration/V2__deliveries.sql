-- V1's delivery_job never held data (no code wrote it); deliveries get their real shape here.
DROP TABLE delivery_job;

-- One outbound GET accepted from integrations-service, kept until delivered, given up (failed) or blocked.
CREATE TABLE delivery (
    id               UUID        PRIMARY KEY,  -- the job id, sent as webhook-id on every attempt
    integration_id   UUID        NOT NULL,
    owner_account_id BIGINT      NOT NULL,     -- whose admins read the log
    account_id       BIGINT      NOT NULL,     -- the account that installed or disabled
    kind             TEXT        NOT NULL CHECK (kind IN ('installed', 'access_revoked')),
    url              TEXT        NOT NULL,     -- the redirect or revoke URL, before the parameters are added
    referer          TEXT,
    state            TEXT,
    endpoint         TEXT        NOT NULL,     -- scheme://host:port, the unit of the per-endpoint concurrency limit
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'blocked')),
    attempts         INTEGER     NOT NULL DEFAULT 0,  -- ever made; numbers the attempt log
    round_attempts   INTEGER     NOT NULL DEFAULT 0,  -- since acceptance or the last redelivery; indexes the schedule
    -- when the next attempt is due; leasing a job pushes it one lease ahead, so a job whose worker died is due again
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_log ON delivery (integration_id, owner_account_id, created_at DESC);

-- Every attempt, for the delivery log.
CREATE TABLE delivery_attempt (
    delivery_id UUID        NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    number      INTEGER     NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    url         TEXT        NOT NULL,  -- as sent, with code and signature masked
    outcome     TEXT        NOT NULL CHECK (outcome IN ('delivered', 'retry', 'gone', 'failed', 'blocked')),
    status_code INTEGER,
    latency_ms  INTEGER,
    error       TEXT,
    PRIMARY KEY (delivery_id, number)
);
