-- The marketplace catalog as it is read: one row per published integration and Marketplace language asked for, with
-- the listing shown for that language (its own, or the integration's first language that has one). Reads are an
-- index scan of one page; the rows of an integration are rebuilt when a version of it is published.
CREATE TABLE catalog_entry (
    requested_language TEXT     NOT NULL,
    integration_id     UUID     NOT NULL REFERENCES integration (id) ON DELETE CASCADE,
    version_id         UUID     NOT NULL,
    code               TEXT     NOT NULL,
    version            INTEGER  NOT NULL,
    category           TEXT     NOT NULL,
    language           TEXT     NOT NULL,
    name               TEXT,
    short_description  TEXT,
    sort_name          TEXT     NOT NULL,
    search             TSVECTOR NOT NULL,
    icon_id            UUID,
    icon_content_type  TEXT,
    PRIMARY KEY (requested_language, integration_id)
);
CREATE INDEX catalog_entry_order ON catalog_entry (requested_language, sort_name, integration_id);
CREATE INDEX catalog_entry_category ON catalog_entry (requested_language, category, sort_name, integration_id);
CREATE INDEX catalog_entry_search ON catalog_entry USING gin (search);

-- Rebuilds the rows of one integration (or of all, with NULL) for the given Marketplace languages.
CREATE FUNCTION refresh_catalog(only_integration UUID, marketplace_languages TEXT[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM catalog_entry WHERE only_integration IS NULL OR integration_id = only_integration;
    INSERT INTO catalog_entry (requested_language, integration_id, version_id, code, version, category, language, name,
                               short_description, sort_name, search, icon_id, icon_content_type)
    SELECT asked.language, i.id, v.id, i.code, v.number, coalesce(v.category, 'other'), l.language, l.name,
           l.short_description, lower(coalesce(l.name, '')),
           to_tsvector('simple', coalesce(l.name, '') || ' ' || coalesce(l.short_description, '')),
           icon.id, icon.content_type
    FROM integration i
    JOIN integration_version v ON v.integration_id = i.id AND v.status = 'published'
    CROSS JOIN unnest(marketplace_languages) AS asked(language)
    JOIN LATERAL (SELECT * FROM listing l WHERE l.version_id = v.id
                  ORDER BY l.language = asked.language DESC, array_position(i.languages, l.language) LIMIT 1) l ON true
    LEFT JOIN LATERAL (SELECT m.id, b.content_type FROM listing_medium m JOIN media_blob b ON b.sha256 = m.sha256
                       WHERE m.version_id = v.id AND m.language = l.language AND m.kind = 'icon' LIMIT 1) icon ON true
    WHERE only_integration IS NULL OR i.id = only_integration;
$$;

SELECT refresh_catalog(NULL, ARRAY['en', 'es', 'pt', 'tr', 'id']);
