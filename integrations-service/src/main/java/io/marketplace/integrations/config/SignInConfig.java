package io.marketplace.integrations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The authorization page ({@code /oauth}): how users sign in there, and what keeps it safe. */
@ConfigMapping(prefix = "marketplace.sign-in")
public interface SignInConfig {

    /**
     * {@code true}: users sign in at the platform's identity provider (OIDC tenant "browser", authorization code
     * flow). {@code false}: the development sign-in page, which exists only while the development issuer signs the
     * service tokens; with neither, the page says sign-in is not configured.
     */
    @WithDefault("false")
    boolean oidc();

    /**
     * Signs the consent form's ticket (its CSRF token) and the development sign-in cookie. Replicas must share it;
     * unset, each process makes its own and says so at startup.
     */
    Optional<String> secret();

    /** How long a consent page may wait for Allow or Deny. */
    @WithDefault("10m")
    Duration ticketLifetime();

    /** Requests to the page per integration (client) and per signed-in user: average per second, and burst. */
    @WithDefault("5")
    double perClientPerSecond();

    @WithDefault("60")
    double perClientBurst();

    @WithDefault("1")
    double perUserPerSecond();

    @WithDefault("20")
    double perUserBurst();
}
