package io.marketplace.integrations.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** The text of a version's marketplace card in one language; every field stays null until the developer fills it. */
@Entity
@Table(name = "listing")
public class Listing extends ListingPart {

    public String name;

    @Column(name = "short_description")
    public String shortDescription;

    public String description;

    @Column(name = "installed_description")
    public String installedDescription;

    @Column(name = "privacy_policy_url")
    public String privacyPolicyUrl;

    @Column(name = "support_url")
    public String supportUrl;

    @Column(name = "support_email")
    public String supportEmail;

    /** Where the developer's site offers the install (required when the version has no widget). */
    @Column(name = "install_url")
    public String installUrl;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The same text for another version (a new draft starts from the latest version's listing). */
    public Listing copyFor(IntegrationVersion target) {
        Listing copy = new Listing();
        copy.id = java.util.UUID.randomUUID();
        copy.version = target;
        copy.language = language;
        copy.name = name;
        copy.shortDescription = shortDescription;
        copy.description = description;
        copy.installedDescription = installedDescription;
        copy.privacyPolicyUrl = privacyPolicyUrl;
        copy.supportUrl = supportUrl;
        copy.supportEmail = supportEmail;
        copy.installUrl = installUrl;
        copy.updatedAt = Instant.now();
        return copy;
    }
}
