package io.marketplace.integrations.persistence;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Image bytes addressed by their SHA-256; read-only once written. */
@Entity
@Table(name = "media_blob")
public class MediaBlob {

    @Id
    public String sha256;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    /** Loaded only when the image itself is served, not when a listing is shown. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] bytes;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;
}
