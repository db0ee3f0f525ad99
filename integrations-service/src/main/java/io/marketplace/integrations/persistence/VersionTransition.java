package io.marketplace.integrations.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One status change of a version, kept for its history. */
@Entity
@Table(name = "version_transition")
public class VersionTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    public IntegrationVersion version;

    @Convert(converter = VersionStatusConverter.class)
    @Column(name = "from_status", nullable = false)
    public VersionStatus from;

    @Convert(converter = VersionStatusConverter.class)
    @Column(name = "to_status", nullable = false)
    public VersionStatus to;

    /** The user (token subject) or service that made the change. */
    @Column(nullable = false)
    public String actor;

    @Column(name = "actor_account_id")
    public Long actorAccountId;

    public String reason;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
