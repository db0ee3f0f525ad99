package io.marketplace.integrations.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "integration_version")
public class IntegrationVersion {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "integration_id")
    public Integration integration;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    @Convert(converter = VersionStatusConverter.class)
    public VersionStatus status;

    /** Version-wide settings of the listing; null until the developer sets them. */
    @Column(name = "duplicate_control")
    public Boolean duplicateControl;

    @Column(name = "multiple_sources")
    public Boolean multipleSources;

    @Column(name = "owner_company")
    public String ownerCompany;

    /** false: no widget, no archive; installed only from the developer's site (each listing's install_url). */
    @Column(name = "has_widget", nullable = false)
    public boolean hasWidget = true;

    /** Marketplace category, chosen at publication. */
    public String category;

    /** Why a moderator rejected the version; shown to the developer. */
    @Column(name = "rejection_reason")
    public String rejectionReason;

    /** When the version was last sent to review: the moderation queue's order. */
    @Column(name = "submitted_at")
    public Instant submittedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "archive_sha256")
    public WidgetArchive archive;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static IntegrationVersion draft(Integration integration, int number, Instant now) {
        IntegrationVersion version = new IntegrationVersion();
        version.id = UUID.randomUUID();
        version.integration = integration;
        version.number = number;
        version.status = VersionStatus.DRAFT;
        version.createdAt = now;
        version.updatedAt = now;
        return version;
    }
}
