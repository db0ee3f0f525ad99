-- Outbound deliveries accepted from integrations-service, kept until delivered or given up.
CREATE TABLE delivery_job (
    id              UUID        PRIMARY KEY,
    integration_id  UUID        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('installed', 'access_revoked')),
    url             TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'blocked')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX delivery_job_due ON delivery_job (next_attempt_at) WHERE status = 'pending';
