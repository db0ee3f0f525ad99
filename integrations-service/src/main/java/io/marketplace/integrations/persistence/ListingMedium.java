package io.marketplace.integrations.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Generated;

/** One image of a listing: the icon, the installed logo, or one gallery image. */
@Entity
@Table(name = "listing_medium")
public class ListingMedium extends ListingPart {

    @Convert(converter = MediaKindConverter.class)
    @Column(nullable = false)
    public MediaKind kind;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "sha256")
    public MediaBlob blob;

    /** Order of addition, assigned by the database; a replaced image keeps it. */
    @Generated
    @Column(insertable = false, updatable = false)
    public Long position;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The same image for another version: a new row pointing at the same stored bytes. */
    public ListingMedium copyFor(IntegrationVersion target) {
        ListingMedium copy = new ListingMedium();
        copy.id = java.util.UUID.randomUUID();
        copy.version = target;
        copy.language = language;
        copy.kind = kind;
        copy.blob = blob;
        copy.updatedAt = Instant.now();
        return copy;
    }
}
