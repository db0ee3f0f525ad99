-- Secrets that must be read back (shown in the Keys view, used to sign webhooks) are encrypted with AES-GCM;
-- the ciphertext names the key it was made with ("<key id>:<base64 iv+ciphertext>") so the key can rotate.
CREATE TABLE client_secret (
    client_id  UUID        PRIMARY KEY REFERENCES client_registration (client_id) ON DELETE CASCADE,
    secret_enc TEXT        NOT NULL,
    rotated_at TIMESTAMPTZ NOT NULL
);

-- The current webhook secret has no expiry; after a rotation the previous one keeps signing for 24 hours.
CREATE TABLE webhook_secret (
    id         BIGSERIAL   PRIMARY KEY,
    client_id  UUID        NOT NULL REFERENCES client_registration (client_id) ON DELETE CASCADE,
    secret_enc TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ
);
CREATE INDEX webhook_secret_by_client ON webhook_secret (client_id, id DESC);

-- Token signing keys. A key stays in the JWKS while any token it signed is unexpired (last_expiry).
CREATE TABLE signing_key (
    kid             TEXT        PRIMARY KEY,
    private_key_enc TEXT        NOT NULL,
    public_key      BYTEA       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    active          BOOLEAN     NOT NULL,
    last_expiry     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (active) WHERE active;

-- A grant is what an account gave an integration (or what a publish key or a long-lived token stands for);
-- revoking it kills every token issued under it.
CREATE TABLE token_grant (
    id         UUID        PRIMARY KEY,
    client_id  UUID        NOT NULL,
    account_id BIGINT,
    kind       TEXT        NOT NULL CHECK (kind IN ('authorization_code', 'long_lived', 'publish')),
    scope      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX token_grant_by_client_account ON token_grant (client_id, account_id);

-- Secrets that are never read back are stored as SHA-256 hashes only.
CREATE TABLE authorization_code (
    code_hash             TEXT        PRIMARY KEY,
    client_id             UUID        NOT NULL,
    account_id            BIGINT      NOT NULL,
    code_challenge        TEXT,
    code_challenge_method TEXT,
    expires_at            TIMESTAMPTZ NOT NULL,
    used_at               TIMESTAMPTZ,
    grant_id              UUID REFERENCES token_grant (id)
);

CREATE TABLE refresh_token (
    token_hash TEXT        PRIMARY KEY,
    grant_id   UUID        NOT NULL REFERENCES token_grant (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

-- Access tokens are JWTs naming their grant (claim gid), so none is stored; one revoked on its own is listed here
-- until it expires.
CREATE TABLE revoked_access_token (
    jti        UUID        PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE long_lived_token (
    id         UUID        PRIMARY KEY,
    client_id  UUID        NOT NULL,
    grant_id   UUID        NOT NULL REFERENCES token_grant (id),
    token_hash TEXT        NOT NULL,
    prefix     TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE publish_key (
    id         UUID        PRIMARY KEY,
    client_id  UUID        NOT NULL,
    grant_id   UUID        NOT NULL REFERENCES token_grant (id),
    key_hash   TEXT        NOT NULL,
    prefix     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
