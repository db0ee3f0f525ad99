package io.marketplace.platform.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings every service shares; each service sets its own name and neighbours in application.properties. */
@ConfigMapping(prefix = "marketplace")
public interface PlatformConfig {

    /** This service's name: the subject of its service tokens and its key in the neighbours' configuration. */
    String serviceName();

    Db db();

    ServiceAuth serviceAuth();

    DevIssuer devIssuer();

    /** The services this one sends events to, by name (for example {@code keys-service}). */
    Map<String, Neighbour> neighbours();

    Outbox outbox();

    Http http();

    StartCache startCache();

    VerifiedTokenCache verifiedTokenCache();

    /** Bearer tokens already verified, answered from memory ({@code VerifiedTokens}). */
    interface VerifiedTokenCache {
        /** How long a verified token is answered from memory at most (never past its expiry); 0 turns it off. */
        @WithDefault("60s")
        Duration ttl();

        /** How many verified tokens are kept at most; when full, a new token is kept once the sweep has made room. */
        @WithDefault("2000")
        int maxEntries();
    }

    interface StartCache {
        /**
         * Set by deploy/service-jvm.sh on a start that records the start-up cache: the file to write once started
         * ({@link StartCacheRecording}).
         */
        Optional<Path> startedMarker();
    }

    interface Http {
        /** The largest body accepted, declared by Content-Length, unless its content type has its own limit. */
        @WithDefault("1M")
        MemorySize defaultBodyLimit();

        /** Limits per content type, for example {@code marketplace.http.body-limits."image/png"=2M}. */
        Map<String, MemorySize> bodyLimits();

        /** The longest request line target (path and query) accepted; longer is a 414 problem. */
        @WithDefault("8K")
        MemorySize maxUrlLength();

        /** The most header bytes (names and values) accepted; more is a 431 problem. */
        @WithDefault("32K")
        MemorySize maxHeaderBytes();

        /**
         * The origins of browser frontends served apart from the API (for example {@code http://localhost:3000}) that
         * may call the JSON API ({@code BrowserOrigins}); none by default.
         */
        Optional<List<String>> corsOrigins();
    }

    interface Db {
        /** The PostgreSQL schema this service owns; no other service reads it. */
        String schema();
    }

    interface ServiceAuth {
        /** {@code dev-issuer}: sign service tokens with the development key; {@code oidc-client}: client credentials at the IdP. */
        @WithDefault("dev-issuer")
        Mode mode();

        enum Mode {
            DEV_ISSUER,
            OIDC_CLIENT
        }
    }

    interface DevIssuer {
        /** PEM file of the development issuer's private key ({@code classpath:} prefix allowed). */
        Optional<String> privateKeyLocation();

        @WithDefault("marketplace-dev-issuer")
        String issuer();
    }

    interface Neighbour {
        URI url();

        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();
    }

    interface Outbox {
        /** How often the relay looks for pending events when no commit woke it (retries coming due). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How many events go to a neighbour in one request. */
        @WithDefault("100")
        int batchSize();

        /** First retry delay; doubled after each failed attempt up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** Delivered rows are kept this long for inspection, then purged. */
        @WithDefault("7d")
        Duration retention();
    }
}
