package io.marketplace.integrations.persistence;

/** The moderation lifecycle of a version; the JSON and database value is the lower-case name. */
public enum VersionStatus {
    DRAFT,
    IN_REVIEW,
    APPROVED,
    REJECTED,
    CANCELLED,
    PUBLISHED,
    SUPERSEDED;

    public String code() {
        return name().toLowerCase();
    }
}
