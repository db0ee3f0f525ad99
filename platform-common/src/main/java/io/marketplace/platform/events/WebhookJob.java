package io.marketplace.platform.events;

import java.util.Set;
import java.util.UUID;

/**
 * integrations-service → webhook-service: a GET to send to a developer's system about installation
 * {@code generation} of (integration, account). The envelope's event id is the job id, which the receiver sees as
 * the stable {@code webhook-id}.
 * <ul>
 * <li>{@code code_delivery.requested}, delivery kind {@link #INSTALLED}: to the redirect URL, with a fresh authorization code, {@code referer} (the account's
 * subdomain), {@code from_widget=1} and {@code state} when given.</li>
 * <li>{@code revoke_notice.requested}, delivery kind {@link #ACCESS_REVOKED}: to the revoke URL, with {@code account_id}, {@code client_id} and Kommo's
 * {@code signature}. Sent even when the integration has no revoke URL ({@code url} null): webhook-service then
 * only cancels the code deliveries of that installation not yet sent.</li>
 * </ul>
 */
public record WebhookJob(UUID integrationId, Long ownerAccountId, Long accountId, Long generation, String url,
        String referer, String state) {
    /** The kinds of delivery, as the delivery log shows them (the names of Kommo's webhooks). */
    public static final String INSTALLED = "installed";
    public static final String ACCESS_REVOKED = "access_revoked";
    /** What an {@link #INSTALLED} delivery adds to the redirect URL's query: the URL may not carry them itself. */
    public static final Set<String> INSTALLED_PARAMETERS = Set.of("code", "state", "referer", "from_widget");
    /** What an {@link #ACCESS_REVOKED} delivery adds to the revoke URL's query. */
    public static final Set<String> ACCESS_REVOKED_PARAMETERS = Set.of("account_id", "client_id", "signature");

    /** The delivery kind a job of this type makes. */
    public static String kind(EventType type) {
        return type == EventType.CODE_DELIVERY_REQUESTED ? INSTALLED : ACCESS_REVOKED;
    }
}
