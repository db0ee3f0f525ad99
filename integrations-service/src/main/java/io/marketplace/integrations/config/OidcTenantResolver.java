package io.marketplace.integrations.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
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
    private static final JsonFactory JSON = new JsonFactory();

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
            return publishing.issuer().equals(issuer(Base64.getUrlDecoder().decode(parts[1]))) ? CI_TENANT : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    /** The claims' {@code iss}, read without building the rest: every request with a token comes here. */
    private static String issuer(byte[] claims) throws IOException {
        try (JsonParser parser = JSON.createParser(claims)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("iss".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
    }
}
