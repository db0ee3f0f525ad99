package io.marketplace.platform.security;

/** Role names carried by user and service tokens (claim {@code groups}, or Keycloak's realm roles). */
public final class Roles {
    public static final String DEVELOPER = "developer";
    public static final String ADMIN = "admin";
    public static final String MODERATOR = "moderator";
    /** Service-to-service callers (OIDC client credentials). */
    public static final String SERVICE = "service";
    /** CI pipelines: the scope of keys-service's short-lived publish tokens, limited to one integration's versions. */
    public static final String PUBLISHER = "versions:write";

    private Roles() {
    }
}
