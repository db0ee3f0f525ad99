package io.marketplace.integrations.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A validated widget.zip, stored once per content; its files live unpacked in widget_archive_file. */
@Entity
@Table(name = "widget_archive")
public class WidgetArchive {

    @Id
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(name = "entry_count", nullable = false)
    public int entryCount;

    /** The validation report as answered to the upload (warnings included). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String report;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;
}
