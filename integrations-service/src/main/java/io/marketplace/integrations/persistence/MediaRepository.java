package io.marketplace.integrations.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<ListingMedium, UUID> {

    /** A version's media with their blobs' metadata (not their bytes), gallery newest first. */
    public List<ListingMedium> ofVersion(IntegrationVersion version) {
        return list("from ListingMedium m join fetch m.blob where m.version = ?1 order by m.position desc", version);
    }

    public Optional<ListingMedium> single(IntegrationVersion version, String language, MediaKind kind) {
        return find("version = ?1 and language = ?2 and kind = ?3", version, language, kind).firstResultOptional();
    }

    public Optional<ListingMedium> galleryImage(IntegrationVersion version, String language, UUID id) {
        return find("id = ?1 and version = ?2 and language = ?3 and kind = ?4", id, version, language, MediaKind.GALLERY)
                .firstResultOptional();
    }

    /** A listing image by its public address: widget code, version number, language, kind (and id for the gallery). */
    public Optional<ListingMedium> published(String code, int versionNumber, String language, MediaKind kind, UUID id) {
        return find("""
                        from ListingMedium m join fetch m.blob
                        where m.version.integration.code = ?1 and m.version.number = ?2 and m.language = ?3
                          and m.kind = ?4 and (?5 is null or m.id = ?5)""",
                code, versionNumber, language, kind, id).firstResultOptional();
    }

    public long galleryCount(IntegrationVersion version, String language) {
        return count("version = ?1 and language = ?2 and kind = ?3", version, language, MediaKind.GALLERY);
    }

    /** Removes a language's media from the integration's drafts; the blobs stay for other versions sharing them. */
    public void deleteFromDrafts(Integration integration, String language) {
        delete("language = ?1 and version in (from IntegrationVersion v where v.integration = ?2 and v.status = ?3)",
                language, integration, VersionStatus.DRAFT);
    }

    /** Stores the bytes once per content; a second upload of the same image reuses the row. */
    public MediaBlob storeBlob(String sha256, String contentType, int width, int height, byte[] bytes) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO media_blob (sha256, content_type, width, height, size_bytes, bytes)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO NOTHING""")
                .setParameter(1, sha256)
                .setParameter(2, contentType)
                .setParameter(3, width)
                .setParameter(4, height)
                .setParameter(5, bytes.length)
                .setParameter(6, bytes)
                .executeUpdate();
        return getEntityManager().getReference(MediaBlob.class, sha256);
    }
}
