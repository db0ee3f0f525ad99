package io.marketplace.platform.security;

import io.marketplace.platform.config.PlatformConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens of the default tenant verified in the last moments, answered from memory: a service token comes back
 * with every event batch and code request for nine minutes, and a frontend sends one user token with each call of a
 * page, so verifying each one again (its signature, its claims parsed twice) was a sixth of keys- and
 * stats-service's CPU.
 *
 * <p>Only what quarkus-oidc accepted is kept, under the token's exact text (its digest) and its tenant, and only
 * until the earlier of its {@code exp} and {@link PlatformConfig.VerifiedTokenCache#ttl()}: any other text (a forged
 * signature, a changed claim) is a miss and is verified in full, and a refusal is never kept. The one thing given up:
 * a token signed by a key the issuer withdraws stays accepted here for at most that TTL. Other tenants (CI publish
 * tokens with their age limit, the browser's code flow), and the default one if configured to bind tokens to the
 * request's certificate or proof, always go to quarkus-oidc.
 */
@ApplicationScoped
@Unremovable
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** The tenant quarkus-oidc resolves when no tenant is named: the platform's users and services. */
    static final String DEFAULT_TENANT = "Default";
    /** Where quarkus-oidc puts the token's expiry (epoch seconds) on the identity it builds. */
    private static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    @Inject
    OidcIdentityProvider oidc;

    @Inject
    PlatformConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<Key, Verified> verified = new ConcurrentHashMap<>();
    private Counter hits;
    private Counter misses;

    /** A token by its SHA-256: a lookup compares digests, never a remembered token's text, byte by byte. */
    private record Key(String tenant, String tokenDigest) {

        static Key of(String tenant, String token) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                return new Key(tenant, Base64.getEncoder().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }

    private record Verified(QuarkusSecurityIdentity identity, Instant until) {
    }

    @PostConstruct
    void meters() {
        hits = registry.counter("marketplace.verified.tokens", "outcome", "hit");
        misses = registry.counter("marketplace.verified.tokens", "outcome", "verified");
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked just before quarkus-oidc's provider, which stays the one that verifies. */
    @Override
    public int priority() {
        return oidc.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        Key key = cacheable(request, routing);
        if (key == null) {
            // quarkus-oidc, next in line, takes it
            return Uni.createFrom().nullItem();
        }
        Verified known = verified.get(key);
        Instant now = Instant.now();
        if (known != null && now.isBefore(known.until())) {
            hits.increment();
            return Uni.createFrom().item(forRequest(known.identity(), routing));
        }
        misses.increment();
        return oidc.authenticate(request, context).invoke(identity -> remember(key, identity, now));
    }

    private Key cacheable(TokenAuthenticationRequest request, RoutingContext routing) {
        if (config.verifiedTokenCache().ttl().isZero() || !(request.getToken() instanceof AccessTokenCredential)
                || routing == null) {
            return null;
        }
        OidcTenantConfig tenant = routing.get(OidcTenantConfig.class.getName());
        if (tenant == null || !DEFAULT_TENANT.equals(tenant.tenantId().orElse(null)) || checkedPerRequest(tenant)) {
            return null;
        }
        return Key.of(DEFAULT_TENANT, request.getToken().getToken());
    }

    /**
     * Whether the tenant checks more than the token itself: its binding to the client's certificate or a DPoP proof
     * (both of this request), or an age limit that could pass while the token is remembered.
     */
    private static boolean checkedPerRequest(OidcTenantConfig tenant) {
        return tenant.token().binding().certificate()
                || !"Bearer".equalsIgnoreCase(tenant.token().authorizationScheme())
                || tenant.token().age().isPresent();
    }

    private void remember(Key key, SecurityIdentity identity, Instant now) {
        if (!(identity instanceof QuarkusSecurityIdentity built)
                || !(identity.getAttribute(EXPIRE_TIME) instanceof Number expiry)) {
            return;
        }
        Instant expires = Instant.ofEpochSecond(expiry.longValue());
        Instant latest = now.plus(config.verifiedTokenCache().ttl());
        Instant until = expires.isBefore(latest) ? expires : latest;
        if (verified.size() >= config.verifiedTokenCache().maxEntries()) {
            // full: this one is verified again next time, until the sweep makes room
            return;
        }
        // kept without the request that verified it, which memory must not hold on to
        verified.put(key, new Verified(forRequest(built, null), until));
    }

    /** Expired tokens go in a sweep of their own, not in a request: a full memory is not scanned at every token. */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        Instant now = Instant.now();
        verified.values().removeIf(entry -> !now.isBefore(entry.until()));
    }

    /**
     * The identity as quarkus-oidc built it, tied to {@code routing}'s request instead of the one it was built for.
     * Built anew rather than with {@code builder(identity)}, whose permission check calls the original identity and
     * so would keep it, and its request, in memory.
     */
    private static QuarkusSecurityIdentity forRequest(QuarkusSecurityIdentity identity, RoutingContext routing) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        attributes.remove(AuthenticationRequestContext.class.getName());
        if (routing != null) {
            attributes.put(RoutingContext.class.getName(), routing);
            Object blockingContext = routing.get(AuthenticationRequestContext.class.getName());
            if (blockingContext != null) {
                attributes.put(AuthenticationRequestContext.class.getName(), blockingContext);
            }
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissions(identity.getPermissions())
                .addAttributes(attributes)
                .build();
    }
}
