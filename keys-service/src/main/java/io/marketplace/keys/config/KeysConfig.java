package io.marketplace.keys.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "marketplace.keys")
public interface KeysConfig {

    /** The {@code iss} of every token, and the base of the discovery document's URLs. */
    String issuer();

    /**
     * The authorization page, where a user allows an integration (integrations-service's {@code /oauth}): a URL the
     * users' browsers reach.
     */
    String authorizationEndpoint();

    /** The {@code aud} of access tokens: the CRM API they are presented to. */
    @WithDefault("crm-api")
    String audience();

    Encryption encryption();

    @WithDefault("24h")
    Duration accessTokenLifetime();

    @WithDefault("90d")
    Duration refreshTokenLifetime();

    @WithDefault("20m")
    Duration codeLifetime();

    @WithDefault("15m")
    Duration publishTokenLifetime();

    /** A signing key is replaced once it is this old. */
    @WithDefault("30d")
    Duration signingKeyLifetime();

    /** How long a rotated-out webhook secret keeps signing beside the new one. */
    @WithDefault("24h")
    Duration webhookSecretOverlap();

    TokenRate tokenRate();

    interface TokenRate {
        /** Token requests per second a client may make on average. */
        @WithDefault("20")
        double perSecond();

        /** How many it may make at once after being idle. */
        @WithDefault("40")
        double burst();
    }

    interface Encryption {
        /** The key that encrypts new secrets; older ciphertexts name the key they were made with. */
        String activeKeyId();

        /** AES-256 keys by id, base64-encoded (32 bytes). */
        Map<String, String> keys();
    }
}
