package io.marketplace.integrations.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;

/**
 * Sends publish tokens (issued by keys-service) to the OIDC tenant "ci" and every other token to the default tenant.
 * It only reads the unverified {@code iss} to choose; the chosen tenant verifies the signature, issuer and age.
 */
@ApplicationScoped
public class PublishTokenTenantResolver implements TenantResolver {

    public static final String CI_TENANT = "ci";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PublishingConfig publishing;

    @Override
    public String resolve(RoutingContext context) {
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
