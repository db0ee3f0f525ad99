-- Raw install/uninstall events, one row per event id (ingestion is idempotent by event_id).
CREATE TABLE install_event (
    event_id         UUID        PRIMARY KEY,
    type             TEXT        NOT NULL CHECK (type IN ('install', 'uninstall')),
    integration_id   UUID        NOT NULL,
    widget_code      TEXT        NOT NULL,
    owner_account_id BIGINT      NOT NULL,
    account_id       BIGINT      NOT NULL,
    language         TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX install_event_integration ON install_event (integration_id, occurred_at);

-- Per-day rollup maintained in the ingesting transaction, so that reads never scan raw events.
CREATE TABLE daily_installs (
    integration_id UUID    NOT NULL,
    language       TEXT    NOT NULL,
    day            DATE    NOT NULL,
    installs       INTEGER NOT NULL DEFAULT 0,
    uninstalls     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (integration_id, language, day)
);
