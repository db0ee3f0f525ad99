package io.marketplace.integrations.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validated widget archives and their unpacked files, stored once per archive content. */
@ApplicationScoped
public class ArchiveRepository {

    /** A file of a version's archive, with what serving it needs. */
    public record ArchiveFile(String contentType, String sha256, byte[] bytes, VersionStatus versionStatus) {
    }

    @Inject
    EntityManager entityManager;

    /** Stores the archive and its files unless the same content is already stored; answers the archive row. */
    public WidgetArchive store(String sha256, int sizeBytes, String reportJson, Map<String, StoredFile> files) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO widget_archive (sha256, size_bytes, entry_count, report)
                        VALUES (?1, ?2, ?3, CAST(?4 AS jsonb)) ON CONFLICT (sha256) DO NOTHING""")
                .setParameter(1, sha256)
                .setParameter(2, sizeBytes)
                .setParameter(3, files.size())
                .setParameter(4, reportJson)
                .executeUpdate();
        if (inserted == 1) {
            files.forEach((path, file) -> entityManager.createNativeQuery("""
                            INSERT INTO widget_archive_file (archive_sha256, path, content_type, sha256, bytes)
                            VALUES (?1, ?2, ?3, ?4, ?5)""")
                    .setParameter(1, sha256)
                    .setParameter(2, path)
                    .setParameter(3, file.contentType())
                    .setParameter(4, file.sha256())
                    .setParameter(5, file.bytes())
                    .executeUpdate());
        }
        return entityManager.find(WidgetArchive.class, sha256);
    }

    public record StoredFile(String contentType, String sha256, byte[] bytes) {
    }

    public Optional<ArchiveFile> file(String code, int versionNumber, String path) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT f.content_type, f.sha256, f.bytes, v.status
                        FROM integration i
                        JOIN integration_version v ON v.integration_id = i.id
                        JOIN widget_archive_file f ON f.archive_sha256 = v.archive_sha256
                        WHERE i.code = ?1 AND v.number = ?2 AND f.path = ?3""")
                .setParameter(1, code)
                .setParameter(2, versionNumber)
                .setParameter(3, path)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new ArchiveFile((String) columns[0], (String) columns[1], (byte[]) columns[2],
                    VersionStatus.valueOf(((String) columns[3]).toUpperCase()));
        });
    }

    /** The files of an archive whose path starts with a prefix (to re-check language files). */
    public Map<String, byte[]> files(String archiveSha256, List<String> paths) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT path, bytes FROM widget_archive_file WHERE archive_sha256 = ?1 AND path = ANY(CAST(?2 AS text[]))")
                .setParameter(1, archiveSha256)
                .setParameter(2, "{" + String.join(",", paths) + "}")
                .getResultList();
        Map<String, byte[]> files = new java.util.HashMap<>();
        rows.forEach(row -> files.put((String) ((Object[]) row)[0], (byte[]) ((Object[]) row)[1]));
        return files;
    }
}
