package io.marketplace.platform.security;

import io.marketplace.platform.config.PlatformConfig;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The bearer token this service presents to its neighbours, cached until shortly before it expires. */
@ApplicationScoped
public class ServiceTokens {

    private static final long DEV_TOKEN_TTL_SECONDS = 600;
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);
    private static final Duration IDP_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    PlatformConfig config;

    @Inject
    OidcClient oidcClient;

    private volatile DevTokenIssuer devIssuer;
    private volatile CachedToken cached;

    public String bearer() {
        CachedToken token = cached;
        if (token == null || Instant.now().isAfter(token.renewAt())) {
            token = fetch();
            cached = token;
        }
        return token.value();
    }

    private CachedToken fetch() {
        if (config.serviceAuth().mode() == PlatformConfig.ServiceAuth.Mode.OIDC_CLIENT) {
            Tokens tokens = oidcClient.getTokens().await().atMost(IDP_TIMEOUT);
            Long expiresAt = tokens.getAccessTokenExpiresAt();
            Instant renewAt = expiresAt == null ? Instant.now().plus(RENEW_BEFORE_EXPIRY)
                    : Instant.ofEpochSecond(expiresAt).minus(RENEW_BEFORE_EXPIRY);
            return new CachedToken(tokens.getAccessToken(), renewAt);
        }
        String value = devIssuer().serviceToken(config.serviceName(), DEV_TOKEN_TTL_SECONDS);
        return new CachedToken(value, Instant.now().plusSeconds(DEV_TOKEN_TTL_SECONDS).minus(RENEW_BEFORE_EXPIRY));
    }

    private DevTokenIssuer devIssuer() {
        if (devIssuer == null) {
            String location = config.devIssuer().privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "marketplace.dev-issuer.private-key-location is not set and marketplace.service-auth.mode is dev-issuer"));
            devIssuer = DevTokenIssuer.fromPem(readPem(location), config.devIssuer().issuer());
        }
        return devIssuer;
    }

    private static String readPem(String location) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(location.substring("classpath:".length()))) {
                    if (in == null) {
                        throw new IllegalStateException("No resource at " + location);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the development issuer key at " + location, e);
        }
    }

    private record CachedToken(String value, Instant renewAt) {
    }
}
