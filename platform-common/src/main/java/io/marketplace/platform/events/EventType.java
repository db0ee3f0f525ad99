package io.marketplace.platform.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every event the services send each other: its name on the wire ({@code <noun>.<past-tense verb>}), the record its
 * data is read into, and who sends it to whom. An event that was renamed keeps its former names here, so that a
 * receiver still takes one written under the old name (queued in an outbox before the rename); see ARCHITECTURE.md.
 */
public enum EventType {
    /** An integration was created or its client settings changed. */
    INTEGRATION_SAVED("integration.saved", IntegrationSaved.class,
            "integrations-service → keys-service, webhook-service, stats-service (stats-service: on creation only)"),
    /** A never-reviewed integration was deleted. */
    INTEGRATION_DELETED("integration.deleted", IntegrationDeleted.class,
            "integrations-service → keys-service, webhook-service, stats-service"),
    /** A version of the integration was published: its redirect URL is checked from then on. */
    INTEGRATION_PUBLISHED("integration.published", IntegrationPublished.class, "integrations-service → webhook-service",
            "integration.publication"),
    /** The redirect URL of a published integration became reachable, or stopped being so. */
    REDIRECT_URI_CHECKED("redirect_uri.checked", RedirectUriChecked.class, "webhook-service → integrations-service"),
    /** An account installed the integration (to keys-service: only the owner's test installs). */
    INSTALLATION_ENABLED("installation.enabled", InstallationUpdate.class, "integrations-service → keys-service, stats-service",
            "install"),
    /** An account disabled the integration. */
    INSTALLATION_DISABLED("installation.disabled", InstallationUpdate.class,
            "integrations-service → keys-service, stats-service", "uninstall"),
    /** webhook-service is to send a fresh authorization code to the redirect URL (delivery kind {@code installed}). */
    CODE_DELIVERY_REQUESTED("code_delivery.requested", WebhookJob.class, "integrations-service → webhook-service",
            "installed"),
    /** webhook-service is to send the access-revoked notice (delivery kind {@code access_revoked}). */
    REVOKE_NOTICE_REQUESTED("revoke_notice.requested", WebhookJob.class, "integrations-service → webhook-service",
            "access_revoked");

    public final String wireName;
    public final Class<?> dataType;
    public final String route;
    public final Set<String> formerNames;

    EventType(String wireName, Class<?> dataType, String route, String... formerNames) {
        this.wireName = wireName;
        this.dataType = dataType;
        this.route = route;
        this.formerNames = Set.of(formerNames);
    }

    /** The type an event of this name is, under its current name or a former one. */
    public static Optional<EventType> of(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name) || type.formerNames.contains(name)).findFirst();
    }

    /** Like {@link #of}, for a name the inbox already accepted. */
    public static EventType named(String name) {
        return of(name).orElseThrow(() -> new IllegalArgumentException("Not an event type: " + name));
    }
}
