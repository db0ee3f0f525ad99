package io.marketplace.stats;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only endpoint: which request the caller's identity is tied to. It answers the {@value #PROBE} header of the
 * request the identity carries, and keeps that request only weakly, so a test can tell whether anything else still
 * holds it.
 */
@Path("/test-support/identity-request")
@Authenticated
public class IdentityRequestResource {

    static final String PROBE = "X-Probe";
    static final Map<String, WeakReference<RoutingContext>> SEEN = new ConcurrentHashMap<>();

    @Inject
    SecurityIdentity identity;

    @GET
    // test only: not part of the contract
    @Operation(hidden = true)
    public String probe() {
        RoutingContext request = identity.getAttribute(RoutingContext.class.getName());
        if (request == null) {
            return "none";
        }
        String probe = request.request().getHeader(PROBE);
        SEEN.put(probe, new WeakReference<>(request));
        return probe;
    }
}
