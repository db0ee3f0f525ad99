-- An account's installation of an integration: one row per (integration, account); disabling keeps the row, so a
-- later install re-activates it.
CREATE TABLE installation (
    integration_id    UUID        NOT NULL REFERENCES integration (id),
    account_id        BIGINT      NOT NULL,
    language          TEXT        NOT NULL,
    account_subdomain TEXT,
    installed_by      TEXT,
    active            BOOLEAN     NOT NULL,
    installed_at      TIMESTAMPTZ NOT NULL,
    disabled_at       TIMESTAMPTZ,
    PRIMARY KEY (integration_id, account_id)
);
CREATE INDEX installation_by_account ON installation (account_id, installed_at DESC) WHERE active;
