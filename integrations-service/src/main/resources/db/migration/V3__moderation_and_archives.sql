-- Moderation: the category chosen at publication, the reason of a rejection, when the version went to review.
ALTER TABLE integration_version
    ADD COLUMN category         TEXT,
    ADD COLUMN rejection_reason TEXT,
    ADD COLUMN submitted_at     TIMESTAMPTZ;
CREATE INDEX integration_version_queue ON integration_version (status, submitted_at);

-- Every status change of a version: who, when, from, to, and why.
CREATE TABLE version_transition (
    id               BIGSERIAL   PRIMARY KEY,
    version_id       UUID        NOT NULL REFERENCES integration_version (id) ON DELETE CASCADE,
    from_status      TEXT        NOT NULL,
    to_status        TEXT        NOT NULL,
    actor            TEXT        NOT NULL,
    actor_account_id BIGINT,
    reason           TEXT,
    occurred_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX version_transition_by_version ON version_transition (version_id, id);

-- A validated widget archive, stored once per content; its files are kept unpacked for serving under /upl.
CREATE TABLE widget_archive (
    sha256      TEXT        PRIMARY KEY,
    size_bytes  INTEGER     NOT NULL,
    entry_count INTEGER     NOT NULL,
    report      JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE widget_archive_file (
    archive_sha256 TEXT    NOT NULL REFERENCES widget_archive (sha256) ON DELETE CASCADE,
    path           TEXT    NOT NULL,
    content_type   TEXT    NOT NULL,
    sha256         TEXT    NOT NULL,
    bytes          BYTEA   NOT NULL,
    PRIMARY KEY (archive_sha256, path)
);

ALTER TABLE integration_version ADD COLUMN archive_sha256 TEXT REFERENCES widget_archive (sha256);

-- CI uploads: the same Idempotency-Key on the same version answers what the first request answered.
CREATE TABLE idempotent_request (
    version_id    UUID        NOT NULL REFERENCES integration_version (id) ON DELETE CASCADE,
    key           TEXT        NOT NULL,
    body_sha256   TEXT        NOT NULL,
    status        INTEGER     NOT NULL,
    response      JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (version_id, key)
);
