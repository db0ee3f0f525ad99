-- A public integration may have no widget: then its version says so, needs no archive, and is installed only from the
-- developer's own site (the authorization page), whose address each listing gives.
ALTER TABLE integration_version ADD COLUMN has_widget BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE listing ADD COLUMN install_url TEXT;

-- The catalog list says whether an integration installs from the marketplace, as its card does.
ALTER TABLE catalog_entry ADD COLUMN has_widget BOOLEAN NOT NULL DEFAULT true;
CREATE OR REPLACE FUNCTION refresh_catalog(only_integration UUID, marketplace_languages TEXT[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM catalog_entry WHERE only_integration IS NULL OR integration_id = only_integration;
    INSERT INTO catalog_entry (requested_language, integration_id, version_id, code, version, category, language, name,
                               short_description, sort_name, search, icon_id, icon_content_type, has_widget)
    SELECT asked.language, i.id, v.id, i.code, v.number, coalesce(v.category, 'other'), l.language, l.name,
           l.short_description, lower(coalesce(l.name, '')),
           to_tsvector('simple', coalesce(l.name, '') || ' ' || coalesce(l.short_description, '')),
           icon.id, icon.content_type, v.has_widget
    FROM integration i
    JOIN integration_version v ON v.integration_id = i.id AND v.status = 'published'
    CROSS JOIN unnest(marketplace_languages) AS asked(language)
    JOIN LATERAL (SELECT * FROM listing l WHERE l.version_id = v.id
                  ORDER BY l.language = asked.language DESC, array_position(i.languages, l.language) LIMIT 1) l ON true
    LEFT JOIN LATERAL (SELECT m.id, b.content_type FROM listing_medium m JOIN media_blob b ON b.sha256 = m.sha256
                       WHERE m.version_id = v.id AND m.language = l.language AND m.kind = 'icon' LIMIT 1) icon ON true
    WHERE only_integration IS NULL OR i.id = only_integration;
$$;
