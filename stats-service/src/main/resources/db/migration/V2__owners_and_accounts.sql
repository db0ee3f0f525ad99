-- Who may read an integration's statistics: learnt from its events.
CREATE TABLE integration_owner (
    integration_id   UUID        PRIMARY KEY,
    owner_account_id BIGINT      NOT NULL,
    widget_code      TEXT        NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Accounts that installed, per day: distinct accounts over a range without reading raw events.
CREATE TABLE daily_accounts (
    integration_id UUID   NOT NULL,
    language       TEXT   NOT NULL,
    day            DATE   NOT NULL,
    account_id     BIGINT NOT NULL,
    PRIMARY KEY (integration_id, language, day, account_id)
);
