package io.marketplace.integrations.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The marketplace's reads: published versions (plus, for a technical account, its own unpublished integrations), each
 * with the listing in the asked language or, when the version lacks it, in the integration's first language that has
 * one. An unpublished integration without any listing yet is shown under its code, so that its owner can test-install
 * it from the start. One statement per page; no entity is loaded.
 */
@ApplicationScoped
public class CatalogRepository {

    @Inject
    EntityManager entityManager;

    @Inject
    DataSource dataSource;

    /** {@code hasWidget} false: installed only from the developer's site, {@code installUrl}. */
    public record Entry(UUID id, String code, int version, String category, boolean testing, String language, String name,
            String shortDescription, String description, String installedDescription, String privacyPolicyUrl,
            String supportUrl, String supportEmail, UUID versionId, boolean hasWidget, String installUrl) {
    }

    /** A row of a catalog page: enough for the list, with the icon's id and type to name its URL. */
    public record Row(UUID id, String code, int version, String category, boolean testing, String language, String name,
            String shortDescription, UUID iconId, String iconContentType, boolean hasWidget) {
    }

    public record Image(UUID id, UUID versionId, String language, MediaKind kind, String contentType) {
    }

    /**
     * One integration as the marketplace shows it (bound in order: the account, the language three times, the id).
     * Plain JDBC: it is read by every install, and Hibernate's native queries cost more CPU than the statement.
     */
    private static final String SHOWN = """
            WITH shown AS (
                SELECT i.id, i.code, i.languages, v.id AS version_id, v.number, coalesce(v.category, 'other') AS category,
                       false AS testing, v.has_widget
                FROM integration i JOIN integration_version v ON v.integration_id = i.id AND v.status = 'published'
                UNION ALL
                SELECT i.id, i.code, i.languages, v.id, v.number, coalesce(v.category, 'other'), true, v.has_widget
                FROM integration i
                JOIN LATERAL (SELECT id, number, category, has_widget FROM integration_version
                              WHERE integration_id = i.id ORDER BY number DESC LIMIT 1) v ON true
                WHERE i.owner_account_id = ?
                  AND NOT EXISTS (SELECT 1 FROM integration_version p WHERE p.integration_id = i.id AND p.status = 'published')
            )
            SELECT s.id, s.code, s.number, s.category, s.testing,
                   coalesce(l.language, CASE WHEN CAST(? AS text) = ANY(s.languages) THEN CAST(? AS text) ELSE s.languages[1] END),
                   coalesce(l.name, s.code), l.short_description, l.description,
                   l.installed_description, l.privacy_policy_url, l.support_url, l.support_email, s.version_id,
                   s.has_widget, l.install_url
            FROM shown s
            LEFT JOIN LATERAL (SELECT * FROM listing l WHERE l.version_id = s.version_id
                               ORDER BY l.language = CAST(? AS text) DESC, array_position(s.languages, l.language) LIMIT 1) l ON true
            WHERE s.id = ?""";

    /**
     * A page of the catalog in {@code language}: first, for a technical account ({@code account}; 0 for anyone else),
     * its own unpublished integrations, computed live (a developer has few); then the published ones from the read
     * model, an index scan of one page. {@code category} and {@code terms} (each matched as a word prefix in name and
     * short description) may be null or empty.
     */
    public List<Row> page(String language, long account, String category, List<String> terms, int limit, int offset) {
        String prefixQuery = terms.isEmpty() ? null
                : terms.stream().map(term -> term + ":*").collect(Collectors.joining(" & "));
        List<Row> testing = account == 0 ? List.of() : testing(language, account, category, prefixQuery);
        List<Row> page = new ArrayList<>(testing.subList(Math.min(offset, testing.size()),
                Math.min(offset + limit, testing.size())));
        if (page.size() < limit) {
            page.addAll(published(language, category, prefixQuery, limit - page.size(), Math.max(0, offset - testing.size())));
        }
        return page;
    }

    /** Only the conditions asked for are in the statement, so that each shape gets the plan its index allows. */
    @SuppressWarnings("unchecked")
    private List<Row> published(String language, String category, String prefixQuery, int limit, int offset) {
        Query query = entityManager.createNativeQuery("""
                        SELECT integration_id, code, version, category, false, language, name, short_description,
                               icon_id, icon_content_type, has_widget
                        FROM catalog_entry
                        WHERE requested_language = :language %s %s
                        ORDER BY sort_name, integration_id LIMIT :limit OFFSET :offset""".formatted(
                        category == null ? "" : "AND category = :category",
                        prefixQuery == null ? "" : "AND search @@ to_tsquery('simple', :terms)"))
                .setParameter("language", language).setParameter("limit", limit).setParameter("offset", offset);
        if (category != null) {
            query.setParameter("category", category);
        }
        if (prefixQuery != null) {
            query.setParameter("terms", prefixQuery);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(CatalogRepository::row).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Row> testing(String language, long account, String category, String prefixQuery) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT t.id, t.code, t.number, t.category, true,
                               coalesce(l.language, CASE WHEN ?1 = ANY(t.languages) THEN ?1 ELSE t.languages[1] END),
                               coalesce(l.name, t.code), l.short_description,
                               icon.id, icon.content_type, t.has_widget
                        FROM (SELECT i.id, i.code, i.languages, v.id AS version_id, v.number,
                                     coalesce(v.category, 'other') AS category, v.has_widget
                              FROM integration i
                              JOIN LATERAL (SELECT id, number, category, has_widget FROM integration_version
                                            WHERE integration_id = i.id ORDER BY number DESC LIMIT 1) v ON true
                              WHERE i.owner_account_id = ?2 AND NOT EXISTS (SELECT 1 FROM integration_version p
                                    WHERE p.integration_id = i.id AND p.status = 'published')) t
                        LEFT JOIN LATERAL (SELECT * FROM listing l WHERE l.version_id = t.version_id
                                           ORDER BY l.language = ?1 DESC, array_position(t.languages, l.language) LIMIT 1) l ON true
                        LEFT JOIN LATERAL (SELECT m.id, b.content_type FROM listing_medium m
                                           JOIN media_blob b ON b.sha256 = m.sha256
                                           WHERE m.version_id = t.version_id AND m.language = l.language
                                             AND m.kind = 'icon' LIMIT 1) icon ON true
                        WHERE (CAST(?3 AS text) IS NULL OR t.category = ?3)
                          AND (CAST(?4 AS text) IS NULL OR to_tsvector('simple', coalesce(l.name, t.code) || ' '
                               || coalesce(l.short_description, '')) @@ to_tsquery('simple', ?4))
                        ORDER BY lower(coalesce(l.name, t.code)), t.id""")
                .setParameter(1, language).setParameter(2, account).setParameter(3, category).setParameter(4, prefixQuery)
                .getResultList();
        return rows.stream().map(CatalogRepository::row).toList();
    }

    private static Row row(Object[] r) {
        return new Row((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3], (Boolean) r[4],
                (String) r[5], (String) r[6], (String) r[7], (UUID) r[8], (String) r[9], (Boolean) r[10]);
    }

    /** Rebuilds the catalog rows of an integration (after a publication), for every Marketplace language. */
    public void refresh(UUID integrationId, List<String> languages) {
        entityManager.flush(); // the published status, written through the entities, must be in the database first
        entityManager.createNativeQuery("SELECT CAST(refresh_catalog(?1, CAST(?2 AS text[])) AS text)")
                .setParameter(1, integrationId).setParameter(2, languages.toArray(String[]::new))
                .getSingleResult();
    }

    public List<Entry> one(UUID id, String language, long account) {
        return Jdbc.list(dataSource, SHOWN, CatalogRepository::entry, account, language, language, language, id);
    }

    /** The images of the shown listings, gallery newest first. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<Image>> images(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT m.id, m.version_id, m.language, m.kind, b.content_type
                        FROM listing_medium m JOIN media_blob b ON b.sha256 = m.sha256
                        JOIN unnest(CAST(?1 AS uuid[]), CAST(?2 AS text[])) AS shown(version_id, language)
                          ON shown.version_id = m.version_id AND shown.language = m.language
                        ORDER BY m.position DESC""")
                .setParameter(1, entries.stream().map(e -> e.versionId().toString()).toArray(String[]::new))
                .setParameter(2, entries.stream().map(Entry::language).toArray(String[]::new))
                .getResultList();
        return rows.stream().map(r -> new Image((UUID) r[0], (UUID) r[1], (String) r[2], MediaKind.fromCode((String) r[3]),
                        (String) r[4]))
                .collect(Collectors.groupingBy(Image::versionId));
    }

    private static Entry entry(ResultSet r) throws SQLException {
        return new Entry(r.getObject(1, UUID.class), r.getString(2), r.getInt(3), r.getString(4), r.getBoolean(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                r.getString(12), r.getString(13), r.getObject(14, UUID.class), r.getBoolean(15), r.getString(16));
    }
}
