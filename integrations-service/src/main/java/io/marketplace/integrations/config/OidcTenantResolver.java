package io.marketplace.integrations.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Set;

/**
 * Chooses the OIDC tenant of a request. The authorization page's sign-in goes to the tenant "browser" (authorization
 * code flow at the identity provider) when it is on. Publish tokens (issued by keys-service) go to the tenant "ci", any
 * other token to the default tenant: only the unverified {@code iss} is read to choose, and the chosen tenant verifies
 * the signature, issuer and age.
 */
@ApplicationScoped
public class OidcTenantResolver implements TenantResolver {

    public static final String CI_TENANT = "ci";
    public static final String BROWSER_TENANT = "browser";
    /** The authorization page's paths that need the signed-in user, and the sign-in callback. */
    private static final Set<String> SIGNED_IN_PATHS = Set.of("/oauth", "/oauth/consent", "/oauth/signed-in");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PublishingConfig publishing;

    @Inject
    SignInConfig signIn;

    @Override
    public String resolve(RoutingContext context) {
        if (signIn.oidc() && SIGNED_IN_PATHS.contains(context.normalizedPath())) {
            return BROWSER_TENANT;
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return publishing.issuer().equals(claims.path("iss").asText()) ? CI_TENANT : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
