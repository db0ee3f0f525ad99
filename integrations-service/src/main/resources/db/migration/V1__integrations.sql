CREATE TABLE integration (
    id               UUID        PRIMARY KEY,
    owner_account_id BIGINT      NOT NULL,
    code             TEXT        NOT NULL,
    redirect_uri     TEXT        NOT NULL,
    revoke_url       TEXT,
    scopes           TEXT[]      NOT NULL,
    languages        TEXT[]      NOT NULL,
    created_by       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT integration_code_format CHECK (code ~ '^[a-z][A-Za-z0-9_]{0,63}$'),
    CONSTRAINT integration_has_scopes CHECK (cardinality(scopes) > 0),
    CONSTRAINT integration_has_languages CHECK (cardinality(languages) > 0)
);

-- Widget codes are unique across the platform regardless of case: "crmSync" and "crmsync" would be confusable.
CREATE UNIQUE INDEX integration_code_unique ON integration (lower(code));
CREATE INDEX integration_owner ON integration (owner_account_id, created_at DESC);

CREATE TABLE integration_version (
    id             UUID        PRIMARY KEY,
    integration_id UUID        NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    number         INTEGER     NOT NULL CHECK (number > 0),
    status         TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (integration_id, number)
);
