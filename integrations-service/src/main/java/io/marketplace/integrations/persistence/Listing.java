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

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
