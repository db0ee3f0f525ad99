package io.marketplace.integrations.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A public integration owned by one technical account; its id is also its OAuth client_id. */
@Entity
@Table(name = "integration")
public class Integration {

    @Id
    public UUID id;

    @Column(name = "owner_account_id", nullable = false)
    public long ownerAccountId;

    @Column(nullable = false, updatable = false)
    public String code;

    @Column(name = "redirect_uri", nullable = false)
    public String redirectUri;

    @Column(name = "revoke_url")
    public String revokeUrl;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> scopes;

    /** In the order the developer gave them; the first is the listing's fallback language. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> languages;

    /** What webhook-service's last check of the redirect URL found: {@code ok}, {@code failing}, or null (unchecked). */
    @Column(name = "redirect_uri_status")
    public String redirectUriStatus;

    @Column(name = "redirect_uri_checked_at")
    public Instant redirectUriCheckedAt;

    @Column(name = "redirect_uri_error")
    public String redirectUriError;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "integration", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number")
    public List<IntegrationVersion> versions = new ArrayList<>();
}
