-- Stage 2: version-wide settings, the per-language listing and its media.
ALTER TABLE integration_version
    ADD COLUMN duplicate_control BOOLEAN,
    ADD COLUMN multiple_sources  BOOLEAN,
    ADD COLUMN owner_company     TEXT;

-- A listing row exists once something was saved for that language; until then the listing is empty.
CREATE TABLE listing (
    id                    UUID        PRIMARY KEY,
    version_id            UUID        NOT NULL REFERENCES integration_version (id) ON DELETE CASCADE,
    language              TEXT        NOT NULL,
    name                  TEXT,
    short_description     TEXT,
    description           TEXT,
    installed_description TEXT,
    privacy_policy_url    TEXT,
    support_url           TEXT,
    support_email         TEXT,
    updated_at            TIMESTAMPTZ NOT NULL,
    UNIQUE (version_id, language)
);

-- Image bytes, stored once per content (SHA-256): versions and languages that show the same image share the row.
CREATE TABLE media_blob (
    sha256       TEXT        PRIMARY KEY,
    content_type TEXT        NOT NULL,
    width        INTEGER     NOT NULL,
    height       INTEGER     NOT NULL,
    size_bytes   INTEGER     NOT NULL,
    bytes        BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE listing_medium (
    id         UUID        PRIMARY KEY,
    version_id UUID        NOT NULL REFERENCES integration_version (id) ON DELETE CASCADE,
    language   TEXT        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('icon', 'gallery', 'installed_logo')),
    sha256     TEXT        NOT NULL REFERENCES media_blob (sha256),
    -- order of addition; the gallery is shown newest first, and replacing an image keeps its place
    position   BIGSERIAL   NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX listing_medium_single ON listing_medium (version_id, language, kind) WHERE kind <> 'gallery';
CREATE INDEX listing_medium_by_listing ON listing_medium (version_id, language, kind, position DESC);
