package io.marketplace.integrations.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/** Something that belongs to a version's listing in one language: its text or one of its images. */
@MappedSuperclass
public abstract class ListingPart {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    public IntegrationVersion version;

    @Column(nullable = false)
    public String language;
}
